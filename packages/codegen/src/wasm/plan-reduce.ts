import { isReduceOp, sizeOf, stridesOf, type Eqn, type Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelReads, regionLocals } from "../fusion/reads.js";
import type { View } from "../fusion/views.js";
import { coalesce, type Group } from "../plan/coalesce.js";
import { wasmSupports } from "./elementwise.js";
import { blockVectors, reduceUnits, ROW_GROUP, type ReduceAccess, type ReduceSpec } from "./kernel-reduce.js";
import { BufferParams, regionLeaves } from "./operands.js";
import { CHUNK_ELEMENTS, WASM_MIN_ELEMENTS, type WasmOptions } from "./plan.js";

type ReduceKernel = Extract<FusedKernel, { kind: "reduce" }>;

/** A reduce kernel lowered to wasm: its spec and the vars whose buffers it takes (in parameter order). */
export interface WasmReduce {
  readonly kind: "reduce";
  readonly spec: ReduceSpec;
  readonly buffers: readonly Var[];
  /** Input elements. */
  readonly elements: number;
  /** Units (column blocks or result rows, kernel-reduce.ts reduceUnits) a call covers a range of. */
  readonly rows: number;
  /** Units per call: about CHUNK_ELEMENTS input elements. */
  readonly chunk: number;
}


/**
 * The wasm form of a reduce kernel, or null when it stays JS. Required: a float32 reduce_sum,
 * reduce_max or reduce_min; every prologue and epilogue node an op of elementwise.ts; every
 * leaf a float32 buffer or a literal; every stored value float32; the input coalescing (kept
 * vs reduced axes, all accesses) to [outer?, reduced, kept] (columns layout) or [kept?, reduced]
 * (rows layout) with each buffer read contiguously or broadcast along the innermost group;
 * under `auto`, at least WASM_MIN_ELEMENTS input elements, and for a rows-layout sum at least
 * ROW_GROUP rows (one row's sum is one sequential chain: wasm does not beat the JS loop).
 */
export function planReduce(views: ReadonlyMap<Var, View>, k: ReduceKernel, stored: readonly Var[], opts: WasmOptions): WasmReduce | null {
  if (opts.backend === "js") return null;
  const { input, output, reduce } = k;
  const op = reduce.op;
  const x = reduce.inputs[0]!, result = reduce.out[0]!;
  if (!isReduceOp(op) || x.aval.dtype !== "float32" || result.aval.dtype !== "float32") return null;
  const elements = sizeOf(input.shape);
  if (elements === 0 || (opts.backend === "auto" && elements < WASM_MIN_ELEMENTS)) return null;
  if (![...input.nodes, ...output.nodes].every(wasmSupports)) return null;
  if (!stored.every((v) => v.aval.dtype === "float32")) return null;

  const axes = (reduce as Eqn<"reduce_sum">).params.axes;
  const kept = input.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const lift = (s: readonly number[]) => input.shape.map((_, d) => (kept.includes(d) ? s[kept.indexOf(d)]! : 0));
  const reads = kernelReads(k, views);
  const accesses = [
    ...reads.filter((r) => r.region === input).map((r) => r.view.strides), stridesOf(input.shape),
    ...reads.filter((r) => r.region === output).map((r) => lift(r.view.strides)), lift(stridesOf(output.shape)),
  ];
  const groups = coalesce(input.shape, accesses, input.shape.map((_, d) => (axes.includes(d) ? 1 : 0)));
  const roles = groups.map((g) => g.role).join("");
  const layout = roles === "10" || roles === "010" ? "columns" : roles === "1" || roles === "01" ? "rows" : null;
  if (!layout) return null;
  const n = groups.length;
  // [outer, rows, cols] groups
  const [gO, gR, gC]: (Group | undefined)[] = layout === "columns" ? [n === 3 ? groups[0] : undefined, groups[n - 2], groups[n - 1]] : [undefined, n === 2 ? groups[0] : undefined, groups[n - 1]];
  const size = (g: Group | undefined) => g?.size ?? 1;
  if (layout === "rows" && op === "reduce_sum" && opts.backend === "auto" && size(gR) < ROW_GROUP) return null;

  const params = new BufferParams();
  const strideOf = (s: readonly number[], g: Group | undefined) => (g ? s[g.dims[g.dims.length - 1]!]! : 0);
  const access = (v: Var, strides: readonly number[], offset: number): ReduceAccess | null => {
    const outer = strideOf(strides, gO), row = strideOf(strides, gR), col = strideOf(strides, gC);
    if (outer < 0 || row < 0 || offset < 0 || (col !== 0 && col !== 1)) return null;
    return { param: params.of(v), offset, outer, row, col };
  };

  const inLocals = regionLocals(input);
  const inLeaves = regionLeaves(views, [...input.nodes.flatMap((e) => e.inputs), x], inLocals, input.shape, (s) => s, access);
  const outLeaves = regionLeaves(views, output.nodes.flatMap((e) => e.inputs), regionLocals(output, reduce.out), output.shape, lift, access);
  if (!inLeaves || !outLeaves) return null;

  const inStored = stored.filter((v) => inLocals.has(v));
  const outStored = stored.filter((v) => !inLocals.has(v));
  const stores = new Map<Var, ReduceAccess>();
  for (const v of stored) {
    const a = access(v, inLocals.has(v) ? stridesOf(input.shape) : lift(stridesOf(output.shape)), 0);
    if (!a) return null;
    stores.set(v, a);
  }

  const spec: ReduceSpec = {
    op,
    layout,
    outer: size(gO),
    rows: size(gR),
    cols: size(gC),
    params: params.vars.length,
    input,
    output,
    x,
    result,
    inStored,
    outStored,
    inLeaf: (a) => inLeaves.get(a)!,
    outLeaf: (a) => outLeaves.get(a)!,
    store: (v) => stores.get(v)!,
  };
  const perUnit = layout === "rows" ? spec.cols : spec.rows * Math.min(spec.cols, 4 * blockVectors(op));
  const chunk = Math.max(1, Math.ceil(CHUNK_ELEMENTS / perUnit));
  return { kind: "reduce", spec, buffers: params.vars, elements, rows: reduceUnits(spec), chunk: layout === "rows" ? Math.ceil(chunk / ROW_GROUP) * ROW_GROUP : chunk };
}
