import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../errors.js";
import * as jnp from "./index.js";

/** jnp reductions: axis (negative too), keepdims, arg-reductions, and mean's rounding. */

const x234 = jnp.reshape(jnp.arange(24, undefined, 1, "float32"), [2, 3, 4]);
const m = jnp.array([[1, 5, 2], [4, 3, 6]]);

describe("sum / max / min with axis and keepdims", () => {
  it.each([
    ["sum", {}, [], 21],
    ["sum", { axis: 0 }, [3], [5, 8, 8]],
    ["sum", { axis: -1 }, [2], [8, 13]],
    ["sum", { axis: [0, 1] }, [], 21],
    ["sum", { axis: [-1, 0] }, [], 21],
    ["sum", { axis: 1, keepdims: true }, [2, 1], [[8], [13]]],
    ["sum", { keepdims: true }, [1, 1], [[21]]],
    ["sum", { axis: [] }, [2, 3], [[1, 5, 2], [4, 3, 6]]],
    ["sum", { axis: null }, [], 21],
    ["max", { axis: 0 }, [3], [4, 5, 6]],
    ["max", { axis: -2, keepdims: true }, [1, 3], [[4, 5, 6]]],
    ["min", { axis: 1 }, [2], [1, 3]],
    ["min", {}, [], 1],
  ] as const)("%s(m, %j) has shape %j and values %j", (fn, options, shape, values) => {
    const out = jnp[fn](m, options);
    expect(out.shape).toEqual(shape);
    expect(out.dtype).toBe("int32");
    expect(out.tolist()).toEqual(values);
  });

  it("reduces the middle axis of a 3-D array", () => {
    expect(jnp.sum(x234, { axis: 1 }).tolist()).toEqual([[12, 15, 18, 21], [48, 51, 54, 57]]);
    expect(jnp.sum(x234, { axis: [0, 2], keepdims: true }).shape).toEqual([1, 3, 1]);
    expect(jnp.max(x234, { axis: -3 }).shape).toEqual([3, 4]);
  });

  it("sums of empty arrays are 0; max/min of empty arrays are errors", () => {
    expect(jnp.sum(jnp.zeros([0])).tolist()).toBe(0);
    expect(jnp.sum(jnp.zeros([2, 0]), { axis: 1 }).tolist()).toEqual([0, 0]);
    expect(() => jnp.max(jnp.zeros([0]))).toThrow(ShapeError);
    expect(() => jnp.min(jnp.zeros([3, 0]), { axis: 1 })).toThrow("reduce_min: zero-size array f32[3,0] has no identity to reduce over");
  });

  it("NaN propagates through max and sum", () => {
    expect(jnp.max(jnp.array([1, NaN, 3])).tolist()).toBeNaN();
    expect(jnp.sum(jnp.array([1, NaN])).tolist()).toBeNaN();
  });

  it.each([
    [() => jnp.sum(m, { axis: 2 }), "sum: argument 'axis' 2 is out of range for an array of rank 2"],
    [() => jnp.max(m, { axis: -3 }), "max: argument 'axis' -3 is out of range for an array of rank 2"],
    [() => jnp.sum(m, { axis: [0, -2] }), "sum: argument 'axis' repeats an axis: [0, -2]"],
    [() => jnp.mean(m, { axis: 0.5 }), "mean: argument 'axis' must be an integer, got 0.5"],
  ])("bad axes are ArgumentErrors naming the function (%#)", (run, message) => {
    expect(run).toThrow(ArgumentError);
    expect(run).toThrow(message);
  });
});

describe("mean", () => {
  const f = Math.fround;

  it("is sum * fround(1/N), which differs from a float32 sum / N", () => {
    // search small N and integer sums for a case where the two roundings differ
    let found: [number, number] | null = null;
    for (let n = 2; n <= 10 && !found; n++) {
      for (let s = 1; s <= 50 && !found; s++) if (f(s * f(1 / n)) !== f(s / n)) found = [n, s];
    }
    expect(found).toEqual([3, 5]);
    const x = jnp.array([1, 2, 2], "float32"); // N = 3, sum = 5
    const got = jnp.mean(x).item();
    expect(got).toBe(f(5 * f(1 / 3))); // 1.6666667461395264
    expect(got).not.toBe(f(5 / 3)); // 1.6666666269302368
    expect(jnp.divide(jnp.sum(x), 3).item()).toBe(f(5 / 3));
  });

  it("takes axis and keepdims, and counts only the reduced axes", () => {
    expect(jnp.mean(x234, { axis: -1 }).tolist()).toEqual([[1.5, 5.5, 9.5], [13.5, 17.5, 21.5]]);
    const k = jnp.mean(x234, { axis: [0, 1], keepdims: true });
    expect(k.shape).toEqual([1, 1, 4]);
    expect(k.tolist()).toEqual([[[10, 11, 12, 13].map((v) => f(v * 6 * f(1 / 6)))]]); // sums 60, 66, 72, 78
    expect(jnp.mean(jnp.array(3)).tolist()).toBe(3);
  });

  it("of an empty array is NaN", () => {
    expect(jnp.mean(jnp.zeros([0])).tolist()).toBeNaN();
  });

  it("var and std use the mean and ddof", () => {
    expect(jnp.var(jnp.array([1, 2, 3, 4])).tolist()).toBe(1.25);
    expect(jnp.var(jnp.array([1, 2, 3, 4]), { ddof: 1 }).tolist()).toBe(f(5 / 3));
    expect(jnp.std(jnp.array([[1, 3], [5, 5]]), { axis: 1, keepdims: true }).tolist()).toEqual([[1], [0]]);
  });

  it("logsumexp is stable for large inputs", () => {
    expect(jnp.logsumexp(jnp.array([1000, 1000])).tolist()).toBe(f(1000 + f(Math.log(2))));
    expect(jnp.logsumexp(jnp.array([[0, 0], [1, 1]]), { axis: 1 }).tolist()).toEqual([f(Math.log(2)), f(1 + f(Math.log(2)))]);
  });
});

describe("argmax / argmin", () => {
  it.each([
    ["argmax", [3, 1, 3, 2], {}, 0],
    ["argmin", [3, 1, 3, 1], {}, 1],
    ["argmax", [1, NaN, 5, NaN], {}, 1],
    ["argmin", [1, 0, NaN], {}, 2],
    ["argmax", [NaN, NaN], {}, 0],
    ["argmax", [-Infinity, -Infinity], {}, 0],
  ] as const)("%s(%j) = %j (first occurrence; NaN counts as the extreme)", (fn, xs, options, want) => {
    const out = jnp[fn](jnp.array([...xs], "float32"), options);
    expect(out.dtype).toBe("int32");
    expect(out.tolist()).toBe(want);
  });

  it("flattens without an axis, and reduces one axis (negative too) with one", () => {
    const a = jnp.array([[1, 9, 3], [7, 2, 9]]);
    expect(jnp.argmax(a).tolist()).toBe(1);
    expect(jnp.argmin(a).tolist()).toBe(0);
    expect(jnp.argmax(a, { axis: 0 }).tolist()).toEqual([1, 0, 1]);
    expect(jnp.argmax(a, { axis: -1 }).tolist()).toEqual([1, 2]);
    expect(jnp.argmin(a, { axis: 1, keepdims: true }).tolist()).toEqual([[0], [1]]);
  });

  it("rejects empty arrays and axis lists", () => {
    expect(() => jnp.argmax(jnp.zeros([0]))).toThrow("argmax: attempt to get argmax of an empty array");
    expect(() => jnp.argmin(jnp.zeros([2, 0]), { axis: 0 })).toThrow("argmin: attempt to get argmin of an empty array");
    expect(() => jnp.argmax(m, { axis: [0] as never })).toThrow("argmax: argument 'axis' must be a single integer");
    expect(() => jnp.argmax(m, { axis: 2 })).toThrow("argmax: argument 'axis' 2 is out of range for an array of rank 2");
  });
});
