import { sizeOf, type Var } from "@kiln/core";
import type { Access } from "../plan/accesses.js";
import type { ElementwisePlan } from "../plan/kernel-plan.js";
import { wasmSupports } from "./elementwise.js";
import type { ElementwiseSpec, RowAccess } from "./kernel-elementwise.js";
import { adaptLeaves, adaptStores, forward } from "./operands.js";
import { WASM_MIN_ELEMENTS, type WasmOptions } from "./options.js";

/** An elementwise kernel the wasm backend runs: its spec and the vars whose buffers it takes. */
export interface WasmElementwise {
  readonly kind: "elementwise";
  readonly spec: ElementwiseSpec;
  readonly buffers: readonly Var[];
  readonly elements: number;
  /** Rows of its [rows, cols] space (a call computes a range of them). */
  readonly rows: number;
}

/**
 * The wasm form of a standalone elementwise kernel, or null when it stays JS: every node an
 * op of elementwise.ts, every leaf a float32 buffer or a literal, every stored value float32,
 * the shape coalescing to at most [rows, cols] with each buffer read contiguously (column
 * stride 1) or broadcast along the row (column stride 0), at least one f32x4 vector of
 * elements, and (under `auto`) at least WASM_MIN_ELEMENTS.
 */
export function claimElementwise(plan: ElementwisePlan, opts: WasmOptions): WasmElementwise | null {
  if (opts.backend === "js") return null;
  const { kernel: k, stored, groups } = plan;
  const elements = sizeOf(k.region.shape);
  // even when forced, a kernel smaller than one f32x4 vector has nothing to vectorize
  if (elements < 4 || (opts.backend === "auto" && elements < WASM_MIN_ELEMENTS)) return null;
  if (stored.length === 0 || !k.region.nodes.every(wasmSupports)) return null;
  if (!stored.every((v) => v.aval.dtype === "float32" && sizeOf(v.aval.shape) === elements)) return null;
  if (groups.length > 2) return null;

  const [row, col] = groups.length === 2 ? [0, 1] : [-1, groups.length - 1];
  const adapt = (v: Var, a: Access): RowAccess | null => {
    const c = col < 0 ? 0 : a.strides[col]!;
    if (!forward(a) || (c !== 0 && c !== 1)) return null;
    return { param: plan.buffers.indexOf(v), offset: a.offset, row: row < 0 ? 0 : a.strides[row]!, col: c };
  };
  const leaves = adaptLeaves(plan.leaves, adapt);
  const stores = adaptStores(stored, plan.stores, adapt);
  if (!leaves || !stores) return null;
  const rows = row < 0 ? 1 : groups[row]!.size;
  const spec: ElementwiseSpec = {
    rows,
    cols: col < 0 ? 1 : groups[col]!.size,
    params: plan.buffers.length,
    region: k.region,
    stored,
    leaf: (x) => leaves.get(x)!,
    store: (v) => stores.get(v)!,
  };
  return { kind: "elementwise", spec, buffers: plan.buffers, elements, rows };
}
