import type { BackendChoice } from "../backend/choice.js";

export interface WasmOptions {
  readonly backend: BackendChoice;
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
