import { sizeOf, stridesOf, type Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelReads, regionLocals } from "../fusion/reads.js";
import type { View } from "../fusion/views.js";
import { dotSpace, Role, type DotKernel } from "../plan/dot-space.js";
import { coalesce, type Group } from "../plan/coalesce.js";
import { wasmSupports } from "./elementwise.js";
import type { Access, DotSpec } from "./kernel-dot.js";
import type { ElementwiseSpec, RowAccess } from "./kernel-elementwise.js";
import { BufferParams, regionLeaves } from "./operands.js";
import type { WasmReduce } from "./plan-reduce.js";

/** Which lowering a kernel gets: `auto` asks the cost model, `js` and `wasm` force one. */
export type Backend = "auto" | "js" | "wasm";

export interface WasmOptions {
  readonly backend: Backend;
  /** f64x2 accumulation in wasm dots: the JS path's bits, about 3x slower (tests). */
  readonly exact: boolean;
  readonly relaxed: boolean;
}

/**
 * The cost model. A wasm call costs about a microsecond of fixed work (the call, packing
 * the first blocks, the epilogue's setup) and then runs 4-6x faster than the JS tiles, so a
 * dot moves to wasm from this many multiply-adds (the seed step at S, 2,048 per dot, stays JS).
 */
export const WASM_MIN_MACS = 16_384;

/** A dot kernel lowered to wasm: its spec, the vars whose buffers it takes (in parameter order). */
export interface WasmDot {
  readonly kind: "dot";
  readonly spec: DotSpec;
  readonly buffers: readonly Var[];
  readonly macs: number;
  /** Rows (M) a thread split divides. */
  readonly rows: number;
}

/** The wasm form of a dot kernel, or null when it stays JS (unsupported, or too small under `auto`). */
export function planDot(views: ReadonlyMap<Var, View>, k: DotKernel, stored: readonly Var[], opts: WasmOptions): WasmDot | null {
  if (opts.backend === "js") return null;
  const dotVar = k.dot.out[0]!;
  if (dotVar.aval.dtype !== "float32" || !k.dot.inputs.every((a) => a.aval.dtype === "float32")) return null;
  const sp = dotSpace(views, k);
  if (sp.a.source.kind !== "var" || sp.b.source.kind !== "var") return null;
  const g = sp.groups;
  const kGroups = g.filter((x) => x.role === Role.K);
  if (kGroups.length !== 1) return null;
  const macs = sp.sizes.reduce((a, b) => a * b, 1);
  if (macs === 0 || (opts.backend === "auto" && macs < WASM_MIN_MACS)) return null;
  if (!k.output.nodes.every(wasmSupports)) return null;

  const lastOf = (role: Role) => g.map((x) => x.role).lastIndexOf(role);
  const mi = lastOf(Role.M), ni = lastOf(Role.N), ki = lastOf(Role.K);
  const outer = g.map((_, gi) => gi).filter((gi) => g[gi]!.role !== Role.K && gi !== mi && gi !== ni);
  const strideOf = (s: readonly number[], gi: number) => (gi < 0 ? 0 : s[g[gi]!.dims[g[gi]!.dims.length - 1]!]!);
  const size = (gi: number) => (gi < 0 ? 1 : g[gi]!.size);

  const params = new BufferParams();
  const access = (v: Var, strides: readonly number[], offset: number): Access | null => {
    if ([...strides, offset].some((s) => s < 0)) return null;
    return { param: params.of(v), offset, outer: outer.map((gi) => strideOf(strides, gi)), m: strideOf(strides, mi), n: strideOf(strides, ni), k: strideOf(strides, ki) };
  };
  const a = access(sp.a.source.v, sp.a.strides, sp.a.offset);
  const b = access(sp.b.source.v, sp.b.strides, sp.b.offset);
  if (!a || !b) return null;

  // every leaf of the epilogue must be a float32 buffer or a literal; bools stay in registers
  if (!stored.every((v) => v.aval.dtype === "float32")) return null;
  const leaves = regionLeaves(views, k.output.nodes.flatMap((e) => e.inputs), regionLocals(k.output, k.dot.out), k.output.shape, sp.lift, access);
  if (!leaves) return null;
  const outStrides = sp.lift(stridesOf(k.output.shape));
  const stores = new Map<Var, Access>();
  for (const v of stored) stores.set(v, access(v, outStrides, 0)!);

  const spec: DotSpec = {
    outer: outer.map(size),
    M: size(mi),
    N: size(ni),
    K: size(ki),
    a,
    b,
    params: params.vars.length,
    region: k.output,
    dotVar,
    stored,
    leaf: (x) => leaves.get(x)!,
    store: (v) => stores.get(v)!,
    exact: opts.exact,
    relaxed: opts.relaxed && !opts.exact,
  };
  return { kind: "dot", spec, buffers: params.vars, macs, rows: size(mi) };
}

/**
 * Standalone elementwise kernels move to wasm from this many elements: below it the call and
 * the copies around it cost more than the f32x4 loop saves (the seed step at S stays JS).
 */
export const WASM_MIN_ELEMENTS = 16_384;

/**
 * Elementwise and reduce kernels are called on about this many elements at a time (whole rows
 * or units): short calls let V8 swap in optimized code early (program.ts), and any split gives
 * the same bits.
 */
export const CHUNK_ELEMENTS = 1 << 16;

/** An elementwise kernel lowered to wasm: its spec and the vars whose buffers it takes. */
export interface WasmElementwise {
  readonly kind: "elementwise";
  readonly spec: ElementwiseSpec;
  readonly buffers: readonly Var[];
  readonly elements: number;
  /** Rows of its [rows, cols] space (a call computes a range of them). */
  readonly rows: number;
}

export type WasmKernel = WasmDot | WasmElementwise | WasmReduce;

/**
 * The wasm form of a standalone elementwise kernel, or null when it stays JS: every node an
 * op of elementwise.ts, every leaf a float32 buffer or a literal, every stored value float32,
 * the shape coalescing to at most [rows, cols] with each buffer read contiguously (column
 * stride 1) or broadcast along the row (column stride 0), at least one f32x4 vector of
 * elements, and (under `auto`) at least WASM_MIN_ELEMENTS.
 */
export function planElementwise(views: ReadonlyMap<Var, View>, k: Extract<FusedKernel, { kind: "elementwise" }>, stored: readonly Var[], opts: WasmOptions): WasmElementwise | null {
  if (opts.backend === "js") return null;
  const shape = k.region.shape;
  const elements = sizeOf(shape);
  // even when forced, a kernel smaller than one f32x4 vector has nothing to vectorize
  if (elements < 4 || (opts.backend === "auto" && elements < WASM_MIN_ELEMENTS)) return null;
  if (stored.length === 0 || !k.region.nodes.every(wasmSupports)) return null;
  if (!stored.every((v) => v.aval.dtype === "float32" && sizeOf(v.aval.shape) === elements)) return null;

  const outStrides = stridesOf(shape);
  const groups = coalesce(shape, [...kernelReads(k, views).map((r) => r.view.strides), outStrides]);
  if (groups.length > 2) return null;
  const inner = groups[groups.length - 1];
  const outer = groups.length === 2 ? groups[0] : undefined;
  const strideOf = (s: readonly number[], g: Group | undefined) => (g ? s[g.dims[g.dims.length - 1]!]! : 0);

  const params = new BufferParams();
  const access = (v: Var, strides: readonly number[], offset: number): RowAccess | null => {
    const row = strideOf(strides, outer), col = strideOf(strides, inner);
    if (row < 0 || offset < 0 || (col !== 0 && col !== 1)) return null;
    return { param: params.of(v), offset, row, col };
  };

  const leaves = regionLeaves(views, k.region.nodes.flatMap((e) => e.inputs), regionLocals(k.region), shape, (s) => s, access);
  if (!leaves) return null;
  const stores = new Map<Var, RowAccess>();
  for (const v of stored) {
    const acc = access(v, outStrides, 0);
    if (!acc) return null;
    stores.set(v, acc);
  }
  const rows = outer?.size ?? 1;
  const spec: ElementwiseSpec = {
    rows,
    cols: inner?.size ?? 1,
    params: params.vars.length,
    region: k.region,
    stored,
    leaf: (x) => leaves.get(x)!,
    store: (v) => stores.get(v)!,
  };
  return { kind: "elementwise", spec, buffers: params.vars, elements, rows };
}
