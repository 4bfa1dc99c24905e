import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ShapedArray } from "../aval.js";
import { ArgumentError } from "../errors.js";
import { makeGraph } from "../make-graph.js";
import * as jnp from "./index.js";

/** zeros / ones / full / *Like / arange / linspace / eye / astype. */

const view = (a: KArray) => ({ shape: a.shape, dtype: a.dtype, values: a.tolist() });

describe("filled arrays", () => {
  it.each([
    ["zeros(3)", () => jnp.zeros(3), [3], "float32", [0, 0, 0]],
    ["zeros([2, 1], int32)", () => jnp.zeros([2, 1], "int32"), [2, 1], "int32", [[0], [0]]],
    ["zeros([])", () => jnp.zeros([]), [], "float32", 0],
    ["zeros([0, 2])", () => jnp.zeros([0, 2]), [0, 2], "float32", []],
    ["ones([2], bool)", () => jnp.ones([2], "bool"), [2], "bool", [true, true]],
    ["ones([2], uint32)", () => jnp.ones([2], "uint32"), [2], "uint32", [1, 1]],
    ["full([2], 0.1)", () => jnp.full([2], 0.1), [2], "float32", [Math.fround(0.1), Math.fround(0.1)]],
    ["full([2], true)", () => jnp.full([2], true), [2], "bool", [true, true]],
    ["full([2], 7, int32)", () => jnp.full([2], 7, "int32"), [2], "int32", [7, 7]],
    ["full([2], -1, uint32)", () => jnp.full([2], -1, "uint32"), [2], "uint32", [4294967295, 4294967295]],
    ["full([2, 2], array row)", () => jnp.full([2, 2], jnp.array([1, 2])), [2, 2], "int32", [[1, 2], [1, 2]]],
    ["full([2], NaN)", () => jnp.full([2], NaN), [2], "float32", [NaN, NaN]],
    ["zerosLike(int32)", () => jnp.zerosLike(jnp.array([[5, 6]])), [1, 2], "int32", [[0, 0]]],
    ["onesLike(bool, float32)", () => jnp.onesLike(jnp.array([true]), "float32"), [1], "float32", [1]],
    ["fullLike", () => jnp.fullLike(jnp.array([1.5, 2]), 3), [2], "float32", [3, 3]],
    ["zerosLike(nested JS)", () => jnp.zerosLike([[1.5], [2]]), [2, 1], "float32", [[0], [0]]],
  ] as const)("%s", (_name, make, shape, dtype, values) => {
    expect(view(make())).toEqual({ shape, dtype, values });
  });

  it.each([
    [() => jnp.zeros([-1]), "zeros: argument 'shape' must hold non-negative integers, got [-1]"],
    [() => jnp.ones([1.5]), "ones: argument 'shape' must hold non-negative integers, got [1.5]"],
    [() => jnp.full([2 ** 16, 2 ** 15], 0), "full: argument 'shape' [65536, 32768] has 2147483648 elements, more than the 1073741824 kiln can allocate"],
    [() => jnp.full([2], "x" as never), "full: argument 'fillValue' must be a number, got string"],
    [() => jnp.zeros([2], "float16" as never), "zeros: argument 'dtype' must be one of float32, int32, uint32, bool; got float16"],
  ])("rejects bad arguments (%#)", (run, message) => {
    expect(run).toThrow(ArgumentError);
    expect(run).toThrow(message);
  });

  it("inside a trace, filled arrays are a broadcast of a scalar literal, not a captured constant", () => {
    const g = makeGraph((x: KArray) => jnp.add(x, jnp.zerosLike(x)))(new ShapedArray([2], "float32"));
    expect(g.constVars).toHaveLength(0);
    expect(g.eqns.map((e) => e.op)).toEqual(["broadcast_in_dim", "add"]);
  });
});

describe("arange", () => {
  it.each([
    ["arange(5)", () => jnp.arange(5), "int32", [0, 1, 2, 3, 4]],
    ["arange(2, 5)", () => jnp.arange(2, 5), "int32", [2, 3, 4]],
    ["arange(5, 0, -2)", () => jnp.arange(5, 0, -2), "int32", [5, 3, 1]],
    ["arange(0)", () => jnp.arange(0), "int32", []],
    ["arange(3, 1)", () => jnp.arange(3, 1), "int32", []],
    ["arange(0, 1, 0.25)", () => jnp.arange(0, 1, 0.25), "float32", [0, 0.25, 0.5, 0.75]],
    ["arange(0.5, 2)", () => jnp.arange(0.5, 2), "float32", [0.5, 1.5]],
    ["arange(3, undefined, 1, float32)", () => jnp.arange(3, undefined, 1, "float32"), "float32", [0, 1, 2]],
  ] as const)("%s", (_name, make, dtype, values) => {
    const a = make();
    expect([a.dtype, a.tolist()]).toEqual([dtype, values]);
  });

  it.each([
    [() => jnp.arange(0, 3, 0), "arange: argument 'step' must not be zero"],
    [() => jnp.arange(Infinity), "arange: argument 'stop' must be a finite number, got Infinity"],
    [() => jnp.arange(0, NaN), "arange: argument 'stop' must be a finite number, got NaN"],
  ])("rejects bad arguments (%#)", (run, message) => {
    expect(run).toThrow(message);
  });
});

describe("linspace", () => {
  it("includes both ends and rounds each value to float32", () => {
    expect(jnp.linspace(0, 1, 5).tolist()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(jnp.linspace(0, 1, 3).tolist()).toEqual([0, 0.5, 1]);
    expect(jnp.linspace(0, 1, 4).tolist()).toEqual([0, Math.fround(1 / 3), Math.fround(2 / 3), 1]);
    expect(jnp.linspace(2, 3, 1).tolist()).toEqual([2]);
    expect(jnp.linspace(2, 3, 0).tolist()).toEqual([]);
    expect(jnp.linspace(0, 1).shape).toEqual([50]);
    expect(jnp.linspace(0, 10, 3, "int32").tolist()).toEqual([0, 5, 10]);
  });

  it("rejects a bad count", () => {
    expect(() => jnp.linspace(0, 1, -1)).toThrow("linspace: argument 'num' must be a non-negative integer, got -1");
  });
});

describe("eye", () => {
  it.each([
    [[2], [[1, 0], [0, 1]]],
    [[2, 3], [[1, 0, 0], [0, 1, 0]]],
    [[3, 2, 1], [[0, 1], [0, 0], [0, 0]]],
    [[2, 2, -1], [[0, 0], [1, 0]]],
    [[2, 2, 5], [[0, 0], [0, 0]]],
    [[0], []],
  ] as const)("eye(%j)", (args, values) => {
    const [n, m, k] = args as readonly number[];
    expect(jnp.eye(n!, m, k).tolist()).toEqual(values);
  });

  it("takes a dtype and rejects bad sizes", () => {
    expect(jnp.eye(1, 1, 0, "bool").tolist()).toEqual([[true]]);
    expect(() => jnp.eye(-1)).toThrow("eye: argument 'n' must be a non-negative integer, got -1");
  });
});

describe("astype", () => {
  it("converts like convert_element_type (truncation toward zero, saturation, NaN -> 0)", () => {
    expect(jnp.astype([1.9, -1.9, NaN, 1e10], "int32").tolist()).toEqual([1, -1, 0, 2147483647]);
    expect(jnp.astype(jnp.array([1, 0, 2]), "bool").tolist()).toEqual([true, false, true]);
    const a = jnp.array([1.5]);
    expect(jnp.astype(a, "float32")).toBe(a);
  });
});
