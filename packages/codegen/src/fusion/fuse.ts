import { shapeEquals, type Atom, type Eqn, type Graph, type Var } from "@kiln/core";
import type { Fusion, FusedKernel, Region } from "./kernels.js";
import { readVars } from "./reads.js";
import { opClass } from "./op-class.js";
import { applyViewOp, viewOfAtom, type View } from "./views.js";

/** Computes in float32 and bool only (the values a wasm region holds). */
const floatish = (e: Eqn): boolean => [...e.inputs, ...e.out].every((a) => a.aval.dtype === "float32" || a.aval.dtype === "bool");

interface MutableRegion extends Region {
  readonly nodes: Eqn[];
}

type Builder =
  | { kind: "elementwise"; region: MutableRegion }
  | { kind: "reduce"; input: MutableRegion; reduce: Eqn; output: MutableRegion }
  | { kind: "dot"; dot: Eqn; output: MutableRegion }
  | Extract<FusedKernel, { kind: "op" | "copy" }>;

/**
 * Groups equations into kernels, greedily in program order:
 * - views (transpose, broadcast_in_dim, slice, iota, reshape) become strides, not kernels;
 * - an elementwise equation joins the most recent kernel that computes one of its operands in
 *   a region of the same shape (an elementwise loop, a reduction's prologue or epilogue, a
 *   dot's epilogue), provided it reads that kernel's values only at the same element and every
 *   other operand comes from an earlier kernel; one whose operands all come from earlier
 *   kernels (or inputs) joins the previous kernel if that is an elementwise loop of its shape;
 *   otherwise it starts an elementwise kernel;
 * - a reduction takes over the elementwise kernel computing its operand (the chain becomes its
 *   prologue), or starts its own; a dot_general always starts its own;
 * - anything else is an op kernel.
 * A value used outside its region is stored once by the kernel computing it (never recomputed);
 * everything else stays in registers.
 */
export function fuse(g: Graph): Fusion {
  const views = new Map<Var, View>();
  const kernels: Builder[] = [];
  const home = new Map<Var, { k: number; region: MutableRegion }>();
  const producer = new Map<Var, number>();
  const region = (shape: readonly number[]): MutableRegion => ({ shape, nodes: [] });
  const place = (e: Eqn, k: number, r: MutableRegion | null) => {
    for (const v of e.out) {
      producer.set(v, k);
      if (r) home.set(v, { k, region: r });
    }
  };
  const sourceVar = (a: Atom): Var | null => {
    const s = viewOfAtom(a, views).source;
    return s.kind === "var" ? s.v : null;
  };

  /** May `e` be evaluated in region `r` of kernel `k`? */
  const canJoin = (e: Eqn, k: number, r: MutableRegion): boolean =>
    e.inputs.every((a) => {
      if (a.kind === "literal" || home.get(a)?.region === r) return true;
      const src = sourceVar(a);
      const pk = src ? producer.get(src) : undefined;
      return pk === undefined || pk < k; // never a value of kernel k itself, nor of a later kernel
    });

  const join = (e: Eqn): boolean => {
    const shape = e.out[0]!.aval.shape;
    const candidates = e.inputs
      .flatMap((a) => (a.kind === "var" && home.has(a) ? [home.get(a)!] : []))
      .filter((h) => shapeEquals(h.region.shape, shape))
      .sort((a, b) => b.k - a.k);
    // no operand computed in a region of this shape: share the previous elementwise loop if it
    // has this shape (sibling comparisons feeding one `and` become one loop, their bools
    // stay in registers), and if both compute in float32/bool or both do not: an integer op
    // joining a float loop would keep that loop off the wasm path (wasm/elementwise.ts)
    const last = kernels[kernels.length - 1];
    if (candidates.length === 0 && last?.kind === "elementwise" && shapeEquals(last.region.shape, shape) && floatish(e) === last.region.nodes.every(floatish)) {
      candidates.push({ k: kernels.length - 1, region: last.region });
    }
    const target = candidates.find((h) => canJoin(e, h.k, h.region));
    if (!target) return false;
    target.region.nodes.push(e);
    place(e, target.k, target.region);
    return true;
  };

  const absorbReduce = (e: Eqn): boolean => {
    const x = e.inputs[0]!;
    const h = x.kind === "var" ? home.get(x) : undefined;
    const k = h ? kernels[h.k] : undefined;
    if (!h || k?.kind !== "elementwise" || k.region !== h.region) return false;
    const output = region(e.out[0]!.aval.shape);
    kernels[h.k] = { kind: "reduce", input: k.region, reduce: e, output };
    place(e, h.k, output);
    return true;
  };

  for (const e of g.eqns) {
    const kind = opClass[e.op];
    const k = kernels.length;
    if (kind === "view") {
      const operand = e.inputs.length > 0 ? viewOfAtom(e.inputs[0]!, views) : null;
      const v = applyViewOp(e, operand);
      if (v) views.set(e.out[0]!, v);
      else {
        // a reshape no strides can express: copy the operand out in row-major order
        kernels.push({ kind: "copy", from: operand!, to: { kind: "var", v: e.out[0]! } });
        place(e, k, null);
      }
    } else if (kind === "elementwise") {
      if (join(e)) continue;
      const r = region(e.out[0]!.aval.shape);
      r.nodes.push(e);
      kernels.push({ kind: "elementwise", region: r });
      place(e, k, r);
    } else if (kind === "reduce") {
      if (absorbReduce(e)) continue;
      const output = region(e.out[0]!.aval.shape);
      kernels.push({ kind: "reduce", input: region(e.inputs[0]!.aval.shape), reduce: e, output });
      place(e, k, output);
    } else if (kind === "dot") {
      const output = region(e.out[0]!.aval.shape);
      kernels.push({ kind: "dot", dot: e, output });
      place(e, k, output);
    } else {
      kernels.push({ kind: "op", eqn: e });
      place(e, k, null);
    }
  }

  const materialized = new Set<Var>([...g.constVars, ...g.inputs]);
  for (const k of kernels) for (const v of readVars(k, views)) materialized.add(v);
  for (const a of g.outputs) {
    const src = sourceVar(a);
    if (src) materialized.add(src);
  }
  for (const k of kernels) {
    if (k.kind === "op") k.eqn.out.forEach((v) => materialized.add(v));
    if (k.kind === "copy" && k.to.kind === "var") materialized.add(k.to.v);
  }
  return { graph: g, kernels, views, materialized, producer };
}
