import { isBinaryOp, isCompareOp, isUnaryOp, numerics, type Atom, type BinaryOp, type CompareOp, type DType, type Eqn, type UnaryOp, type Var } from "@kiln/core";
import type { Region } from "../fusion/kernels.js";
import { f32, f32x4, get, i32, i32x4, select, set, v128, type Emit, type FuncBuilder, type Local } from "./encoder.js";

/**
 * Region nodes (an epilogue, an elementwise chain) as wasm, four elements at a time (`vec`,
 * f32x4) or one (`scalar`, f32). Only ops whose wasm instructions give exactly the JS
 * lowering's bits are supported (js/scalar-ops.ts), so these kernels equal the JS path:
 * add, sub, mul, div and sqrt are correctly rounded in both; neg, abs, floor, ceil and
 * round-half-even (nearest) are exact; f32x4.min/max (not pmin/pmax) propagate NaN and order
 * -0 < +0, like Math.min/max; comparisons are IEEE (false on NaN but ne) in both;
 * integer_pow repeats the JS lowering's square-and-multiply order. Everything else
 * (transcendental functions, which are XLA's FMA polynomials in JS; integer dtypes) keeps its
 * kernel on the JS path.
 *
 * float32 values are f32x4 (`vec`) or f32 (`scalar`). bool values never touch memory here
 * (a kernel's leaves and stored values are float32): a bool is a lane mask, all ones or all
 * zeros per lane (`vec`, what f32x4 comparisons give), or an i32 0 or 1 (`scalar`).
 */
export type Lanes = "vec" | "scalar";

type Un = (x: Emit) => Emit;
type Bin = (a: Emit, b: Emit) => Emit;
/** An op's wasm form for each lane layout, or null where it has none with the JS bits. */
type Pair<F> = readonly [vec: F, scalar: F] | null;

const one = f32x4.splat(f32.const(1));
const minusOne = f32x4.splat(f32.const(-1));
const zero = f32x4.splat(f32.const(0));

const floatUnary: { readonly [K in UnaryOp]: Pair<Un> } = {
  neg: [f32x4.neg, f32.neg],
  abs: [f32x4.abs, f32.abs],
  sqrt: [f32x4.sqrt, f32.sqrt],
  floor: [f32x4.floor, f32.floor],
  ceil: [f32x4.ceil, f32.ceil],
  round: [f32x4.nearest, f32.nearest],
  // x > 0 ? 1 : x < 0 ? -1 : x (NaN and ±0 pass through); `x` is always a local.get
  sign: [
    (x) => v128.bitselect(one, v128.bitselect(minusOne, x, f32x4.lt(x, zero)), f32x4.gt(x, zero)),
    (x) => select(f32.const(1), select(f32.const(-1), x, f32.lt(x, f32.const(0))), f32.gt(x, f32.const(0))),
  ],
  stop_gradient: [(x) => x, (x) => x],
  exp: null, log: null, log1p: null, expm1: null, tanh: null, logistic: null, sin: null, cos: null,
  rsqrt: null, erf: null, erfc: null, erf_inv: null, not: null,
};

const boolUnary: { readonly [K in UnaryOp]: Pair<Un> } = {
  ...(Object.fromEntries(Object.keys(floatUnary).map((k) => [k, null])) as { [K in UnaryOp]: null }),
  not: [v128.not, i32.eqz],
  stop_gradient: [(x) => x, (x) => x],
};

const floatBinary: { readonly [K in BinaryOp]: Pair<Bin> } = {
  add: [f32x4.add, f32.add],
  sub: [f32x4.sub, f32.sub],
  mul: [f32x4.mul, f32.mul],
  div: [f32x4.div, f32.div],
  max: [f32x4.max, f32.max],
  min: [f32x4.min, f32.min],
  rem: null, pow: null, atan2: null, and: null, or: null, xor: null,
  shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
};

// masks and 0/1 integers combine with the same bitwise ops
const boolBinary: { readonly [K in BinaryOp]: Pair<Bin> } = {
  and: [v128.and, i32.and],
  or: [v128.or, i32.or],
  xor: [v128.xor, i32.xor],
  max: [v128.or, i32.or],
  min: [v128.and, i32.and],
  add: null, sub: null, mul: null, div: null, rem: null, pow: null, atan2: null,
  shift_left: null, shift_right_logical: null, shift_right_arithmetic: null,
};

const floatCompare: { readonly [K in CompareOp]: readonly [Bin, Bin] } = {
  eq: [f32x4.eq, f32.eq],
  ne: [f32x4.ne, f32.ne],
  lt: [f32x4.lt, f32.lt],
  le: [f32x4.le, f32.le],
  gt: [f32x4.gt, f32.gt],
  ge: [f32x4.ge, f32.ge],
};

/** The dtypes a wasm region computes in. */
const inRegion = (d: DType): d is "float32" | "bool" => d === "float32" || d === "bool";

const dtypeOf = (e: Eqn, i: number): DType => e.inputs[i]!.aval.dtype;

/** Can this equation be computed by a wasm region with the JS path's bits? */
export function wasmSupports(e: Eqn): boolean {
  if (!e.inputs.every((a) => inRegion(a.aval.dtype)) || !e.out.every((v) => inRegion(v.aval.dtype))) return false;
  const op = e.op;
  if (isUnaryOp(op)) return (dtypeOf(e, 0) === "float32" ? floatUnary : boolUnary)[op] !== null;
  if (isBinaryOp(op)) return (dtypeOf(e, 0) === "float32" ? floatBinary : boolBinary)[op] !== null;
  if (isCompareOp(op)) return dtypeOf(e, 0) === "float32";
  switch (op) {
    case "integer_pow": return dtypeOf(e, 0) === "float32";
    // (pred, onFalse, onTrue) with a bool predicate
    case "select_n": return e.inputs.length === 3 && dtypeOf(e, 0) === "bool";
    case "convert_element_type": return true;
    default: return false;
  }
}

/** A float32 or bool constant, in the lane layout (bool: a mask or 0/1). */
export function wasmConstant(value: number, dtype: DType, lanes: Lanes): Emit {
  if (dtype === "bool") return lanes === "vec" ? i32x4.splat(i32.const(value ? -1 : 0)) : i32.const(value ? 1 : 0);
  return lanes === "vec" ? f32x4.splat(f32.const(value)) : f32.const(value);
}

/**
 * Emits a region's nodes into a function. `leaf(atom)` returns the code loading a float32
 * value read from a buffer or literal (already splatted for `vec`); literal atoms are handled
 * here. Each node's result is kept in a local.
 */
export class WasmRegion {
  private readonly memo = new Map<Var, Local>();
  private readonly defs = new Map<Var, Eqn>();
  readonly code: Emit[] = [];

  constructor(
    private readonly f: FuncBuilder,
    region: Region,
    private readonly lanes: Lanes,
    private readonly leaf: (a: Atom) => Emit,
  ) {
    for (const e of region.nodes) for (const v of e.out) this.defs.set(v, e);
  }

  private typeOf(dtype: DType) {
    return this.lanes === "vec" ? ("v128" as const) : dtype === "bool" ? ("i32" as const) : ("f32" as const);
  }

  /** Makes `v` the value computed by `code` (the dot result). */
  provide(v: Var, code: Emit): void {
    this.memo.set(v, this.bind(code, v.aval.dtype));
  }

  value(a: Atom): Emit {
    if (a.kind === "literal") return wasmConstant(a.value, a.aval.dtype, this.lanes);
    const known = this.memo.get(a);
    if (known) return get(known);
    const e = this.defs.get(a);
    const l = this.bind(e ? this.node(e) : this.leaf(a), a.aval.dtype);
    this.memo.set(a, l);
    return get(l);
  }

  private bind(code: Emit, dtype: DType): Local {
    const l = this.f.local(this.typeOf(dtype));
    this.code.push(set(l, code));
    return l;
  }

  private node(e: Eqn): Emit {
    const k = this.lanes === "vec" ? 0 : 1;
    const args = e.inputs.map((a) => this.value(a));
    const float = dtypeOf(e, 0) === "float32";
    const op = e.op;
    if (isUnaryOp(op)) return this.rule((float ? floatUnary : boolUnary)[op], e)[k](args[0]!);
    if (isBinaryOp(op)) return this.rule((float ? floatBinary : boolBinary)[op], e)[k](args[0]!, args[1]!);
    if (isCompareOp(op)) return floatCompare[op][k](args[0]!, args[1]!);
    switch (op) {
      case "integer_pow": return this.integerPow((e as Eqn<"integer_pow">).params.y, args[0]!);
      case "select_n": return this.lanes === "vec" ? v128.bitselect(args[2]!, args[1]!, args[0]!) : select(args[2]!, args[1]!, args[0]!);
      case "convert_element_type": return this.convert(dtypeOf(e, 0), e.out[0]!.aval.dtype, args[0]!);
      default: throw new Error(`codegen(wasm): ${op} has no wasm lowering`);
    }
  }

  private rule<F>(pair: Pair<F>, e: Eqn): readonly [F, F] {
    if (!pair) throw new Error(`codegen(wasm): ${e.op} on ${dtypeOf(e, 0)} has no wasm lowering`);
    return pair;
  }

  /** convert_element_type between float32 and bool: x != 0 (NaN is true), or 1 / 0. */
  private convert(from: DType, to: DType, x: Emit): Emit {
    if (from === to) return x;
    const vec = this.lanes === "vec";
    if (to === "bool") return vec ? f32x4.ne(x, zero) : f32.ne(x, f32.const(0));
    return vec ? v128.and(x, one) : f32.convertI32U(x);
  }

  /** x ** y by core's recipe (numerics/recipes/integer-pow.ts), as the JS backend renders it too. */
  private integerPow(y: number, x: Emit): Emit {
    const [mul, div] = this.lanes === "vec" ? [f32x4.mul, f32x4.div] : [f32.mul, f32.div];
    const alg: numerics.ScalarAlgebra<Emit> = {
      one: () => wasmConstant(1, "float32", this.lanes),
      mul,
      reciprocal: (r) => div(wasmConstant(1, "float32", this.lanes), r),
      bind: (v) => get(this.bind(v, "float32")),
    };
    return numerics.integerPow(alg, x, y);
  }
}
