import type { DType } from "@kiln/core";

/** Element types of buffers: the four dtypes, plus float64 for accumulators. */
export type BufferType = DType | "float64";

/**
 * Where a buffer lives.
 * - input: argument `index` of run() (constVars first, then inputs);
 * - output: the fresh array returned at output position `index`, allocated by each call;
 * - scratch: allocated once when the function is compiled and reused by every call.
 */
export type Slot =
  | { readonly kind: "input"; readonly index: number }
  | { readonly kind: "output"; readonly index: number }
  | { readonly kind: "scratch"; readonly id: number };

export interface ScratchBuffer {
  readonly id: number;
  readonly type: BufferType;
  readonly size: number;
}

export const arrayConstructor: { readonly [T in BufferType]: string } = {
  float32: "Float32Array",
  int32: "Int32Array",
  uint32: "Uint32Array",
  bool: "Uint8Array",
  float64: "Float64Array",
};
