import type { Shape } from "../../shape.js";
import { sizeOf, stridesOf } from "../../shape.js";

/**
 * For every element of an array of shape `shape` (row-major), the flat index
 * `offset + sum(index[d] * strides[d])`. One function serves broadcasting, transposes,
 * slices, reductions (stride 0 on reduced axes) and concatenation in the eager kernels.
 */
export function indexMap(shape: Shape, strides: readonly number[], offset = 0): Int32Array {
  const n = sizeOf(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  if (n === 0) return out;
  if (nd === 0) {
    out[0] = offset;
    return out;
  }
  const last = nd - 1;
  const lastSize = shape[last]!;
  const lastStride = strides[last]!;
  const counter = new Array<number>(nd).fill(0);
  let base = offset;
  for (let i = 0; i < n; i += lastSize) {
    for (let k = 0; k < lastSize; k++) out[i + k] = base + k * lastStride;
    // advance the odometer over all but the last axis
    for (let d = last - 1; d >= 0; d--) {
      counter[d]!++;
      base += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return out;
}

/** Strides that read an input of shape `inShape` NumPy-broadcast to `outShape`. */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const inStrides = stridesOf(inShape);
  const lead = outShape.length - inShape.length;
  return outShape.map((_, j) => {
    const i = j - lead;
    return i < 0 || inShape[i] === 1 ? 0 : inStrides[i]!;
  });
}

/** The input index map for broadcasting, or null when no mapping is needed (same shape). */
export function broadcastMap(inShape: Shape, outShape: Shape): Int32Array | null {
  if (inShape.length === outShape.length && inShape.every((d, i) => d === outShape[i])) return null;
  return indexMap(outShape, broadcastStrides(inShape, outShape));
}
