import { isReduceOp, sizeOf, type Var } from "@kiln/core";
import type { Access } from "../plan/accesses.js";
import type { ReducePlan } from "../plan/kernel-plan.js";
import { wasmSupports } from "./elementwise.js";
import { blockVectors, reduceUnits, ROW_GROUP, type ReduceAccess, type ReduceSpec } from "./kernel-reduce.js";
import { adaptLeaves, adaptStores, forward } from "./operands.js";
import { CHUNK_ELEMENTS, WASM_MIN_ELEMENTS, type WasmOptions } from "./options.js";

/** A reduce kernel the wasm backend runs: its spec and the vars whose buffers it takes (in parameter order). */
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
 * leaf a float32 buffer or a literal; every stored value float32; the plan's groups (kept vs
 * reduced axes, all accesses) in one of two layouts, [outer?, reduced, kept] (columns) or
 * [kept?, reduced] (rows), with each buffer read contiguously or broadcast along the innermost
 * group; under `auto`, at least WASM_MIN_ELEMENTS input elements, and for a rows-layout sum at
 * least ROW_GROUP rows (one row's sum is one sequential chain: wasm does not beat the JS loop).
 */
export function claimReduce(plan: ReducePlan, opts: WasmOptions): WasmReduce | null {
  if (opts.backend === "js") return null;
  const { input, output, reduce } = plan.kernel;
  const op = reduce.op;
  const x = reduce.inputs[0]!, result = reduce.out[0]!;
  if (!isReduceOp(op) || x.aval.dtype !== "float32" || result.aval.dtype !== "float32") return null;
  const elements = sizeOf(input.shape);
  if (elements === 0 || (opts.backend === "auto" && elements < WASM_MIN_ELEMENTS)) return null;
  if (![...input.nodes, ...output.nodes].every(wasmSupports)) return null;
  if (!plan.stored.every((v) => v.aval.dtype === "float32")) return null;

  const groups = plan.groups;
  const roles = groups.map((g) => g.role).join("");
  const layout = roles === "10" || roles === "010" ? "columns" : roles === "1" || roles === "01" ? "rows" : null;
  if (!layout) return null;
  const n = groups.length;
  // the [outer, rows, cols] groups' indices (-1: none)
  const [gO, gR, gC] = layout === "columns" ? [n === 3 ? 0 : -1, n - 2, n - 1] : [-1, n === 2 ? 0 : -1, n - 1];
  const size = (gi: number) => (gi < 0 ? 1 : groups[gi]!.size);
  if (layout === "rows" && op === "reduce_sum" && opts.backend === "auto" && size(gR) < ROW_GROUP) return null;

  const at = (a: Access, gi: number) => (gi < 0 ? 0 : a.strides[gi]!);
  const adapt = (v: Var, a: Access): ReduceAccess | null => {
    const col = at(a, gC);
    if (!forward(a) || (col !== 0 && col !== 1)) return null;
    return { param: plan.buffers.indexOf(v), offset: a.offset, outer: at(a, gO), row: at(a, gR), col };
  };
  const inLeaves = adaptLeaves(plan.inLeaves, adapt);
  const outLeaves = adaptLeaves(plan.outLeaves, adapt);
  const stores = adaptStores(plan.stored, plan.stores, adapt);
  if (!inLeaves || !outLeaves || !stores) return null;

  const spec: ReduceSpec = {
    op,
    layout,
    outer: size(gO),
    rows: size(gR),
    cols: size(gC),
    params: plan.buffers.length,
    input,
    output,
    x,
    result,
    inStored: plan.inStored,
    outStored: plan.outStored,
    inLeaf: (a) => inLeaves.get(a)!,
    outLeaf: (a) => outLeaves.get(a)!,
    store: (v) => stores.get(v)!,
  };
  const perUnit = layout === "rows" ? spec.cols : spec.rows * Math.min(spec.cols, 4 * blockVectors(op));
  const chunk = Math.max(1, Math.ceil(CHUNK_ELEMENTS / perUnit));
  return { kind: "reduce", spec, buffers: plan.buffers, elements, rows: reduceUnits(spec), chunk: layout === "rows" ? Math.ceil(chunk / ROW_GROUP) * ROW_GROUP : chunk };
}
