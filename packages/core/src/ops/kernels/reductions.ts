import { ShapedArray } from "../../aval.js";
import { dtypeInfo, type TypedArray } from "../../dtype.js";
import { stridesOf } from "../../shape.js";
import type { Operand } from "./elementwise.js";
import { indexMap } from "./index-map.js";

/** For each input element, the flat index of the output element it reduces into. */
function reductionMap(x: ShapedArray, axes: readonly number[]): Int32Array {
  const keptShape = x.shape.filter((_, i) => !axes.includes(i));
  const keptStrides = stridesOf(keptShape);
  let k = 0;
  const strides = x.shape.map((_, i) => (axes.includes(i) ? 0 : keptStrides[k++]!));
  return indexMap(x.shape, strides);
}

/**
 * Sums accumulate in a double and round once at the end (kiln's one documented exception to
 * op-by-op float32 rounding; see docs/numerics.md). Integer sums wrap like int32.
 */
export function reduceSum(x: Operand, axes: readonly number[], out: ShapedArray): TypedArray {
  const map = reductionMap(x.aval, axes);
  const acc = new Float64Array(out.size);
  const d = x.data;
  if (x.aval.dtype === "float32") {
    for (let i = 0; i < d.length; i++) acc[map[i]!]! += d[i]!;
  } else {
    for (let i = 0; i < d.length; i++) acc[map[i]!] = (acc[map[i]!]! + d[i]!) | 0;
  }
  return dtypeInfo[out.dtype].from(acc);
}

/** max/min with NaN propagation (Math.max/min semantics). */
export function reduceExtreme(x: Operand, axes: readonly number[], out: ShapedArray, isMax: boolean): TypedArray {
  const map = reductionMap(x.aval, axes);
  const init = isMax ? -Infinity : Infinity;
  const acc = new Float64Array(out.size).fill(init);
  const d = x.data;
  const pick = isMax ? Math.max : Math.min;
  for (let i = 0; i < d.length; i++) acc[map[i]!] = pick(acc[map[i]!]!, d[i]!);
  return dtypeInfo[out.dtype].from(acc);
}

/** Index of the first maximum (or minimum) along one axis; a NaN counts as the extreme, as in JAX. */
export function argExtreme(x: Operand, axis: number, out: ShapedArray, isMax: boolean): TypedArray {
  const shape = x.aval.shape;
  const strides = stridesOf(shape);
  const n = shape[axis]!;
  const step = strides[axis]!;
  const starts = indexMap(out.shape, shape.flatMap((_, i) => (i === axis ? [] : [strides[i]!])));
  const result = dtypeInfo[out.dtype].create(out.size);
  const d = x.data;
  for (let o = 0; o < starts.length; o++) {
    let best = d[starts[o]!]!;
    let bestIdx = 0;
    for (let k = 1; k < n && !Number.isNaN(best); k++) {
      const v = d[starts[o]! + k * step]!;
      if (Number.isNaN(v) || (isMax ? v > best : v < best)) {
        best = v;
        bestIdx = k;
      }
    }
    result[o] = bestIdx;
  }
  return result;
}
