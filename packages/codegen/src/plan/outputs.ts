import { argumentError, stridesOf, type Atom, type Var } from "@kiln/core";
import type { Fusion, FusedKernel, Region } from "../fusion/kernels.js";
import { kernelReads, readVars, regionLocals } from "../fusion/reads.js";
import { isContiguous, viewOfAtom, viewOfVar, type View } from "../fusion/views.js";
import type { Slot } from "./slots.js";

export interface OutputPlan {
  /** Start copies, the fusion kernels, end copies: the execution order. */
  readonly kernels: readonly FusedKernel[];
  /** Vars whose buffer is an output array or an in-place input rather than scratch. */
  readonly fixed: ReadonlyMap<Var, Slot>;
  /** The buffer returned at each output position. */
  readonly results: readonly Slot[];
}

/**
 * Decides where each output's values are written.
 * - An output that is a kernel value (or a contiguous view of one) is stored by that kernel
 *   straight into the fresh output array; other outputs are copied (views, duplicates,
 *   literals; inputs are copied at the start, before any in-place write).
 * - In-place output k -> input j: the kernel computing it writes into input j's buffer when
 *   that is safe (no later kernel reads input j, and the kernel itself reads input j only at
 *   the element it writes, in the same loop); otherwise the value is copied into input j at
 *   the end (through a snapshot taken at the start if it is itself an overwritten input).
 */
export function planOutputs(fp: Fusion, inPlace: ReadonlyMap<number, number>): OutputPlan {
  const g = fp.graph;
  const nConst = g.constVars.length;
  const targets = checkInPlace(g.outputs, g.inputs, inPlace);
  const fixed = new Map<Var, Slot>();
  const start: FusedKernel[] = [];
  const end: FusedKernel[] = [];
  const results: Slot[] = [];
  let temps = 0;
  const isArg = (v: Var) => g.constVars.includes(v) || g.inputs.includes(v);

  const order = g.outputs.map((_, k) => k).sort((a, b) => Number(inPlace.has(b)) - Number(inPlace.has(a)));
  for (const k of order) {
    const atom = g.outputs[k]!;
    const view = viewOfAtom(atom, fp.views);
    const src = view.source.kind === "var" ? view.source.v : null;
    const j = inPlace.get(k);
    if (j === undefined) {
      results[k] = { kind: "output", index: k };
      if (src && !isArg(src) && isContiguous(view) && !fixed.has(src)) fixed.set(src, results[k]);
      else (src && !isArg(src) ? end : start).push({ kind: "copy", from: view, to: { kind: "output", index: k } });
      continue;
    }
    const t = g.inputs[j]!;
    results[k] = { kind: "input", index: nConst + j };
    if (src === t && isContiguous(view)) continue;
    if (src && !isArg(src) && isContiguous(view) && !fixed.has(src) && canWriteDirectly(fp, src, t)) {
      fixed.set(src, results[k]);
    } else if (src && isArg(src) && targets.has(src)) {
      const temp: Var = { kind: "var", id: -1 - temps++, aval: atom.aval };
      start.push({ kind: "copy", from: view, to: { kind: "var", v: temp } });
      end.push({ kind: "copy", from: viewOfVar(temp), to: { kind: "input", index: nConst + j } });
    } else {
      end.push({ kind: "copy", from: view, to: { kind: "input", index: nConst + j } });
    }
  }
  return { kernels: [...start, ...fp.kernels, ...end], fixed, results };
}

function checkInPlace(outputs: readonly Atom[], inputs: readonly Var[], inPlace: ReadonlyMap<number, number>): Set<Var> {
  const targets = new Set<Var>();
  for (const [k, j] of inPlace) {
    const out = outputs[k];
    const inp = inputs[j];
    if (!out) throw argumentError("compile", "inPlace", `names output ${k}, but the graph has ${outputs.length} outputs`);
    if (!inp) throw argumentError("compile", "inPlace", `names input ${j}, but the graph has ${inputs.length} inputs`);
    if (out.aval.dtype !== inp.aval.dtype || out.aval.size !== inp.aval.size) {
      throw argumentError("compile", "inPlace", `maps output ${k} (${out.aval}) to input ${j} (${inp.aval}), which differ in dtype or size`);
    }
    if (targets.has(inp)) throw argumentError("compile", "inPlace", `maps two outputs to input ${j}`);
    targets.add(inp);
  }
  return targets;
}

/** Reads of `t` by the kernel computing `r` all happen at the element `r` is written to. */
function canWriteDirectly(fp: Fusion, r: Var, t: Var): boolean {
  const p = fp.producer.get(r);
  if (p === undefined) return false;
  for (let i = p + 1; i < fp.kernels.length; i++) if (readVars(fp.kernels[i]!, fp.views).includes(t)) return false;
  const k = fp.kernels[p]!;
  const home = regionOf(k, r);
  return kernelReads(k, fp.views).every((rd) => rd.view.source.kind !== "var" || rd.view.source.v !== t || (rd.region === home && isIdentity(rd.view, home)));
}

function regionOf(k: FusedKernel, v: Var): Region | null {
  switch (k.kind) {
    case "elementwise": return k.region;
    case "reduce": return regionLocals(k.input).has(v) ? k.input : k.output;
    case "dot": return k.output;
    default: return null;
  }
}

function isIdentity(v: View, region: Region | null): boolean {
  if (!region) return false;
  const rowMajor = stridesOf(region.shape);
  return v.offset === 0 && region.shape.every((d, i) => d <= 1 || v.strides[i] === rowMajor[i]);
}
