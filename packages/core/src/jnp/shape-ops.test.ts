import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ArgumentError, ShapeError } from "../errors.js";
import * as jnp from "./index.js";

/** reshape (with -1), transpose, swapaxes, broadcastTo, expandDims, squeeze, concatenate, stack. */

const a23 = jnp.array([[1, 2, 3], [4, 5, 6]]);
const a234 = jnp.reshape(jnp.arange(24), [2, 3, 4]);
const view = (x: KArray) => [x.shape, x.tolist()];

describe("reshape", () => {
  it.each([
    [[3, 2], [3, 2], [[1, 2], [3, 4], [5, 6]]],
    [[-1], [6], [1, 2, 3, 4, 5, 6]],
    [[3, -1], [3, 2], [[1, 2], [3, 4], [5, 6]]],
    [[-1, 1, 2], [3, 1, 2], [[[1, 2]], [[3, 4]], [[5, 6]]]],
    [6, [6], [1, 2, 3, 4, 5, 6]],
  ] as const)("to %j gives %j", (shape, want, values) => {
    expect(view(jnp.reshape(a23, shape))).toEqual([want, values]);
  });

  it("returns the same array when the shape does not change, and handles empty and scalar arrays", () => {
    expect(jnp.reshape(a23, [2, 3])).toBe(a23);
    expect(jnp.reshape(jnp.zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
    expect(jnp.reshape(jnp.array(5), [1, 1]).tolist()).toEqual([[5]]);
    expect(jnp.ravel(a234).shape).toEqual([24]);
  });

  it.each([
    [[4, -1], ShapeError, "reshape: cannot reshape i32[2,3] into shape (4, -1)"],
    [[-1, -1], ArgumentError, "reshape: argument 'shape' can have only one -1, got (-1, -1)"],
    [[0, -1], ShapeError, "reshape: cannot reshape i32[2,3] into shape (0, -1)"],
    [[7], ShapeError, "reshape: cannot reshape i32[2,3] (size 6) into shape (7,)"],
    [[-2, -3], ArgumentError, "reshape: argument 'newSizes' must hold non-negative integers, got [-2, -3]"],
  ] as const)("rejects %j", (shape, cls, message) => {
    expect(() => jnp.reshape(a23, shape)).toThrow(cls);
    expect(() => jnp.reshape(a23, shape)).toThrow(message);
  });
});

describe("transpose / swapaxes", () => {
  it("reverses axes by default and takes a permutation (negative axes too)", () => {
    expect(jnp.transpose(a23).tolist()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(jnp.transpose(a234).shape).toEqual([4, 3, 2]);
    const t = jnp.transpose(a234, [1, -1, 0]);
    expect(t.shape).toEqual([3, 4, 2]);
    // t[j, k, i] = a[i, j, k] = 12 i + 4 j + k
    expect((t.tolist() as number[][][])[2]![3]![1]).toBe(12 + 8 + 3);
    expect(jnp.transpose(a23, [0, 1])).toBe(a23);
    expect(jnp.transpose(jnp.array(1)).tolist()).toBe(1);
  });

  it("swapaxes exchanges two axes", () => {
    expect(jnp.swapaxes(a234, 0, -1).shape).toEqual([4, 3, 2]);
    expect(jnp.swapaxes(a23, 0, 1).tolist()).toEqual(jnp.transpose(a23).tolist());
  });

  it("rejects bad permutations", () => {
    expect(() => jnp.transpose(a23, [0, 0])).toThrow("transpose: permutation [0, 0] is not a permutation of the 2 axes of i32[2,3]");
    expect(() => jnp.transpose(a23, [0, 2])).toThrow("transpose: argument 'axes' 2 is out of range for an array of rank 2");
    expect(() => jnp.transpose(a23, [0])).toThrow("transpose: permutation [0] is not a permutation of the 2 axes of i32[2,3]");
  });
});

describe("broadcastTo / broadcastArrays", () => {
  it("adds leading axes and stretches size-1 axes", () => {
    expect(view(jnp.broadcastTo(jnp.array([1, 2]), [2, 2]))).toEqual([[2, 2], [[1, 2], [1, 2]]]);
    expect(view(jnp.broadcastTo(jnp.array([[1], [2]]), [2, 3]))).toEqual([[2, 3], [[1, 1, 1], [2, 2, 2]]]);
    expect(jnp.broadcastTo(5, [2]).tolist()).toEqual([5, 5]);
    expect(jnp.broadcastTo(jnp.array([1]), [0]).shape).toEqual([0]);
    expect(jnp.broadcastTo(a23, [2, 3])).toBe(a23);
    const [x, y] = jnp.broadcastArrays(jnp.array([1, 2, 3]), jnp.array([[1], [2]]));
    expect([x!.shape, y!.shape]).toEqual([[2, 3], [2, 3]]);
  });
});

describe("expandDims / squeeze", () => {
  it.each([
    [0, [1, 2, 3]],
    [1, [2, 1, 3]],
    [2, [2, 3, 1]],
    [-1, [2, 3, 1]],
    [-3, [1, 2, 3]],
    [[0, 3], [1, 2, 3, 1]],
    [[0, 1], [1, 1, 2, 3]],
  ] as const)("expandDims(x[2,3], %j) has shape %j", (axis, shape) => {
    const e = jnp.expandDims(a23, axis);
    expect(e.shape).toEqual(shape);
    expect(jnp.ravel(e).tolist()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("squeeze removes all size-1 axes, or the named ones", () => {
    const x = jnp.zeros([1, 3, 1, 2]);
    expect(jnp.squeeze(x).shape).toEqual([3, 2]);
    expect(jnp.squeeze(x, 2).shape).toEqual([1, 3, 2]);
    expect(jnp.squeeze(x, [0, -2]).shape).toEqual([3, 2]);
    expect(jnp.squeeze(a23)).toBe(a23);
    expect(() => jnp.squeeze(x, 1)).toThrow("squeeze: axis 1 of f32[1,3,1,2] has size 3, not 1");
    expect(() => jnp.expandDims(a23, 3)).toThrow("expandDims: argument 'axis' 3 is out of range for an array of rank 3");
  });
});

describe("concatenate / stack", () => {
  it("concatenates along an axis (negative too), promoting dtypes", () => {
    expect(view(jnp.concatenate([a23, jnp.array([[7, 8, 9]])]))).toEqual([[3, 3], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]);
    expect(view(jnp.concatenate([a23, jnp.array([[0], [0]])], -1))).toEqual([[2, 4], [[1, 2, 3, 0], [4, 5, 6, 0]]]);
    expect(jnp.concatenate([jnp.array([1]), jnp.array([0.5])]).tolist()).toEqual([1, 0.5]);
    expect(jnp.concatenate([jnp.zeros([0]), jnp.ones([2])]).tolist()).toEqual([1, 1]);
    expect(jnp.concatenate([a23])).toBe(a23);
    expect(jnp.concatenate([[1, 2], [3]]).tolist()).toEqual([1, 2, 3]);
  });

  it.each([
    [() => jnp.concatenate([]), "concatenate: argument 'arrays' must be a non-empty list of arrays"],
    [() => jnp.concatenate([jnp.array(1), jnp.array(2)]), "concatenate: argument 'arrays' cannot concatenate zero-dimensional arrays"],
    [() => jnp.concatenate([a23, jnp.ones([2, 2])], 0), "concatenate: operand 1 f32[2,2] does not match operand 0 f32[2,3] outside axis 0"],
    [() => jnp.concatenate([a23, a23], 2), "concatenate: argument 'axis' 2 is out of range for an array of rank 2"],
  ])("concatenate rejects bad input (%#)", (run, message) => {
    expect(run).toThrow(message);
  });

  it("stacks along a new axis", () => {
    const x = jnp.array([1, 2]);
    const y = jnp.array([3, 4]);
    expect(view(jnp.stack([x, y]))).toEqual([[2, 2], [[1, 2], [3, 4]]]);
    expect(view(jnp.stack([x, y], 1))).toEqual([[2, 2], [[1, 3], [2, 4]]]);
    expect(view(jnp.stack([x, y], -1))).toEqual([[2, 2], [[1, 3], [2, 4]]]);
    expect(view(jnp.stack([x]))).toEqual([[1, 2], [[1, 2]]]);
    expect(view(jnp.stack([1, 2]))).toEqual([[2], [1, 2]]);
    expect(() => jnp.stack([x, jnp.array([1, 2, 3])])).toThrow("stack: arrays[1] has shape (3,) but arrays[0] has (2,)");
    expect(() => jnp.stack([x, y], 2)).toThrow("stack: argument 'axis' 2 is out of range for an array of rank 2");
  });
});
