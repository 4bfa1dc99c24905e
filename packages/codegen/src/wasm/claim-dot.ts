import type { Var } from "@kiln/core";
import type { Access } from "../plan/accesses.js";
import { dotExtents, Role } from "../plan/dot-space.js";
import type { DotPlan } from "../plan/kernel-plan.js";
import { wasmSupports } from "./elementwise.js";
import type { DotAccess, DotSpec } from "./kernel-dot.js";
import { adaptLeaves, adaptStores, forward } from "./operands.js";
import { WASM_MIN_MACS, type WasmOptions } from "./options.js";

/** A dot kernel the wasm backend runs: its spec, the vars whose buffers it takes (in parameter order). */
export interface WasmDot {
  readonly kind: "dot";
  readonly spec: DotSpec;
  readonly buffers: readonly Var[];
  readonly macs: number;
  /** Rows (M) a thread split divides. */
  readonly rows: number;
}

/**
 * The wasm form of a dot kernel, or null when it stays JS: float32 operands and result, both
 * operands buffers read forward, at least one contraction group, every epilogue node an op of
 * elementwise.ts over float32 buffers and literals, and (under `auto`) at least WASM_MIN_MACS
 * multiply-adds.
 */
export function claimDot(plan: DotPlan, opts: WasmOptions): WasmDot | null {
  if (opts.backend === "js") return null;
  const { kernel: k, space: sp, stored } = plan;
  const dotVar = k.dot.out[0]!;
  if (dotVar.aval.dtype !== "float32" || !k.dot.inputs.every((a) => a.aval.dtype === "float32")) return null;
  if (plan.a.kind !== "buffer" || plan.b.kind !== "buffer") return null;
  const g = sp.groups;
  // a dot without contraction (an outer product) is memory-bound: it stays JS
  const kGroups = g.map((_, gi) => gi).filter((gi) => g[gi]!.role === Role.K);
  if (kGroups.length === 0) return null;
  const macs = sp.sizes.reduce((a, b) => a * b, 1);
  if (macs === 0 || (opts.backend === "auto" && macs < WASM_MIN_MACS)) return null;
  if (!k.output.nodes.every(wasmSupports)) return null;

  const { M, N, K, mi, ni, ki } = dotExtents(sp);
  const outer = g.map((_, gi) => gi).filter((gi) => g[gi]!.role !== Role.K && gi !== mi && gi !== ni);
  const kOuter = kGroups.filter((gi) => gi !== ki);
  const at = (a: Access, gi: number) => (gi < 0 ? 0 : a.strides[gi]!);
  const adapt = (v: Var, a: Access): DotAccess | null =>
    forward(a) ? { param: plan.buffers.indexOf(v), offset: a.offset, outer: outer.map((gi) => a.strides[gi]!), kOuter: kOuter.map((gi) => a.strides[gi]!), m: at(a, mi), n: at(a, ni), k: at(a, ki) } : null;
  const a = adapt(plan.a.v, plan.a.access);
  const b = adapt(plan.b.v, plan.b.access);
  if (!a || !b) return null;

  // every leaf of the epilogue must be a float32 buffer or a literal; bools stay in registers
  if (!stored.every((v) => v.aval.dtype === "float32")) return null;
  const leaves = adaptLeaves(plan.leaves, adapt);
  const stores = adaptStores(stored, plan.stores, adapt);
  if (!leaves || !stores) return null;

  const spec: DotSpec = {
    outer: outer.map((gi) => g[gi]!.size),
    M, N, K, a, b,
    kOuter: kOuter.map((gi) => g[gi]!.size),
    params: plan.buffers.length,
    region: k.output,
    dotVar,
    stored,
    leaf: (x) => leaves.get(x)!,
    store: (v) => stores.get(v)!,
    exact: opts.exact,
    relaxed: opts.relaxed && !opts.exact,
  };
  return { kind: "dot", spec, buffers: plan.buffers, macs, rows: M };
}
