import { describe, expect, it } from "vitest";
import { ArgumentError } from "../errors.js";
import * as jnp from "./index.js";

/** Basic indexing with jnp.index / jnp.s (NumPy's x[...]) and jnp.take. */

const { index, s } = jnp;
const v = jnp.arange(10);
const m = jnp.reshape(jnp.arange(12), [3, 4]); // [[0,1,2,3],[4,5,6,7],[8,9,10,11]]

/** Python slice semantics for a positive step, as the reference. */
function pySlice(n: number, start: number | null, stop: number | null, step: number): number[] {
  const clamp = (x: number) => Math.min(Math.max(x < 0 ? x + n : x, 0), n);
  const out: number[] = [];
  for (let i = start === null ? 0 : clamp(start); i < (stop === null ? n : clamp(stop)); i += step) out.push(i);
  return out;
}

describe("index on a vector", () => {
  const bounds = [null, -12, -10, -3, -1, 0, 1, 4, 9, 10, 15];
  const cases = bounds.flatMap((a) => bounds.flatMap((b) => [1, 2, 3, 11].map((st) => [a, b, st] as const)));

  it(`matches Python's slice for all ${cases.length} combinations of bounds and steps`, () => {
    const wrong = cases.filter(([a, b, st]) => JSON.stringify(index(v, s(a, b, st)).tolist()) !== JSON.stringify(pySlice(10, a, b, st)));
    expect(wrong).toEqual([]);
  });

  it("integer indices drop the axis; negative ones count from the end", () => {
    expect(index(v, 3).tolist()).toBe(3);
    expect(index(v, -1).tolist()).toBe(9);
    expect(index(v, -10).shape).toEqual([]);
    expect(index(v, ":")).toBe(v);
    expect(index(v)).toBe(v);
    expect(index(v, s())).toBe(v);
  });
});

describe("index on a matrix", () => {
  it.each([
    [[1], [4, 5, 6, 7]],
    [[-1, -1], 11],
    [[":", 2], [2, 6, 10]],
    [[s(0, 2), s(1, null, 2)], [[1, 3], [5, 7]]],
    [[s(null, null, 2), -1], [3, 11]],
    [[s(-2), ":"], [[4, 5, 6, 7], [8, 9, 10, 11]]],
    [[s(1, 1)], []],
    [[s(2, 0)], []],
  ] as const)("m[%j] = %j", (ix, want) => {
    expect(index(m, ...ix).tolist()).toEqual(want);
  });

  it("keeps empty result shapes", () => {
    expect(index(m, s(1, 1)).shape).toEqual([0, 4]);
    expect(index(m, ":", s(3, 1)).shape).toEqual([3, 0]);
  });

  it.each([
    [() => index(m, 3), "index: argument 'indices[0]' 3 is out of bounds for axis 0 of size 3"],
    [() => index(m, 0, -5), "index: argument 'indices[1]' -5 is out of bounds for axis 1 of size 4"],
    [() => index(m, 0, 0, 0), "index: argument 'indices' has 3 entries for an array of rank 2"],
    [() => index(m, s(null, null, -1)), "index: argument 'indices[0].step' must be a positive integer, got -1"],
    [() => index(m, s(null, null, 0)), "index: argument 'indices[0].step' must be a positive integer, got 0"],
    [() => index(m, s(0.5)), "index: argument 'indices[0]' bounds must be integers, got 0.5"],
    [() => index(m, 1.5), "index: argument 'indices[0]' 1.5 is out of bounds for axis 0 of size 3"],
  ])("rejects bad indices (%#)", (run, message) => {
    expect(run).toThrow(ArgumentError);
    expect(run).toThrow(message);
  });
});

describe("take", () => {
  it("gathers along an axis, or from the flattened array without one", () => {
    expect(jnp.take(m, jnp.array([2, 0]), 0).tolist()).toEqual([[8, 9, 10, 11], [0, 1, 2, 3]]);
    expect(jnp.take(m, jnp.array([[3], [0]]), -1).tolist()).toEqual([[[3], [0]], [[7], [4]], [[11], [8]]]);
    expect(jnp.take(m, jnp.array([11, 0, 5])).tolist()).toEqual([11, 0, 5]);
    expect(jnp.take(m, [1, 1]).tolist()).toEqual([1, 1]);
    expect(jnp.take(m, jnp.array(2), 1).tolist()).toEqual([2, 6, 10]);
    expect(jnp.take(m, jnp.array([], "int32"), 0).shape).toEqual([0, 4]);
  });

  it("rejects non-integer and out-of-range indices", () => {
    expect(() => jnp.take(m, jnp.array([0.5]))).toThrow("take: argument 'indices' must be integers, got float32");
    expect(() => jnp.take(m, jnp.array([12]))).toThrow("take: index 12 is out of bounds for an axis of size 12");
    expect(() => jnp.take(m, jnp.array([0]), 2)).toThrow("take: argument 'axis' 2 is out of range for an array of rank 2");
  });
});
