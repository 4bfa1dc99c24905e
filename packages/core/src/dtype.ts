/**
 * The four dtypes kiln supports, and JAX's promotion rules restricted to them (32-bit mode).
 *
 * Promotion lattice: bool < {uint32, int32} < float32. uint32 with int32 promotes to int32,
 * as JAX does in its default 32-bit mode (int64 canonicalised to int32). JS numbers passed to
 * jnp functions are "weakly typed", like Python scalars in JAX: they take the dtype of the array
 * they meet, unless a non-integer number meets an integer array (then the result is float32).
 */
export type DType = "float32" | "int32" | "uint32" | "bool";

export const float32: DType = "float32";
export const int32: DType = "int32";
export const uint32: DType = "uint32";
export const bool: DType = "bool";

export type TypedArray = Float32Array | Int32Array | Uint32Array | Uint8Array;

interface DTypeInfo {
  readonly short: string;
  readonly bytes: number;
  readonly isFloat: boolean;
  readonly isInteger: boolean;
  readonly rank: number;
  create(length: number): TypedArray;
  from(values: ArrayLike<number>): TypedArray;
}

export const dtypeInfo: { readonly [D in DType]: DTypeInfo } = {
  float32: {
    short: "f32", bytes: 4, isFloat: true, isInteger: false, rank: 3,
    create: (n) => new Float32Array(n), from: (v) => Float32Array.from(v),
  },
  int32: {
    short: "i32", bytes: 4, isFloat: false, isInteger: true, rank: 2,
    create: (n) => new Int32Array(n), from: (v) => Int32Array.from(v),
  },
  uint32: {
    short: "u32", bytes: 4, isFloat: false, isInteger: true, rank: 2,
    create: (n) => new Uint32Array(n), from: (v) => Uint32Array.from(v),
  },
  bool: {
    short: "bool", bytes: 1, isFloat: false, isInteger: false, rank: 1,
    create: (n) => new Uint8Array(n), from: (v) => Uint8Array.from(v, (x) => (x ? 1 : 0)),
  },
};

export const allDTypes: readonly DType[] = ["float32", "int32", "uint32", "bool"];

export function isDType(x: unknown): x is DType {
  return typeof x === "string" && Object.prototype.hasOwnProperty.call(dtypeInfo, x);
}

export function isFloat(d: DType): boolean {
  return dtypeInfo[d].isFloat;
}

export function isInteger(d: DType): boolean {
  return dtypeInfo[d].isInteger;
}

/** The result dtype of combining two (strongly typed) arrays. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  const ra = dtypeInfo[a].rank;
  const rb = dtypeInfo[b].rank;
  if (ra === rb) return "int32"; // int32 with uint32
  return ra > rb ? a : b;
}

/** The dtype a JS number takes when it meets an array of dtype `d` (JAX's weak typing). */
export function weakTypeFor(value: number | boolean, d: DType): DType {
  if (typeof value === "boolean") return d;
  if (d === "bool") return Number.isInteger(value) ? "int32" : "float32";
  if (isInteger(d) && !Number.isInteger(value)) return "float32";
  return d;
}

/** The dtype of a JS value used on its own: booleans are bool, integers int32, others float32. */
export function defaultDTypeOf(value: number | boolean): DType {
  if (typeof value === "boolean") return "bool";
  return Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0) ? "int32" : "float32";
}

/** Rounds a JS number to what an element of dtype `d` holds (float32 rounding, int wrap). */
export function castScalar(value: number, d: DType): number {
  switch (d) {
    case "float32": return Math.fround(value);
    case "int32": return value | 0;
    case "uint32": return value >>> 0;
    case "bool": return value ? 1 : 0;
  }
}
