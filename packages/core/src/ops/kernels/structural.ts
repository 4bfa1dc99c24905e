import type { ShapedArray } from "../../aval.js";
import { dtypeInfo, type TypedArray } from "../../dtype.js";
import { KilnError } from "../../errors.js";
import { stridesOf } from "../../shape.js";
import type { OpParams } from "../op-names.js";
import type { Operand } from "./elementwise.js";
import { indexMap } from "./index-map.js";

function gather(x: Operand, map: Int32Array, out: ShapedArray): TypedArray {
  const result = dtypeInfo[out.dtype].create(map.length);
  const d = x.data;
  for (let i = 0; i < map.length; i++) result[i] = d[map[i]!]!;
  return result;
}

export function transpose(x: Operand, permutation: readonly number[], out: ShapedArray): TypedArray {
  const s = stridesOf(x.aval.shape);
  return gather(x, indexMap(out.shape, permutation.map((a) => s[a]!)), out);
}

export function broadcastInDim(x: Operand, p: OpParams["broadcast_in_dim"], out: ShapedArray): TypedArray {
  const s = stridesOf(x.aval.shape);
  const strides = out.shape.map(() => 0);
  p.broadcastDimensions.forEach((d, i) => {
    strides[d] = x.aval.shape[i] === 1 ? 0 : s[i]!;
  });
  return gather(x, indexMap(out.shape, strides), out);
}

export function slice(x: Operand, p: OpParams["slice"], out: ShapedArray): TypedArray {
  const s = stridesOf(x.aval.shape);
  const offset = p.startIndices.reduce((acc, a, i) => acc + a * s[i]!, 0);
  return gather(x, indexMap(out.shape, s.map((st, i) => st * p.strides[i]!), offset), out);
}

export function concatenate(xs: readonly Operand[], dimension: number, out: ShapedArray): TypedArray {
  const result = dtypeInfo[out.dtype].create(out.size);
  const os = stridesOf(out.shape);
  let start = 0;
  for (const x of xs) {
    const map = indexMap(x.aval.shape, os, start * os[dimension]!);
    for (let i = 0; i < map.length; i++) result[map[i]!] = x.data[i]!;
    start += x.aval.shape[dimension]!;
  }
  return result;
}

export function pad(x: Operand, value: number, p: OpParams["pad"], out: ShapedArray): TypedArray {
  const result = dtypeInfo[out.dtype].create(out.size).fill(value);
  const os = stridesOf(out.shape);
  const shape = x.aval.shape;
  const inStrides = stridesOf(shape);
  for (let i = 0; i < x.data.length; i++) {
    let o = 0;
    let inside = true;
    for (let d = 0; d < shape.length; d++) {
      const idx = Math.floor(i / inStrides[d]!) % shape[d]!;
      const pos = p.lo[d]! + idx * (p.interior[d]! + 1);
      if (pos < 0 || pos >= out.shape[d]!) inside = false;
      o += pos * os[d]!;
    }
    if (inside) result[o] = x.data[i]!;
  }
  return result;
}

export function iota(p: OpParams["iota"], out: ShapedArray): TypedArray {
  const strides = out.shape.map((_, i) => (i === p.dimension ? 1 : 0));
  return dtypeInfo[out.dtype].from(indexMap(out.shape, strides));
}

function checkIndex(op: string, v: number, size: number): void {
  if (v < 0 || v >= size) throw new KilnError(`${op}: index ${v} is out of bounds for an axis of size ${size}`);
}

/** Gathers slices along `axis` at integer indices (eagerly, out-of-range indices are an error). */
export function take(x: Operand, idx: Operand, axis: number, out: ShapedArray): TypedArray {
  const shape = x.aval.shape;
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis]!;
  const m = idx.data.length;
  const result = dtypeInfo[out.dtype].create(out.size);
  for (let j = 0; j < m; j++) checkIndex("take", idx.data[j]!, n);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const src = (o * n + idx.data[j]!) * inner;
      result.set(x.data.subarray(src, src + inner), (o * m + j) * inner);
    }
  }
  return result;
}

/** The transpose of take: adds each update slice into a zero array at its index. */
export function scatterAdd(u: Operand, idx: Operand, p: OpParams["scatter_add"], out: ShapedArray): TypedArray {
  const shape = p.shape;
  const outer = shape.slice(0, p.axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(p.axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[p.axis]!;
  const m = idx.data.length;
  const acc = new Float64Array(out.size);
  for (let j = 0; j < m; j++) checkIndex("scatter_add", idx.data[j]!, n);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const dst = (o * n + idx.data[j]!) * inner;
      const src = (o * m + j) * inner;
      for (let k = 0; k < inner; k++) acc[dst + k]! += u.data[src + k]!;
    }
  }
  return dtypeInfo[out.dtype].from(acc);
}
