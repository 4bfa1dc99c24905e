import { describe, expect, it } from "vitest";
import { rng } from "../testing/rng.js";
import { Array as KArray } from "../array.js";
import { dtypeInfo, type DType } from "../dtype.js";
import { stridesOf } from "../shape.js";
import { bind1 } from "../trace.js";

/**
 * Reductions, arg-reductions and dot_general on random inputs against float64 loops written
 * here. kiln's one documented exception to op-by-op float32 rounding: sums and dot products
 * accumulate in a double and round once at the end, so the reference is Math.fround of the
 * float64 sum taken in row-major order.
 */


function randomArray(d: DType, shape: number[], seed: number): KArray {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const gen = (): number => {
    if (d === "float32") return (r() - 0.5) * 2 ** Math.floor(r() * 20 - 10);
    if (d === "int32") return (r() * 2 ** 32) | 0;
    return (r() * 2 ** 32) >>> 0;
  };
  return KArray.fromData(shape, d, dtypeInfo[d].from(Array.from({ length: n }, gen)));
}

/** Multi-index of flat position i in shape. */
const unravel = (i: number, shape: readonly number[]): number[] => {
  const st = stridesOf(shape);
  return shape.map((d, k) => Math.floor(i / st[k]!) % d);
};

/** Reference reduction: folds the elements that land on each output position, in row-major order. */
function reduceRef(x: KArray, axes: readonly number[], init: number, step: (acc: number, v: number) => number, finish: (v: number) => number): number[] {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const outStrides = stridesOf(outShape);
  const acc = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(init);
  const data = x.toTypedArray();
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, x.shape).filter((_, k) => !axes.includes(k));
    const o = idx.reduce((s, v, k) => s + v * outStrides[k]!, 0);
    acc[o] = step(acc[o]!, data[i]!);
  }
  return acc.map(finish);
}

const shapes: [number[], number[]][] = [
  [[7], [0]],
  [[4, 5], [0]],
  [[4, 5], [1]],
  [[4, 5], [0, 1]],
  [[2, 3, 4], [0, 2]],
  [[2, 3, 4], [1]],
  [[3, 1, 2], [1]],
  [[2, 0, 3], [0]],
];

describe("reduce_sum", () => {
  it.each(shapes)("float32 %j over axes %j is fround of the float64 sum", (shape, axes) => {
    const x = randomArray("float32", shape, 3);
    const got = Array.from(bind1("reduce_sum", [x], { axes }).toTypedArray());
    expect(got).toEqual(reduceRef(x, axes, 0, (a, v) => a + v, Math.fround));
  });

  it.each(shapes)("int32 %j over axes %j wraps like int32 arithmetic", (shape, axes) => {
    const x = randomArray("int32", shape, 4);
    const got = Array.from(bind1("reduce_sum", [x], { axes }).toTypedArray());
    expect(got).toEqual(reduceRef(x, axes, 0, (a, v) => Number(BigInt.asIntN(32, BigInt(a) + BigInt(v))), (v) => v));
  });

  it("uint32 wraps modulo 2^32", () => {
    const x = randomArray("uint32", [5, 6], 5);
    const got = Array.from(bind1("reduce_sum", [x], { axes: [1] }).toTypedArray());
    expect(got).toEqual(reduceRef(x, [1], 0, (a, v) => Number(BigInt.asUintN(32, BigInt(a) + BigInt(v))), (v) => v));
  });
});

describe("reduce_max / reduce_min", () => {
  it.each(shapes.filter(([s]) => !s.includes(0)))("%j over axes %j equal a fold of Math.max / Math.min", (shape, axes) => {
    for (const d of ["float32", "int32", "uint32"] as const) {
      const x = randomArray(d, shape, 6);
      expect(Array.from(bind1("reduce_max", [x], { axes }).toTypedArray())).toEqual(reduceRef(x, axes, -Infinity, Math.max, (v) => v));
      expect(Array.from(bind1("reduce_min", [x], { axes }).toTypedArray())).toEqual(reduceRef(x, axes, Infinity, Math.min, (v) => v));
    }
  });
});

describe("argmax / argmin", () => {
  it.each([[[6], 0], [[4, 5], 0], [[4, 5], 1], [[2, 3, 4], 1]] as const)("%j along axis %i is the first extreme, on data with ties", (shape, axis) => {
    // few distinct values, so ties are common
    const r = rng(9);
    const n = shape.reduce((a: number, b: number) => a * b, 1);
    const x = KArray.fromData(shape, "int32", Int32Array.from({ length: n }, () => Math.floor(r() * 3)));
    const data = x.toTypedArray();
    const st = stridesOf(shape);
    const outShape = shape.filter((_, i) => i !== axis);
    const ref = (better: (a: number, b: number) => boolean) =>
      Array.from({ length: outShape.reduce((a: number, b: number) => a * b, 1) }, (_, o) => {
        const idx = unravel(o, outShape);
        idx.splice(axis, 0, 0);
        const base = idx.reduce((s, v, k) => s + v * st[k]!, 0);
        let best = 0;
        for (let k = 1; k < shape[axis]!; k++) if (better(data[base + k * st[axis]!]!, data[base + best * st[axis]!]!)) best = k;
        return best;
      });
    expect(Array.from(bind1("argmax", [x], { axis, indexDtype: "int32" }).toTypedArray())).toEqual(ref((a, b) => a > b));
    expect(Array.from(bind1("argmin", [x], { axis, indexDtype: "int32" }).toTypedArray())).toEqual(ref((a, b) => a < b));
  });
});

describe("dot_general", () => {
  /** out[b, i, j] = fround(sum_k l[b, i, k] * r[b, k, j]) with the sum in float64 */
  function batchedRef(l: KArray, r: KArray): number[] {
    const [B, M, K] = l.shape as [number, number, number];
    const N = r.shape[2]!;
    const a = l.toTypedArray();
    const b = r.toTypedArray();
    const out: number[] = [];
    for (let bi = 0; bi < B; bi++) {
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < K; k++) s += a[(bi * M + i) * K + k]! * b[(bi * K + k) * N + j]!;
          out.push(s);
        }
      }
    }
    return out;
  }

  it.each([[1, 3, 4, 2], [2, 5, 7, 3], [3, 1, 64, 1], [2, 4, 0, 3]])("float32 [%i,%i,%i] x [.,.,%i] is fround of the float64 dot product", (B, M, K, N) => {
    const l = randomArray("float32", [B, M, K], 10);
    const r = randomArray("float32", [B, K, N], 11);
    const got = bind1("dot_general", [l, r], { contracting: [[2], [1]], batch: [[0], [0]] });
    expect(got.shape).toEqual([B, M, N]);
    expect(Array.from(got.toTypedArray())).toEqual(batchedRef(l, r).map(Math.fround));
  });

  it("int32 products and sums wrap modulo 2^32", () => {
    const l = randomArray("int32", [1, 3, 5], 12);
    const r = randomArray("int32", [1, 5, 2], 13);
    const a = l.toTypedArray();
    const b = r.toTypedArray();
    const want = [0, 1, 2].flatMap((i) =>
      [0, 1].map((j) => {
        let s = 0n;
        for (let k = 0; k < 5; k++) s += BigInt(a[i * 5 + k]!) * BigInt(b[k * 2 + j]!);
        return Number(BigInt.asIntN(32, s));
      }),
    );
    expect(Array.from(bind1("dot_general", [l, r], { contracting: [[2], [1]], batch: [[0], [0]] }).toTypedArray())).toEqual(want);
  });

  it("contracting non-adjacent axes equals transposing first", () => {
    const l = randomArray("float32", [3, 4, 2], 14); // contract axes 0 and 2 with rhs axes 1 and 0
    const r = randomArray("float32", [2, 3, 5], 15);
    const got = bind1("dot_general", [l, r], { contracting: [[0, 2], [1, 0]], batch: [[], []] });
    const lt = bind1("reshape", [bind1("transpose", [l], { permutation: [1, 0, 2] })], { newSizes: [1, 4, 6] });
    const rt = bind1("reshape", [bind1("transpose", [r], { permutation: [1, 0, 2] })], { newSizes: [1, 6, 5] });
    expect(got.shape).toEqual([4, 5]);
    expect(Array.from(got.toTypedArray())).toEqual(batchedRef(lt, rt).map(Math.fround));
  });
});
