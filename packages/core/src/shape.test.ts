import { describe, expect, it } from "vitest";
import { ShapedArray } from "./aval.js";
import { ArgumentError } from "./errors.js";
import { MAX_ELEMENTS, checkShape, formatShape, normalizeAxes, normalizeAxis, shapeEquals, sizeOf, stridesOf } from "./shape.js";

/** Shape helpers and avals (broadcasting has its own file, broadcasting.test.ts). */

describe("shape helpers", () => {
  it.each([
    [[], 1, [], "()"],
    [[0], 0, [1], "(0,)"],
    [[5], 5, [1], "(5,)"],
    [[2, 3], 6, [3, 1], "(2, 3)"],
    [[2, 0, 4], 0, [0, 4, 1], "(2, 0, 4)"],
    [[4, 3, 2], 24, [6, 2, 1], "(4, 3, 2)"],
  ])("%j: size %i, strides %j, printed %s", (shape, size, strides, printed) => {
    expect(sizeOf(shape)).toBe(size);
    expect(stridesOf(shape)).toEqual(strides);
    expect(formatShape(shape)).toBe(printed);
    expect(shapeEquals(shape, [...shape])).toBe(true);
  });

  it("shapeEquals compares rank and every dimension", () => {
    expect(shapeEquals([2, 3], [2, 3, 1])).toBe(false);
    expect(shapeEquals([2, 3], [3, 2])).toBe(false);
    expect(shapeEquals([], [])).toBe(true);
  });
});

describe("checkShape", () => {
  it("accepts lists of non-negative integers", () => {
    expect(checkShape("f", "shape", [2, 0, 3])).toEqual([2, 0, 3]);
    expect(checkShape("f", "shape", [])).toEqual([]);
    expect(checkShape("f", "shape", [MAX_ELEMENTS])).toEqual([MAX_ELEMENTS]);
  });

  it.each([
    [3, "f: argument 'shape' must be an array of integers, got number"],
    [[2, -1], "f: argument 'shape' must hold non-negative integers, got [2, -1]"],
    [[2.5], "f: argument 'shape' must hold non-negative integers, got [2.5]"],
    [[NaN], "f: argument 'shape' must hold non-negative integers, got [NaN]"],
    [["2"], "f: argument 'shape' must hold non-negative integers, got [\"2\"]"],
    [[MAX_ELEMENTS, 2], `f: argument 'shape' [${MAX_ELEMENTS}, 2] has ${2 * MAX_ELEMENTS} elements, more than the ${MAX_ELEMENTS} kiln can allocate`],
  ])("rejects %j", (shape, message) => {
    expect(() => checkShape("f", "shape", shape)).toThrow(ArgumentError);
    expect(() => checkShape("f", "shape", shape)).toThrow(message);
  });
});

describe("normalizeAxis / normalizeAxes", () => {
  it.each([
    [0, 3, 0],
    [2, 3, 2],
    [-1, 3, 2],
    [-3, 3, 0],
  ])("axis %i of rank %i is %i", (axis, ndim, want) => {
    expect(normalizeAxis("op", axis, ndim)).toBe(want);
  });

  it.each([
    [3, 3, "op: argument 'axis' 3 is out of range for an array of rank 3"],
    [-4, 3, "op: argument 'axis' -4 is out of range for an array of rank 3"],
    [0, 0, "op: argument 'axis' 0 is out of range for an array of rank 0"],
    [1.5, 3, "op: argument 'axis' must be an integer, got 1.5"],
  ])("axis %s of rank %i is rejected", (axis, ndim, message) => {
    expect(() => normalizeAxis("op", axis, ndim)).toThrow(message);
  });

  it("normalizeAxes sorts, accepts a single axis or none (all axes), and rejects repeats", () => {
    expect(normalizeAxes("op", undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes("op", null, 0)).toEqual([]);
    expect(normalizeAxes("op", -1, 3)).toEqual([2]);
    expect(normalizeAxes("op", [2, -3], 3)).toEqual([0, 2]);
    expect(normalizeAxes("op", [], 3)).toEqual([]);
    expect(() => normalizeAxes("op", [1, -2], 3)).toThrow("op: argument 'axis' repeats an axis: [1, -2]");
  });
});

describe("ShapedArray", () => {
  it("prints like a jaxpr aval and compares by shape and dtype", () => {
    const a = new ShapedArray([3, 4], "float32");
    expect(String(a)).toBe("f32[3,4]");
    expect(String(new ShapedArray([], "bool"))).toBe("bool[]");
    expect(String(new ShapedArray([0], "uint32"))).toBe("u32[0]");
    expect([a.ndim, a.size]).toEqual([2, 12]);
    expect(a.equals(new ShapedArray([3, 4], "float32"))).toBe(true);
    expect(a.equals(new ShapedArray([3, 4], "int32"))).toBe(false);
    expect(a.equals(new ShapedArray([4, 3], "float32"))).toBe(false);
  });

  it("keeps its own frozen copy of the shape", () => {
    const shape = [2, 2];
    const a = new ShapedArray(shape, "int32");
    shape[0] = 9;
    expect(a.shape).toEqual([2, 2]);
    expect(Object.isFrozen(a.shape)).toBe(true);
  });
});
