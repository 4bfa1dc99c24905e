import { describe, expect, it } from "vitest";
import { Array as KArray, scalarArray } from "../array.js";
import { ShapedArray } from "../aval.js";
import { ArgumentError, TraceError } from "../errors.js";
import { makeGraph } from "../make-graph.js";
import * as jnp from "./index.js";

/** jnp.array / asarray from JS values, and reading values back out (tolist, item, toTypedArray). */

describe("array / asarray", () => {
  it.each([
    [5, [], "int32", 5],
    [2.5, [], "float32", 2.5],
    [true, [], "bool", true],
    [[1, 2, 3], [3], "int32", [1, 2, 3]],
    [[[1, 2], [3, 4], [5, 6]], [3, 2], "int32", [[1, 2], [3, 4], [5, 6]]],
    [[[[1.5]], [[2]]], [2, 1, 1], "float32", [[[1.5]], [[2]]]],
    [[true, false], [2], "bool", [true, false]],
    [[1, true], [2], "int32", [1, 1]],
    [[0.1], [1], "float32", [Math.fround(0.1)]],
    [[], [0], "float32", []],
    [[[], []], [2, 0], "float32", [[], []]],
    [[NaN, -0, Infinity], [3], "float32", [NaN, -0, Infinity]],
    [[2147483648], [1], "float32", [2147483648]],
    [[-2147483648, 2147483647], [2], "int32", [-2147483648, 2147483647]],
  ] as const)("%j has shape %j, dtype %s and values %j", (x, shape, dtype, values) => {
    const a = jnp.array(x);
    expect(a.shape).toEqual(shape);
    expect(a.dtype).toBe(dtype);
    expect(a.tolist()).toEqual(values);
    expect(a.isTracer).toBe(false);
  });

  it("rounds once to the requested dtype", () => {
    expect(jnp.array([1.7, -1.7, 16777217], "int32").tolist()).toEqual([1, -1, 16777217]);
    expect(jnp.array([16777217], "float32").tolist()).toEqual([16777216]);
    expect(jnp.array([-1], "uint32").tolist()).toEqual([4294967295]);
    expect(jnp.array([0, 2, -0.5], "bool").tolist()).toEqual([false, true, true]);
    expect(jnp.asarray(3, "float32").dtype).toBe("float32");
  });

  it("takes typed arrays as 1-D and copies them", () => {
    const src = new Float32Array([1, 2]);
    const a = jnp.asarray(src);
    src[0] = 99;
    expect(a.tolist()).toEqual([1, 2]);
    expect(jnp.asarray(new Int32Array([-1])).dtype).toBe("int32");
    expect(jnp.asarray(new Uint32Array([1])).dtype).toBe("uint32");
    expect(jnp.asarray(new Int32Array([-1]), "uint32").tolist()).toEqual([4294967295]);
  });

  it("returns an Array unchanged, or converted when a dtype is given", () => {
    const a = jnp.array([1, 2]);
    expect(jnp.asarray(a)).toBe(a);
    expect(jnp.asarray(a, "float32").dtype).toBe("float32");
  });

  it.each([
    [[[1, 2], [3]], "asarray: argument 'x' is ragged: x[1] has length 1 where length 2 was expected"],
    [[[1, 2], 3], "asarray: argument 'x' is ragged: x[1] has no length where length 2 was expected"],
    [[1, [2]], "asarray: argument 'x' must hold only numbers, but x[1] is an array (ragged nesting)"],
    [[[1, 2], [3, "a"]], "asarray: argument 'x' must hold only numbers, but x[1][1] is string"],
    [[[[1]], [[null]]], "asarray: argument 'x' must hold only numbers, but x[1][0][0] is null"],
    [[[1, 2], [3, undefined]], "asarray: argument 'x' must hold only numbers, but x[1][1] is undefined"],
    ["abc", "asarray: argument 'x' must be an Array, a number or nested arrays of numbers, got string"],
    [null, "asarray: argument 'x' must be an Array, a number or nested arrays of numbers, got null"],
  ])("rejects %j with an error naming the argument and the path", (x, message) => {
    const run = () => jnp.asarray(x as never);
    expect(run).toThrow(ArgumentError);
    expect(run).toThrow(message);
  });

  it("names the calling function and argument when a jnp function gets bad input", () => {
    expect(() => jnp.add([[1, 2], [3]], 1)).toThrow("add: argument 'x' is ragged: x[1] has length 1");
    expect(() => jnp.add(1, [[1], [2, "b"]] as never)).toThrow("add: argument 'y' is ragged: y[1] has length 2 where length 1 was expected");
    expect(() => jnp.concatenate([[1], [[2, "b"]]] as never)).toThrow("concatenate: argument 'arrays[1]' must hold only numbers, but arrays[1][0][1] is string");
    expect(() => jnp.sum([1, [2]])).toThrow("sum: argument 'x' must hold only numbers, but x[1] is an array");
  });

  it("rejects an unknown dtype", () => {
    expect(() => jnp.asarray([1], "float64" as never)).toThrow("asarray: argument 'dtype' must be one of float32, int32, uint32, bool; got float64");
  });
});

describe("reading values", () => {
  it("tolist nests by shape and gives booleans for bool arrays", () => {
    expect(jnp.reshape(jnp.arange(6), [2, 3]).tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(jnp.zeros([2, 0]).tolist()).toEqual([[], []]);
    expect(jnp.array(true).tolist()).toBe(true);
    expect(jnp.array(7).tolist()).toBe(7);
  });

  it("item reads a one-element array of any rank, and refuses others", () => {
    expect(jnp.array([[2.5]]).item()).toBe(2.5);
    expect(jnp.array(true).item()).toBe(1);
    expect(() => jnp.array([1, 2]).item()).toThrow("item: only a one-element array has an item; this one is i32[2]");
  });

  it("toTypedArray returns a copy of the right typed-array class", () => {
    const a = jnp.array([1, 2]);
    const t = a.toTypedArray();
    expect(t).toBeInstanceOf(Int32Array);
    t[0] = 100;
    expect(a.tolist()).toEqual([1, 2]);
    expect(jnp.array([true]).toTypedArray()).toBeInstanceOf(Uint8Array);
    expect(jnp.array([1], "uint32").toTypedArray()).toBeInstanceOf(Uint32Array);
    expect(jnp.array([1.5]).toTypedArray()).toBeInstanceOf(Float32Array);
  });

  it("toString shows values and dtype", () => {
    expect(String(jnp.array([[1, 2]]))).toBe("Array([[1,2]], dtype=int32)");
    expect(String(scalarArray(1, "bool"))).toBe("Array(true, dtype=bool)");
    expect(new KArray(new ShapedArray([2], "float32"), new Float32Array(2)).shape).toEqual([2]);
  });

  it.each([
    ["item", (x: KArray) => x.item()],
    ["tolist", (x: KArray) => x.tolist()],
    ["toTypedArray", (x: KArray) => x.toTypedArray()],
  ] as const)("%s on a tracer inside a trace is a TraceError that says why", (what, read) => {
    const trace = makeGraph((x: KArray) => read(x));
    expect(() => trace(new ShapedArray([1], "float32"))).toThrow(TraceError);
    expect(() => trace(new ShapedArray([1], "float32"))).toThrow(
      `${what}: the array f32[1] is a tracer inside a traced function (jit/grad), so it has no concrete value`,
    );
  });

  it("a tracer prints as Traced<aval>", () => {
    let printed = "";
    makeGraph((x: KArray) => {
      printed = String(x);
      return x;
    })(new ShapedArray([2, 3], "int32"));
    expect(printed).toBe("Traced<i32[2,3]>");
  });
});
