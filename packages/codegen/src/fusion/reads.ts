import type { Var } from "@kiln/core";
import type { FusedKernel, Region } from "./kernels.js";
import { broadcastView, viewOfAtom, type View } from "./views.js";

/**
 * A buffer (or literal/iota) read by a kernel: the view broadcast to the region it is read in,
 * or `region: null` for reads that are not per-element (dot operands, op operands, copies).
 */
export interface Read {
  readonly view: View;
  readonly region: Region | null;
}

/** Vars computed inside a region (its nodes, plus a reduce/dot result it receives). */
export function regionLocals(region: Region, provided: readonly Var[] = []): Set<Var> {
  return new Set([...provided, ...region.nodes.flatMap((e) => e.out)]);
}

function regionReads(region: Region, locals: ReadonlySet<Var>, views: ReadonlyMap<Var, View>): Read[] {
  const reads: Read[] = [];
  for (const e of region.nodes) {
    for (const a of e.inputs) {
      if (a.kind === "literal" || locals.has(a)) continue;
      reads.push({ view: broadcastView(viewOfAtom(a, views), region.shape), region });
    }
  }
  return reads;
}

export function kernelReads(k: FusedKernel, views: ReadonlyMap<Var, View>): Read[] {
  switch (k.kind) {
    case "elementwise":
      return regionReads(k.region, regionLocals(k.region), views);
    case "reduce": {
      const locals = regionLocals(k.input);
      const x = k.reduce.inputs[0]!;
      const own: Read[] = x.kind === "var" && locals.has(x) ? [] : [{ view: broadcastView(viewOfAtom(x, views), k.input.shape), region: k.input }];
      return [...regionReads(k.input, locals, views), ...own, ...regionReads(k.output, regionLocals(k.output, k.reduce.out), views)];
    }
    case "dot": {
      const operands = k.dot.inputs.map((a) => ({ view: viewOfAtom(a, views), region: null }));
      return [...operands, ...regionReads(k.output, regionLocals(k.output, k.dot.out), views)];
    }
    case "op":
      return k.eqn.inputs.map((a) => ({ view: viewOfAtom(a, views), region: null }));
    case "copy":
      return [{ view: k.from, region: null }];
  }
}

/** The vars whose buffers a kernel reads. */
export function readVars(k: FusedKernel, views: ReadonlyMap<Var, View>): Var[] {
  return kernelReads(k, views).flatMap((r) => (r.view.source.kind === "var" ? [r.view.source.v] : []));
}
