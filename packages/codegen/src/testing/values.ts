import { Array, dtypeInfo, type DType, type Shape, type TypedArray } from "@kiln/core";

/** Deterministic xorshift32, so failures reproduce. */
export class Rng {
  constructor(private state = 0x9e3779b9) {}
  next(): number {
    let s = this.state;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.state = s >>> 0;
    return this.state;
  }
  uniform(lo: number, hi: number): number {
    return lo + (this.next() / 2 ** 32) * (hi - lo);
  }
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo));
  }
}

/** Values that break careless codegen: signed zeros, NaN, infinities, subnormals, int extremes. */
export const edgeValues: { readonly [D in DType]: readonly number[] } = {
  float32: [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -2.5, 3.5, 2.5, 1e-40, -1e-45, 3.4e38, -3.4e38, 1e-7, 100, 16777217, 0.75, -0.3],
  int32: [0, 1, -1, 2, -2, 7, -7, 31, 32, 33, 100, -100, 2147483647, -2147483648, 65536],
  uint32: [0, 1, 2, 7, 31, 32, 33, 100, 65536, 2147483647, 2147483648, 4294967295],
  bool: [0, 1],
};

export function randomData(rng: Rng, dtype: DType, size: number): TypedArray {
  const data = dtypeInfo[dtype].create(size);
  for (let i = 0; i < size; i++) {
    data[i] = dtype === "float32" ? rng.uniform(-4, 4) : dtype === "bool" ? rng.next() & 1 : dtype === "uint32" ? rng.int(0, 50) : rng.int(-40, 40);
  }
  return data;
}

export function randomArray(rng: Rng, dtype: DType, shape: Shape): Array {
  return Array.fromData(shape, dtype, randomData(rng, dtype, shape.reduce((a, b) => a * b, 1)));
}

/** A random float32 array of `shape` with every `every`-th element an edge value (in turn). */
export function withEdgeValues(rng: Rng, shape: Shape, every = 3): Array {
  const a = randomArray(rng, "float32", shape);
  const d = a._data! as Float32Array;
  const e = edgeValues.float32;
  for (let i = 0; i < d.length; i += every) d[i] = e[(i / every) % e.length]!;
  return a;
}

export function arrayOf(dtype: DType, shape: Shape, values: readonly number[]): Array {
  return Array.fromData(shape, dtype, dtypeInfo[dtype].from(values));
}

/** Every pair of edge values, as two 1-D arrays of equal length. */
export function edgePairs(dtype: DType): [Array, Array] {
  const e = edgeValues[dtype];
  const a = e.flatMap((x) => e.map(() => x));
  const b = e.flatMap(() => e);
  return [arrayOf(dtype, [a.length], a), arrayOf(dtype, [b.length], b)];
}

/** The raw bytes of a typed array, for bit-exact comparison (NaN payloads included). */
export function bytes(a: TypedArray): number[] {
  return [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)];
}
