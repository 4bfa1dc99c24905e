import { bind, makeGraph, type Array, type ClosedGraph, type OpName, type OpParams, type TypedArray } from "@kiln/core";
import * as acorn from "acorn";
import { expect } from "vitest";
import { compile, type CompileOptions, type Executable } from "../compile.js";
import { bytes } from "./values.js";

/** Compiles a graph, checks its source parses as ES2022, and returns the executable. */
export function compileChecked(g: ClosedGraph, options?: CompileOptions): Executable {
  const exe = compile(g, options);
  acorn.parse(exe.source, { ecmaVersion: 2022, allowReturnOutsideFunction: true });
  return exe;
}

/** Runs `f` eagerly and compiled on the same arrays and requires bit-identical results. */
export function expectJitEqualsEager(f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], label = ""): Executable {
  const eager = [f(...inputs)].flat();
  const g = makeGraph(f)(...inputs);
  const exe = compileChecked(g);
  const out = exe.run(inputs.map((x) => x._data!));
  expect(out.length, label).toBe(eager.length);
  out.forEach((o, i) => expectMatches(exe, o, eager[i]!._data!, `${label} output ${i}\n${exe.source}`));
  return exe;
}

/**
 * Bit-identical (expectSameBits), unless the executable has wasm dots accumulating in float32
 * (the default wasm numerics): then within `rtol` of the output's largest magnitude, the
 * documented tolerance of a float32 sum in another order (docs/numerics.md).
 */
export function expectMatches(exe: Executable, actual: TypedArray, expected: TypedArray, label = ""): void {
  if (exe.wasm === null || exe.wasm.exact || !(actual instanceof Float32Array)) expectSameBits(actual, expected, label);
  else expectClose(actual, expected as Float32Array, label);
}

export function expectClose(actual: Float32Array, expected: Float32Array, label = "", rtol = 1e-4): void {
  expect(actual.length, label).toBe(expected.length);
  let scale = 0;
  for (const x of expected) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
  const bad = [...actual].findIndex((x, i) => {
    const e = expected[i]!;
    return !(Object.is(x, e) || (Number.isNaN(x) && Number.isNaN(e)) || Math.abs(x - e) <= rtol * scale);
  });
  if (bad >= 0) expect(actual[bad], `${label} element ${bad} (scale ${scale})`).toBe(expected[bad]);
}

/**
 * Bit-identical, except that all float32 NaNs are equal: ECMAScript lets an engine store any
 * NaN encoding into a Float32Array, and V8's interpreter and optimized code differ.
 */
export function expectSameBits(actual: TypedArray, expected: TypedArray, label = ""): void {
  expect(actual.constructor.name, label).toBe(expected.constructor.name);
  const same = actual instanceof Float32Array
    ? actual.length === expected.length && actual.every((x, i) => Object.is(x, expected[i]))
    : bytes(actual).join() === bytes(expected).join();
  if (!same) {
    expect([...actual], label).toEqual([...expected]); // shows the values
    expect(bytes(actual), label).toEqual(bytes(expected));
  }
}

/** The single op applied to arrays (eager) or tracers (traced). */
export const opFn = <P extends OpName>(op: P, params: OpParams[P]) => (...xs: Array[]): Array[] => bind(op, xs, params);
