import { numerics, unaryOps, type BinaryOp, type CompareOp, type DType, type UnaryOp } from "@kiln/core";
import type { RuntimeName } from "../runtime.js";
import { bin, cond, fround, logical, math, neg, num, unary, type Expr } from "./estree.js";

/**
 * The scalar formula of every elementwise op, per dtype, mirroring core's ops/scalar-fns.ts
 * exactly: float results are rounded with Math.fround where the eager function rounds (add,
 * exp, ...) and nowhere else (neg, abs, max, select are exact); int32 results wrap with `|0`
 * and uint32 with `>>>0`. Operands are always identifiers or literals, so repeating one is safe.
 */
export interface ScalarCtx {
  /** Binds an intermediate expression to a fresh `const` and returns its name. */
  bind(e: Expr): Expr;
  /** A runtime helper (core numerics) passed to the generated function. */
  helper(name: RuntimeName): Expr;
}

type Un = (x: Expr, c: ScalarCtx) => Expr;
type Bin = (a: Expr, b: Expr, c: ScalarCtx) => Expr;

const i32 = (e: Expr): Expr => bin("|", e, num(0));
const u32 = (e: Expr): Expr => bin(">>>", e, num(0));
const f32 = (name: string): Un => (x) => fround(math(name, x));
const call = (name: RuntimeName): Un => (x, c) => ({ type: "CallExpression", callee: c.helper(name), arguments: [x], optional: false });
const ident: Un = (x) => x;
const bool01 = (test: Expr): Expr => cond(test, num(1), num(0));

const floatUnary: { readonly [K in UnaryOp]: Un | null } = {
  neg: (x) => neg(x),
  // XLA:CPU's float32 algorithms, shared with core's scalar functions (numerics/)
  exp: call("exp32"),
  log: call("log32"),
  log1p: call("log1p32"),
  expm1: call("expm132"),
  tanh: call("tanh32"),
  logistic: call("logistic32"),
  sin: f32("sin"),
  cos: f32("cos"),
  sqrt: f32("sqrt"),
  rsqrt: (x) => fround(bin("/", num(1), math("sqrt", x))),
  abs: (x) => math("abs", x),
  sign: (x) => cond(bin(">", x, num(0)), num(1), cond(bin("<", x, num(0)), num(-1), x)),
  floor: (x) => math("floor", x),
  ceil: (x) => math("ceil", x),
  round: call("roundHalfEven"),
  erf: call("erf32"),
  erfc: call("erfc32"),
  erf_inv: call("erfInv32"),
  not: null,
  stop_gradient: ident,
};

const intUnaryBase: { readonly [K in UnaryOp]: Un | null } = {
  neg: null, exp: null, log: null, log1p: null, expm1: null, tanh: null, logistic: null, sin: null, cos: null,
  sqrt: null, rsqrt: null, erf: null, erfc: null, erf_inv: null, abs: null, not: null,
  sign: (x) => cond(bin(">", x, num(0)), num(1), cond(bin("<", x, num(0)), num(-1), num(0))),
  floor: ident, ceil: ident, round: ident, stop_gradient: ident,
};

const unaryTables: { readonly [D in DType]: { readonly [K in UnaryOp]: Un | null } } = {
  float32: floatUnary,
  int32: { ...intUnaryBase, neg: (x) => i32(neg(x)), abs: (x) => i32(math("abs", x)), not: (x) => unary("~", x) },
  uint32: { ...intUnaryBase, neg: (x) => u32(neg(x)), abs: ident, sign: (x) => bool01(bin(">", x, num(0))), not: (x) => u32(unary("~", x)) },
  bool: { ...Object.fromEntries(unaryOps.map((k) => [k, null])) as { [K in UnaryOp]: null }, not: (x) => cond(x, num(0), num(1)), stop_gradient: ident },
};

const floatBinary: { readonly [K in BinaryOp]: Bin | null } = {
  add: (a, b) => fround(bin("+", a, b)),
  sub: (a, b) => fround(bin("-", a, b)),
  mul: (a, b) => fround(bin("*", a, b)),
  div: (a, b) => fround(bin("/", a, b)),
  rem: (a, b) => fround(bin("%", a, b)),
  pow: (a, b) => fround(math("pow", a, b)),
  max: (a, b) => math("max", a, b),
  min: (a, b) => math("min", a, b),
  atan2: (a, b) => fround(math("atan2", a, b)),
  and: null, or: null, xor: null, shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
};

/** Integer ops; `w` wraps to the dtype. Bitwise results are already int32, so int32 skips `|0` there. */
function intBinary(w: (e: Expr) => Expr, bitwise: (e: Expr) => Expr, allOnes: number, pow: RuntimeName): { readonly [K in BinaryOp]: Bin | null } {
  const outOfRange = (b: Expr) => logical("||", bin("<", b, num(0)), bin(">=", b, num(32)));
  return {
    add: (a, b) => w(bin("+", a, b)),
    sub: (a, b) => w(bin("-", a, b)),
    mul: (a, b) => bitwise(math("imul", a, b)),
    div: (a, b) => cond(bin("===", b, num(0)), num(allOnes), w(math("trunc", bin("/", a, b)))), // XLA: x / 0 = -1
    rem: (a, b) => cond(bin("===", b, num(0)), a, w(bin("%", a, b))), // XLA: x % 0 = x
    pow: (a, b, c) => ({ type: "CallExpression", callee: c.helper(pow), arguments: [a, b], optional: false }),
    max: (a, b) => math("max", a, b),
    min: (a, b) => math("min", a, b),
    atan2: null,
    and: (a, b) => bitwise(bin("&", a, b)),
    or: (a, b) => bitwise(bin("|", a, b)),
    xor: (a, b) => bitwise(bin("^", a, b)),
    shift_left: (a, b) => cond(outOfRange(b), num(0), bitwise(bin("<<", a, b))),
    shift_right_logical: (a, b) => cond(outOfRange(b), num(0), w(bin(">>>", a, b))),
    // XLA compares the shift amount as unsigned: negative or >= 32 fills with the sign bit
    shift_right_arithmetic: (a, b) => bitwise(bin(">>", a, cond(outOfRange(b), num(31), b))),
  };
}

const boolBinary: { readonly [K in BinaryOp]: Bin | null } = {
  add: null, sub: null, mul: null, div: null, rem: null, pow: null, atan2: null,
  shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
  max: (a, b) => bin("|", a, b), min: (a, b) => bin("&", a, b),
  and: (a, b) => bin("&", a, b), or: (a, b) => bin("|", a, b), xor: (a, b) => bin("^", a, b),
};

const binaryTables: { readonly [D in DType]: { readonly [K in BinaryOp]: Bin | null } } = {
  float32: floatBinary,
  int32: intBinary(i32, (e) => e, -1, "powI32"),
  uint32: intBinary(u32, u32, 4294967295, "powU32"),
  bool: boolBinary,
};

const compareOperators: { readonly [K in CompareOp]: "===" | "!==" | "<" | "<=" | ">" | ">=" } = {
  eq: "===", ne: "!==", lt: "<", le: "<=", gt: ">", ge: ">=",
};

export function unaryScalar(op: UnaryOp, dtype: DType): Un {
  const f = unaryTables[dtype][op];
  if (!f) throw new Error(`codegen: ${op} has no ${dtype} formula (the shape rule should have rejected it)`);
  return f;
}

export function binaryScalar(op: BinaryOp, dtype: DType): Bin {
  const f = binaryTables[dtype][op];
  if (!f) throw new Error(`codegen: ${op} has no ${dtype} formula (the shape rule should have rejected it)`);
  return f;
}

export const compareScalar = (op: CompareOp): Bin => (a, b) => bool01(bin(compareOperators[op], a, b));

/** Rounds/wraps a JS number to what an element of `dtype` holds (core's castScalar). */
export function castTo(dtype: DType, e: Expr): Expr {
  switch (dtype) {
    case "float32": return fround(e);
    case "int32": return i32(e);
    case "uint32": return u32(e);
    case "bool": return cond(e, num(1), num(0));
  }
}

/** XLA's convert_element_type (core convertFn): float to int truncates, saturates, NaN -> 0. */
export function convertScalar(from: DType, to: DType, x: Expr): Expr {
  if (to === "bool") return bool01(bin("!==", x, num(0)));
  if (to === "float32") return fround(x);
  if (from !== "float32") return to === "int32" ? i32(x) : u32(x);
  const [lo, hi] = to === "int32" ? [-2147483648, 2147483647] : [0, 4294967295];
  // + 0 turns a -0 from trunc into +0, as the eager convertFn does
  return cond(bin("!==", x, x), num(0), bin("+", math("min", num(hi), math("max", num(lo), math("trunc", x))), num(0)));
}

/** x ** y by core's recipe (numerics/recipes/integer-pow.ts), every product rounded to the dtype. */
export function integerPowScalar(y: number, dtype: DType, x: Expr, c: ScalarCtx): Expr {
  const mul = binaryScalar("mul", dtype);
  const alg: numerics.ScalarAlgebra<Expr> = {
    one: () => num(1),
    mul: (a, b) => mul(a, b, c),
    reciprocal: (r) => castTo(dtype, bin("/", num(1), r)),
    bind: (e) => c.bind(e),
  };
  return numerics.integerPow(alg, x, y);
}
