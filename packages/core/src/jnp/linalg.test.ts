import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ShapeError } from "../errors.js";
import * as jnp from "./index.js";

/** matmul (1-D, 2-D, batched with broadcasting), dot, outer, vdot, against loops over tolist(). */

type Nested = number | Nested[];

/** Reference matmul on nested JS arrays of rank >= 2 with NumPy batch broadcasting, float64 sums then fround. */
function matmulRef(a: Nested[], b: Nested[], aShape: readonly number[], bShape: readonly number[]): Nested {
  if (aShape.length === 2 && bShape.length === 2) {
    const [M, K] = aShape as [number, number];
    const N = bShape[1]!;
    return Array.from({ length: M }, (_, i) =>
      Array.from({ length: N }, (_, j) => {
        let s = 0;
        for (let k = 0; k < K; k++) s += ((a[i] as number[])[k]!) * ((b[k] as number[])[j]!);
        return Math.fround(s);
      }),
    );
  }
  // peel one batch axis off whichever operand has more (or both when equal), broadcasting size 1
  const aB = aShape.length > bShape.length || (aShape.length === bShape.length && aShape.length > 2);
  const bB = bShape.length > aShape.length || (aShape.length === bShape.length && bShape.length > 2);
  const n = Math.max(aB ? aShape[0]! : 1, bB ? bShape[0]! : 1);
  return Array.from({ length: n }, (_, i) =>
    matmulRef(
      aB ? (a[aShape[0] === 1 ? 0 : i] as Nested[]) : a,
      bB ? (b[bShape[0] === 1 ? 0 : i] as Nested[]) : b,
      aB ? aShape.slice(1) : aShape,
      bB ? bShape.slice(1) : bShape,
    ),
  );
}

function seq(shape: number[], seed: number): KArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return jnp.reshape(jnp.array(Array.from({ length: n }, (_, i) => Math.fround(Math.sin(seed + i * 1.7) * 3)), "float32"), shape);
}

describe("matmul", () => {
  it.each([
    [[2, 3], [3, 4], [2, 4]],
    [[1, 1], [1, 1], [1, 1]],
    [[2, 0], [0, 3], [2, 3]],
    [[5, 2, 3], [3, 4], [5, 2, 4]],
    [[2, 3], [5, 3, 4], [5, 2, 4]],
    [[5, 2, 3], [5, 3, 4], [5, 2, 4]],
    [[5, 1, 2, 3], [4, 3, 2], [5, 4, 2, 2]],
    [[1, 2, 3], [6, 3, 1], [6, 2, 1]],
  ])("%j @ %j -> %j", (as, bs, want) => {
    const a = seq(as, 1);
    const b = seq(bs, 2);
    const out = jnp.matmul(a, b);
    expect(out.shape).toEqual(want);
    expect(out.tolist()).toEqual(matmulRef(a.tolist() as Nested[], b.tolist() as Nested[], as, bs));
  });

  it("1-D operands: vector @ matrix, matrix @ vector, vector @ vector", () => {
    const v = jnp.array([1, 2, 3], "float32");
    const mat = jnp.array([[1, 0], [0, 1], [1, 1]], "float32");
    expect(jnp.matmul(v, mat).tolist()).toEqual([4, 5]);
    expect(jnp.matmul(jnp.transpose(mat), v).tolist()).toEqual([4, 5]);
    expect(jnp.matmul(v, v).tolist()).toBe(14);
    expect(jnp.matmul(v, v).shape).toEqual([]);
    const batch = jnp.stack([mat, mat, mat]); // [3, 3, 2]
    expect(jnp.matmul(v, batch).shape).toEqual([3, 2]);
    expect(jnp.matmul(jnp.transpose(batch, [0, 2, 1]), v).tolist()).toEqual([[4, 5], [4, 5], [4, 5]]);
  });

  it("integers stay integers and wrap; mixed dtypes promote", () => {
    expect(jnp.matmul(jnp.array([[65536, 1]]), jnp.array([[65536], [3]])).tolist()).toEqual([[3]]);
    expect(jnp.matmul(jnp.array([[1, 2]]), jnp.array([[0.5], [0.25]])).tolist()).toEqual([[1]]);
    expect(jnp.matmul([[1, 2]], [[3], [4]]).dtype).toBe("int32");
  });

  it.each([
    [() => jnp.matmul(jnp.ones([2, 3]), jnp.ones([4, 2])), "matmul: contracting dimensions differ: x (2, 3) has 3, y (4, 2) has 4"],
    [() => jnp.matmul(jnp.ones([3]), jnp.ones([4])), "matmul: contracting dimensions differ: x (1, 3) has 3, y (4, 1) has 4"],
    [() => jnp.matmul(jnp.ones([]), jnp.ones([2])), "matmul: operands must be at least 1-D, got f32[] and f32[2]"],
    [() => jnp.matmul(jnp.ones([2, 2, 3]), jnp.ones([3, 3, 1])), "matmul: shapes (2,) and (3,) cannot be broadcast together"],
  ])("shape errors name matmul and the shapes (%#)", (run, message) => {
    expect(run).toThrow(ShapeError);
    expect(run).toThrow(message);
  });
});

describe("dot, outer, vdot", () => {
  it("dot: scalars multiply, <= 2-D is matmul, N-D contracts last of x with second-to-last of y", () => {
    expect(jnp.dot(2, jnp.array([1, 2])).tolist()).toEqual([2, 4]);
    expect(jnp.dot(jnp.array([1, 2]), jnp.array([3, 4])).tolist()).toBe(11);
    expect(jnp.dot(jnp.array([[1, 2]]), jnp.array([[3], [4]])).tolist()).toEqual([[11]]);
    const a = seq([2, 3, 4], 3);
    const b = seq([5, 4, 6], 4);
    const out = jnp.dot(a, b); // out[i,j,k,l] = sum_m a[i,j,m] b[k,m,l]
    expect(out.shape).toEqual([2, 3, 5, 6]);
    const av = a.tolist() as number[][][];
    const bv = b.tolist() as number[][][];
    let s = 0;
    for (let m = 0; m < 4; m++) s += av[1]![2]![m]! * bv[3]![m]![5]!;
    expect((out.tolist() as number[][][][])[1]![2]![3]![5]).toBe(Math.fround(s));
    expect(jnp.dot(jnp.array([1, 2]), jnp.ones([3, 2, 4])).shape).toEqual([3, 4]);
    expect(() => jnp.dot(jnp.ones([2, 2, 3]), jnp.ones([2, 2, 2]))).toThrow("dot: x (2, 2, 3) and y (2, 2, 2) do not align (3 vs 2)");
  });

  it("outer and vdot flatten their operands", () => {
    expect(jnp.outer(jnp.array([1, 2]), jnp.array([[3, 4, 5]])).tolist()).toEqual([[3, 4, 5], [6, 8, 10]]);
    expect(jnp.vdot(jnp.array([[1, 2], [3, 4]]), jnp.array([[1, 1], [1, 1]])).tolist()).toBe(10);
  });
});
