import { Array, scalarArray, type NestedNumbers } from "../array.js";
import { castScalar, defaultDTypeOf, dtypeInfo, isDType, weakTypeFor, type DType } from "../dtype.js";
import { argumentError } from "../errors.js";
import * as lax from "../lax.js";
import { MAX_ELEMENTS } from "../shape.js";

/** Anything jnp functions accept as an array: an Array, a JS number or boolean, nested JS arrays, or a typed array. */
export type ArrayLike = Array | NestedNumbers | Float32Array | Int32Array | Uint32Array;

/** Infers the shape of nested JS arrays, rejecting ragged or non-numeric input with the path of the problem. */
function nestedShape(fn: string, arg: string, x: unknown): number[] {
  const shape: number[] = [];
  let cur: unknown = x;
  while (globalThis.Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) throw argumentError(fn, arg, `has ${size} elements, more than kiln can allocate`);
  const check = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== "number" && typeof v !== "boolean") {
        throw argumentError(fn, arg, `must hold only numbers, but ${arg}${path} is ${v === null ? "null" : globalThis.Array.isArray(v) ? "an array (ragged nesting)" : typeof v}`);
      }
      return;
    }
    if (!globalThis.Array.isArray(v) || v.length !== shape[depth]) {
      throw argumentError(fn, arg, `is ragged: ${arg}${path} has ${globalThis.Array.isArray(v) ? `length ${v.length}` : "no length"} where length ${shape[depth]} was expected`);
    }
    v.forEach((e, i) => check(e, depth + 1, `${path}[${i}]`));
  };
  check(x, 0, "");
  return shape;
}

function flatten(x: NestedNumbers, out: number[]): void {
  if (globalThis.Array.isArray(x)) for (const e of x) flatten(e, out);
  else out.push(Number(x));
}

function inferDType(values: readonly number[], x: unknown): DType {
  const bools = (v: unknown): boolean => (globalThis.Array.isArray(v) ? v.every(bools) : typeof v === "boolean");
  if (values.length > 0 && bools(x)) return "bool";
  // an empty list is float32, as jnp.array([]) is
  const ints = values.length > 0 && values.every((v) => Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0));
  return ints ? "int32" : "float32";
}

/**
 * jnp.asarray: an Array from an array-like; JS values are rounded to the dtype once, here
 * (float32 for non-integers, int32 for integers, bool for booleans, unless `dtype` is given).
 */
export function asarray(x: ArrayLike, dtype?: DType, fn = "asarray", arg = "x"): Array {
  if (dtype !== undefined && !isDType(dtype)) throw argumentError(fn, "dtype", `must be one of float32, int32, uint32, bool; got ${String(dtype)}`);
  if (x instanceof Array) return dtype === undefined ? x : lax.convertElementType(x, dtype);
  if (x instanceof Float32Array || x instanceof Int32Array || x instanceof Uint32Array) {
    const d = dtype ?? (x instanceof Float32Array ? "float32" : x instanceof Int32Array ? "int32" : "uint32");
    return Array.fromData([x.length], d, dtypeInfo[d].from(x));
  }
  if (typeof x === "number" || typeof x === "boolean") {
    const d = dtype ?? defaultDTypeOf(x);
    return scalarArray(castScalar(Number(x), d), d);
  }
  if (!globalThis.Array.isArray(x)) throw argumentError(fn, arg, `must be an Array, a number or nested arrays of numbers, got ${x === null ? "null" : typeof x}`);
  const shape = nestedShape(fn, arg, x);
  const values: number[] = [];
  flatten(x, values);
  const d = dtype ?? inferDType(values, x);
  const data = dtypeInfo[d].create(values.length);
  for (let i = 0; i < values.length; i++) data[i] = d === "bool" ? (values[i] ? 1 : 0) : values[i]!;
  return Array.fromData(shape, d, data);
}

/** jnp.array: like asarray, but always a new array (Arrays are immutable, so this is asarray). */
export const array = asarray;

/** Converts an argument that meets another array: JS numbers take the other's dtype (weak typing). */
export function toArrayLike(x: ArrayLike, other: DType | null, fn: string, arg: string): Array {
  if (x instanceof Array) return x;
  if ((typeof x === "number" || typeof x === "boolean") && other !== null) {
    const d = weakTypeFor(x, other);
    return scalarArray(castScalar(Number(x), d), d);
  }
  return asarray(x, undefined, fn, arg);
}

