import { castScalar, type DType } from "../dtype.js";
import { erf32, erfc32, erfInv32, exp32, expm132, fma32, integerPow, log1p32, log32, logistic32, tanh32, type ScalarAlgebra } from "../numerics/index.js";
import type { BinaryOp, CompareOp, UnaryOp } from "./op-names.js";

/**
 * The scalar semantics of every elementwise op, per dtype: each function returns exactly the
 * value an element of the result dtype holds (float32-rounded, int32/uint32-wrapped, bool 0/1).
 * Eager kernels loop over these; codegen emits the same formulas (tests check they agree bit
 * for bit), and constant folding calls them directly.
 */
export type Unary = (x: number) => number;
export type Binary = (a: number, b: number) => number;

const f = Math.fround;

/** JAX's round is half to even (jnp.round). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// exp, expm1, log, log1p, tanh, logistic, erf, erfc and erf_inv are XLA:CPU's float32 algorithms,
// bit-exact (numerics/, docs/numerics.md); the other transcendentals round the double Math result.
const floatUnary: { readonly [K in UnaryOp]: Unary | null } = {
  neg: (x) => -x,
  exp: (x) => exp32(x),
  log: (x) => log32(x),
  log1p: (x) => log1p32(x),
  expm1: (x) => expm132(x),
  tanh: (x) => tanh32(x),
  logistic: (x) => logistic32(x),
  sin: (x) => f(Math.sin(x)),
  cos: (x) => f(Math.cos(x)),
  sqrt: (x) => f(Math.sqrt(x)),
  rsqrt: (x) => f(1 / Math.sqrt(x)),
  abs: (x) => Math.abs(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: (x) => roundHalfEven(x),
  erf: (x) => erf32(x),
  erfc: (x) => erfc32(x),
  erf_inv: (x) => erfInv32(x),
  not: null,
  stop_gradient: (x) => x,
};

const intUnary: { readonly [K in UnaryOp]: Unary | null } = {
  neg: (x) => -x, exp: null, log: null, log1p: null, expm1: null, tanh: null, logistic: null,
  sin: null, cos: null, sqrt: null, rsqrt: null, erf: null, erfc: null, erf_inv: null,
  abs: (x) => Math.abs(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  floor: (x) => x, ceil: (x) => x, round: (x) => x,
  not: (x) => ~x,
  stop_gradient: (x) => x,
};

function intPow(a: number, b: number, wrap: Unary): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  let acc = 1;
  let base = a;
  while (b > 0) {
    if (b & 1) acc = wrap(Math.imul(acc, base));
    base = wrap(Math.imul(base, base));
    b = Math.floor(b / 2);
  }
  return acc;
}

const floatBinary: { readonly [K in BinaryOp]: Binary | null } = {
  add: (a, b) => f(a + b),
  sub: (a, b) => f(a - b),
  mul: (a, b) => f(a * b),
  div: (a, b) => f(a / b),
  rem: (a, b) => f(a % b),
  pow: (a, b) => f(Math.pow(a, b)),
  max: (a, b) => Math.max(a, b),
  min: (a, b) => Math.min(a, b),
  atan2: (a, b) => f(Math.atan2(a, b)),
  and: null, or: null, xor: null, shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
};

function intBinary(wrap: Unary): { readonly [K in BinaryOp]: Binary | null } {
  return {
    add: (a, b) => wrap(a + b),
    sub: (a, b) => wrap(a - b),
    mul: (a, b) => wrap(Math.imul(a, b)),
    div: (a, b) => (b === 0 ? wrap(-1) : wrap(Math.trunc(a / b))), // XLA: x / 0 = -1 (all ones)
    rem: (a, b) => (b === 0 ? a : wrap(a % b)), // XLA: x % 0 = x
    pow: (a, b) => intPow(a, b, wrap),
    max: (a, b) => Math.max(a, b),
    min: (a, b) => Math.min(a, b),
    atan2: null,
    and: (a, b) => wrap(a & b),
    or: (a, b) => wrap(a | b),
    xor: (a, b) => wrap(a ^ b),
    shift_left: (a, b) => (b < 0 || b >= 32 ? 0 : wrap(a << b)),
    shift_right_logical: (a, b) => (b < 0 || b >= 32 ? 0 : wrap(a >>> b)),
    // XLA compares the shift amount as unsigned: negative or >= 32 fills with the sign bit
    shift_right_arithmetic: (a, b) => wrap(a >> (b < 0 || b > 31 ? 31 : b)),
  };
}

const boolBinary: { readonly [K in BinaryOp]: Binary | null } = {
  add: null, sub: null, mul: null, div: null, rem: null, pow: null, atan2: null,
  shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
  max: (a, b) => a | b, min: (a, b) => a & b,
  and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b,
};

const boolUnary: { readonly [K in UnaryOp]: Unary | null } = {
  ...Object.fromEntries(Object.keys(floatUnary).map((k) => [k, null])) as { [K in UnaryOp]: null },
  not: (x) => (x ? 0 : 1),
  stop_gradient: (x) => x,
};

const wrapI32: Unary = (x) => x | 0;
const wrapU32: Unary = (x) => x >>> 0;

const unaryTables: { readonly [D in DType]: { readonly [K in UnaryOp]: Unary | null } } = {
  float32: floatUnary,
  int32: { ...intUnary, neg: (x) => -x | 0, abs: (x) => Math.abs(x) | 0, not: (x) => ~x },
  uint32: { ...intUnary, neg: (x) => -x >>> 0, abs: (x) => x, sign: (x) => (x > 0 ? 1 : 0), not: (x) => ~x >>> 0 },
  bool: boolUnary,
};

const binaryTables: { readonly [D in DType]: { readonly [K in BinaryOp]: Binary | null } } = {
  float32: floatBinary,
  int32: intBinary(wrapI32),
  uint32: intBinary(wrapU32),
  bool: boolBinary,
};

export const compareFns: { readonly [K in CompareOp]: Binary } = {
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

/** The scalar function of a unary op at a dtype, or null where the op does not support it. */
export function unaryFn(op: UnaryOp, dtype: DType): Unary | null {
  return unaryTables[dtype][op];
}

export function binaryFn(op: BinaryOp, dtype: DType): Binary | null {
  return binaryTables[dtype][op];
}

/** x ** y for a fixed integer y, by binary exponentiation with each product rounded (as JAX's integer_pow). */
export function integerPowFn(y: number, dtype: DType): Unary {
  const mul = binaryFn("mul", dtype)!;
  const alg: ScalarAlgebra<number> = {
    one: () => castScalar(1, dtype),
    mul,
    reciprocal: (r) => castScalar(1 / r, dtype),
    bind: (v) => v,
  };
  return (x) => integerPow(alg, x, y);
}

export function fmaFn(a: number, b: number, c: number): number {
  return fma32(a, b, c);
}

/** XLA's convert: float to int truncates toward zero, saturates, and maps NaN to 0. */
export function convertFn(from: DType, to: DType): Unary {
  if (to === "bool") return (x) => (x !== 0 ? 1 : 0);
  if (to === "float32") return (x) => Math.fround(x);
  if (from !== "float32") return to === "int32" ? wrapI32 : wrapU32;
  const [lo, hi] = to === "int32" ? [-2147483648, 2147483647] : [0, 4294967295];
  return (x) => (Number.isNaN(x) ? 0 : Math.min(hi, Math.max(lo, Math.trunc(x))) + 0); // + 0: no -0 in an integer
}

const scratch = new ArrayBuffer(4);
const scratchF32 = new Float32Array(scratch);
const scratchU32 = new Uint32Array(scratch);
const scratchI32 = new Int32Array(scratch);

/** Reinterprets the 32 bits of a value of dtype `from` as dtype `to`. */
export function bitcastFn(from: DType, to: DType): Unary {
  const src = from === "float32" ? scratchF32 : from === "int32" ? scratchI32 : scratchU32;
  const dst = to === "float32" ? scratchF32 : to === "int32" ? scratchI32 : scratchU32;
  return (x) => {
    src[0] = x;
    return dst[0]!;
  };
}
