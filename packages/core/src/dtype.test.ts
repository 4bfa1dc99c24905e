import { describe, expect, it } from "vitest";
import type { Array as KArray } from "./array.js";
import { allDTypes, castScalar, defaultDTypeOf, isDType, promoteTypes, weakTypeFor, type DType } from "./dtype.js";
import * as jnp from "./jnp/index.js";

/** The promotion lattice bool < {uint32, int32} < float32 and JAX's weak typing of JS numbers. */

const lattice: Record<DType, Record<DType, DType>> = {
  bool: { bool: "bool", uint32: "uint32", int32: "int32", float32: "float32" },
  uint32: { bool: "uint32", uint32: "uint32", int32: "int32", float32: "float32" },
  int32: { bool: "int32", uint32: "int32", int32: "int32", float32: "float32" },
  float32: { bool: "float32", uint32: "float32", int32: "float32", float32: "float32" },
};

describe("promoteTypes", () => {
  const pairs = allDTypes.flatMap((a) => allDTypes.map((b) => [a, b, lattice[a][b]] as const));
  it.each(pairs)("%s with %s is %s", (a, b, want) => {
    expect(promoteTypes(a, b)).toBe(want);
  });
});

describe("weak JS numbers", () => {
  it.each([
    [2, "float32", "float32"],
    [2, "int32", "int32"],
    [2, "uint32", "uint32"],
    [2, "bool", "int32"],
    [2.5, "int32", "float32"],
    [2.5, "uint32", "float32"],
    [2.5, "bool", "float32"],
    [NaN, "int32", "float32"],
    [Infinity, "int32", "float32"],
    [true, "int32", "int32"],
    [true, "bool", "bool"],
  ] as const)("%s meeting %s is %s", (value, d, want) => {
    expect(weakTypeFor(value, d)).toBe(want);
  });

  it.each([
    [1, "int32"], [-5, "int32"], [2147483647, "int32"], [2147483648, "float32"], [-2147483648, "int32"], [-2147483649, "float32"], [-0, "float32"], [0.5, "float32"],
    [NaN, "float32"], [true, "bool"],
  ] as const)("on its own, %s is %s", (value, want) => {
    expect(defaultDTypeOf(value)).toBe(want);
    expect(jnp.asarray(value).dtype).toBe(want);
  });
});

describe("castScalar", () => {
  it.each([
    [0.1, "float32", Math.fround(0.1)],
    [16777217, "float32", 16777216],
    [2 ** 31, "int32", -(2 ** 31)],
    [-1, "uint32", 4294967295],
    [3.7, "int32", 3],
    [NaN, "bool", 0],
    [-2, "bool", 1],
  ] as const)("%s as %s is %s", (value, d, want) => {
    expect(castScalar(value, d)).toBe(want);
  });

  it("isDType accepts exactly the four dtypes", () => {
    expect(allDTypes.every(isDType)).toBe(true);
    expect(["float64", "int", "", null, 3, "toString"].some(isDType)).toBe(false);
  });
});

describe("jnp binary ops promote their operands", () => {
  const arrays: Record<DType, KArray> = {
    bool: jnp.array([true, false]),
    uint32: jnp.array([4294967295, 1], "uint32"),
    int32: jnp.array([-1, 2]),
    float32: jnp.array([0.5, -1.5]),
  };
  const strong = allDTypes.flatMap((a) => allDTypes.map((b) => [a, b] as const));

  it.each(strong)("%s array + %s array -> lattice", (a, b) => {
    if (a === "bool" && b === "bool") {
      expect(() => jnp.add(arrays[a], arrays[b])).toThrow("add: does not support dtype bool");
      return;
    }
    expect(jnp.add(arrays[a], arrays[b]).dtype).toBe(lattice[a][b]);
  });

  it.each([
    ["int32", 2, "int32", [1, 4]],
    ["int32", 2.5, "float32", [1.5, 4.5]],
    ["uint32", 2, "uint32", [1, 3]],
    ["uint32", 0.5, "float32", [4294967296, 1.5]],
    ["bool", 1, "int32", [2, 1]],
    ["bool", 0.5, "float32", [1.5, 0.5]],
    ["float32", 2, "float32", [2.5, 0.5]],
  ] as const)("%s array + %s -> %s %j", (d, w, want, values) => {
    const out = jnp.add(arrays[d], w);
    expect(out.dtype).toBe(want);
    expect(out.tolist()).toEqual(values);
    expect(jnp.add(w, arrays[d]).dtype).toBe(want); // weak typing is symmetric
  });

  it("uint32 + int32 converts the uint32 operand to int32 (wrapping)", () => {
    expect(jnp.add(arrays.uint32, jnp.array([0, 0])).tolist()).toEqual([-1, 1]);
  });

  it("two JS numbers: integers give int32, any fraction float32, booleans bool", () => {
    expect(jnp.add(1, 2).dtype).toBe("int32");
    expect(jnp.add(1, 2.5).dtype).toBe("float32");
    expect(jnp.logicalAnd(true, false).dtype).toBe("bool");
    expect(jnp.maximum(true, false).tolist()).toBe(true);
  });

  it("float-only functions convert integer and bool operands to float32", () => {
    expect(jnp.divide(jnp.array([1, 2]), jnp.array([2, 4])).tolist()).toEqual([0.5, 0.5]);
    expect(jnp.divide(jnp.array([1, 2]), 2).dtype).toBe("float32");
    expect(jnp.exp(jnp.array([0])).dtype).toBe("float32");
    expect(jnp.sqrt(jnp.array([true])).tolist()).toEqual([1]);
    expect(jnp.mean(jnp.array([1, 2])).dtype).toBe("float32");
    expect(jnp.sum(jnp.array([true, true, false])).tolist()).toBe(2);
    expect(jnp.sum(jnp.array([true])).dtype).toBe("int32");
  });

  it("comparisons promote their operands and return bool", () => {
    expect(jnp.less(jnp.array([1, 2]), 1.5).tolist()).toEqual([true, false]);
    expect(jnp.equal(arrays.int32, -1).tolist()).toEqual([true, false]);
  });
});
