import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ShapedArray } from "../aval.js";
import { DTypeError } from "../errors.js";
import { makeGraph } from "../make-graph.js";
import * as jnp from "./index.js";

/** jnp elementwise functions: power, floor division and remainder, where, clip, predicates. */

const f = Math.fround;
const xs = [1.1, -1.7, 3.3, 0, -0, 1e-20, 7e12, NaN, Infinity, -Infinity, 0.5, -2];
const x = jnp.array(xs, "float32");
const stored = Array.from(new Float32Array(xs));
const opsOf = (fn: (a: KArray) => KArray, aval = new ShapedArray([2], "float32")) => makeGraph(fn)(aval).eqns.map((e) => e.op);

describe("power", () => {
  it("a JS integer exponent is integer_pow: repeated float32 multiplication", () => {
    expect(jnp.power(x, 2).tolist()).toEqual(stored.map((v) => f(v * v)));
    expect(jnp.power(x, 3).tolist()).toEqual(stored.map((v) => f(f(v * v) * v)));
    expect(jnp.power(x, -1).tolist()).toEqual(stored.map((v) => f(1 / v)));
    expect(jnp.power(x, 0).tolist()).toEqual(stored.map(() => 1));
    expect(opsOf((a) => jnp.power(a, 3))).toEqual(["integer_pow"]);
  });

  it("a fractional, large or array exponent is the float pow primitive", () => {
    expect(jnp.power(x, 2.5).tolist()).toEqual(stored.map((v) => f(Math.pow(v, 2.5))));
    expect(jnp.power(x, 100).tolist()).toEqual(stored.map((v) => f(Math.pow(v, 100))));
    expect(jnp.power(2, jnp.array([0.5, -1], "float32")).tolist()).toEqual([f(Math.SQRT2), 0.5]);
    expect(opsOf((a) => jnp.power(a, 0.5))).toEqual(["pow"]);
  });

  it("integer bases stay integers (wrapping); a fractional exponent makes them float32", () => {
    expect(jnp.power(jnp.array([2, -3, 65536]), 2).tolist()).toEqual([4, 9, 0]);
    expect(jnp.power(jnp.array([2, 3]), jnp.array([3, 2])).tolist()).toEqual([8, 9]);
    const r = jnp.power(jnp.array([4, 9]), 0.5);
    expect([r.dtype, r.tolist()]).toEqual(["float32", [2, 3]]);
  });

  it("rejects negative integer powers of integers and powers of bools", () => {
    expect(() => jnp.power(jnp.array([2]), -1)).toThrow("power: integers cannot be raised to the negative integer power -1");
    expect(() => jnp.power(jnp.array([true]), 2)).toThrow(DTypeError);
    expect(() => jnp.square(jnp.array([true]))).toThrow("square: does not support dtype bool");
  });

  it("square is x * x, once rounded", () => {
    expect(jnp.square(x).tolist()).toEqual(stored.map((v) => f(v * v)));
    expect(jnp.square(jnp.array([46341])).tolist()).toEqual([-2147479015]);
  });
});

/** Python's // and % as the reference: floor division, remainder with the divisor's sign. */
const pyFloorDiv = (a: number, b: number) => Math.floor(a / b);
const pyMod = (a: number, b: number) => a - b * Math.floor(a / b);

describe("floorDivide / remainder", () => {
  const ints = [-7, -6, -1, 0, 1, 5, 7, 2147483647, -2147483648];
  const divisors = [-3, -2, -1, 1, 2, 3, 7];
  const pairs = ints.flatMap((a) => divisors.map((b) => [a, b] as const));

  it("int32 agree with Python's // and % away from overflow", () => {
    const a = jnp.array(pairs.map(([p]) => p));
    const b = jnp.array(pairs.map(([, q]) => q));
    const ok = pairs.map(([p, q]) => !(p === -2147483648 && q === -1));
    const fd = jnp.floorDivide(a, b).tolist() as number[];
    const rm = jnp.remainder(a, b).tolist() as number[];
    expect(pairs.filter(([p, q], i) => ok[i] && fd[i] !== pyFloorDiv(p, q))).toEqual([]);
    expect(pairs.filter(([p, q], i) => ok[i] && rm[i] !== pyMod(p, q) + 0)).toEqual([]);
    expect(fd.every((v, i) => !ok[i] || v * pairs[i]![1] + rm[i]! === pairs[i]![0])).toBe(true);
  });

  it("int32 by zero gives what JAX gives: x // 0 = -2 (x != 0) or -1 (x = 0), x % 0 = 0", () => {
    expect(jnp.floorDivide(jnp.array([5, -5, 0]), 0).tolist()).toEqual([-2, -2, -1]);
    expect(jnp.remainder(jnp.array([5, -5, 0]), 0).tolist()).toEqual([0, 0, 0]);
    expect(jnp.floorDivide(jnp.array([-2147483648]), -1).tolist()).toEqual([-2147483648]);
  });

  it("uint32 divide without sign fixes; uint32 % 0 = 0", () => {
    expect(jnp.floorDivide(jnp.array([7, 4294967295], "uint32"), jnp.array([2, 2], "uint32")).tolist()).toEqual([3, 2147483647]);
    expect(jnp.remainder(jnp.array([7, 4294967295], "uint32"), jnp.array([0, 10], "uint32")).tolist()).toEqual([0, 5]);
  });

  it("float32 follow CPython's float divmod, as JAX does", () => {
    const a = [-7, 7, -7.5, 7.5, 1, 5.5, -0.25];
    const b = [2, -2, 2, -2, 0.1, 1.5, 1];
    const fd = jnp.floorDivide(jnp.array(a, "float32"), jnp.array(b, "float32")).tolist();
    expect(fd).toEqual([-4, -4, -4, -4, 9, 3, -1]);
    const rm = jnp.remainder(jnp.array(a, "float32"), jnp.array(b, "float32")).tolist() as number[];
    expect(rm.slice(0, 4)).toEqual([1, -1, 0.5, -0.5]);
    expect(rm[4]).toBe(f(1 - 9 * f(0.1))); // fmod(1, 0.1f), exact
    expect(rm.slice(5)).toEqual([1, 0.75]);
    // floor(1 / 0.1f) would be 10: 1 / 0.1f rounds up to 10 in float32
    expect(Math.floor(f(1 / f(0.1)))).toBe(10);
  });

  it("remainder of floats by zero is NaN; bools are rejected", () => {
    expect(jnp.remainder(jnp.array([1.5], "float32"), 0).tolist()).toEqual([NaN]);
    expect(() => jnp.floorDivide(jnp.array([true]), jnp.array([true]))).toThrow("div: does not support dtype bool");
  });
});

describe("where / clip", () => {
  it("where selects elementwise, promoting the branches and broadcasting all three", () => {
    expect(jnp.where(jnp.array([true, false]), jnp.array([1, 2]), jnp.array([10, 20])).tolist()).toEqual([1, 20]);
    expect(jnp.where([1, 0, 2], 1.5, jnp.array([1, 2, 3])).tolist()).toEqual([1.5, 2, 1.5]);
    expect(jnp.where(jnp.array([[true], [false]]), jnp.array([1, 2]), 0).shape).toEqual([2, 2]);
    expect(jnp.where(true, 1, 2).tolist()).toBe(1);
    expect(jnp.where(jnp.array([true]), 1, 2).dtype).toBe("int32");
  });

  it("clip bounds from below and/or above, NaN passes through", () => {
    expect(jnp.clip(jnp.array([-2, 0.5, 3, NaN]), 0, 1).tolist()).toEqual([0, 0.5, 1, NaN]);
    expect(jnp.clip(jnp.array([-2, 5]), null, 1).tolist()).toEqual([-2, 1]);
    expect(jnp.clip(jnp.array([-2, 5]), 0).tolist()).toEqual([0, 5]);
    expect(jnp.clip(jnp.array([-2, 5]), 0.5).dtype).toBe("float32");
  });
});

describe("predicates and logical functions", () => {
  it("isnan / isfinite", () => {
    const v = jnp.array([NaN, Infinity, -Infinity, 0, -1e38]);
    expect(jnp.isnan(v).tolist()).toEqual([true, false, false, false, false]);
    expect(jnp.isfinite(v).tolist()).toEqual([false, false, false, true, true]);
    expect(jnp.isfinite(jnp.array([1, 2])).tolist()).toEqual([true, true]);
    expect(jnp.isnan(jnp.array([1])).tolist()).toEqual([false]);
  });

  it("logical functions treat nonzero as true", () => {
    expect(jnp.logicalNot([0, 2, -0.5]).tolist()).toEqual([true, false, false]);
    expect(jnp.logicalAnd([1, 0, 3], [1, 1, 0]).tolist()).toEqual([true, false, false]);
    expect(jnp.logicalOr([1, 0, 0], [0, 0, 2]).tolist()).toEqual([true, false, true]);
    expect(jnp.logicalXor([1, 0, 0, 3], [0, 0, 2, -1]).tolist()).toEqual([true, false, true, false]);
  });

  it("bitwise functions on integers and bools", () => {
    expect(jnp.bitwiseAnd(jnp.array([12]), 10).tolist()).toEqual([8]);
    expect(jnp.bitwiseOr(jnp.array([12]), 3).tolist()).toEqual([15]);
    expect(jnp.bitwiseXor(jnp.array([true, true]), jnp.array([true, false])).tolist()).toEqual([false, true]);
    expect(() => jnp.bitwiseAnd(jnp.array([1.5]), 1)).toThrow("and: does not support dtype float32");
  });

  it("sign, abs, round, negative keep the dtype; negative of bool is an error", () => {
    expect(jnp.sign(jnp.array([-3, 0, 5])).tolist()).toEqual([-1, 0, 1]);
    expect(jnp.abs(jnp.array([-2147483648, -1])).tolist()).toEqual([-2147483648, 1]);
    expect(jnp.round(jnp.array([0.5, 1.5, 2.5, -0.5, -1.5])).tolist()).toEqual([0, 2, 2, -0, -2]);
    expect(() => jnp.negative(jnp.array([true]))).toThrow("neg: does not support dtype bool");
  });

  it("transcendental functions of integers compute in float32", () => {
    expect(jnp.exp(jnp.array([0, 1])).tolist()).toEqual([1, f(Math.E)]);
    expect(jnp.arctan2(jnp.array([1]), jnp.array([1])).tolist()).toEqual([f(Math.PI / 4)]);
    expect(jnp.log(0).tolist()).toBe(-Infinity);
  });
});
