import * as acorn from "acorn";
import { Array, type TypedArray } from "@kiln/core";

/** Parses generated source as ES2022 (it is a function body, so `return` is allowed at top level). */
export function parseSource(source: string): void {
  acorn.parse(source, { ecmaVersion: 2022, allowReturnOutsideFunction: true });
}

const bytes = (a: TypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The first difference between two buffers, or null. float32 elements must be `Object.is`
 * equal (so -0 differs from 0, and every NaN equals every NaN: codegen's documented exception
 * is that NaN sign and payload bits are not reproduced); other dtypes must match byte for byte.
 */
export function firstDifference(actual: TypedArray, expected: TypedArray): string | null {
  if (actual.constructor !== expected.constructor) return `buffer type ${actual.constructor.name} vs ${expected.constructor.name}`;
  if (actual.length !== expected.length) return `length ${actual.length} vs ${expected.length}`;
  if (actual instanceof Float32Array) {
    for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expected[i])) return `element ${i}: ${fmt(actual[i]!)} vs ${fmt(expected[i]!)}`;
    return null;
  }
  const a = bytes(actual);
  const e = bytes(expected);
  for (let i = 0; i < a.length; i++) if (a[i] !== e[i]) return `element ${Math.floor(i / actual.BYTES_PER_ELEMENT)}: ${actual[Math.floor(i / actual.BYTES_PER_ELEMENT)]} vs ${expected[Math.floor(i / actual.BYTES_PER_ELEMENT)]}`;
  return null;
}

const fmt = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

const dataOf = (x: Array | TypedArray): TypedArray => (x instanceof Array ? x.toTypedArray() : x);

/** Throws (with `what` and the output index) unless `actual` equals `expected` output by output. */
export function assertSameOutputs(what: string, actual: readonly (Array | TypedArray)[], expected: readonly Array[]): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} outputs, eager gave ${expected.length}`);
  actual.forEach((a, i) => {
    if (a instanceof Array && !a.aval.equals(expected[i]!.aval)) throw new Error(`${what}: output ${i} is ${a.aval}, eager gave ${expected[i]!.aval}`);
    const diff = firstDifference(dataOf(a), expected[i]!.toTypedArray());
    if (diff !== null) throw new Error(`${what}: output ${i} (${expected[i]!.aval}) differs from eager at ${diff}`);
  });
}
