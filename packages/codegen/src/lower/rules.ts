import { binaryOps, compareOps, reduceOps, unaryOps, type DType, type Eqn, type OpName, type ReduceOp } from "@kiln/core";
import type { LowerCtx } from "./context.js";
import type { MemberExpression } from "estree";
import { assign, bin, math, num, type Expr, type Ident, type Stmt } from "./estree.js";
import { emitArgExtreme } from "./kernel-argextreme.js";
import { emitConcatenate, emitPad } from "./kernel-structural.js";
import { emitScatterAdd, emitTake } from "./kernel-gather.js";
import { emitRandomBits, emitRandomFoldIn, emitRandomSplit } from "./kernel-random.js";
import type { RuntimeName } from "../runtime.js";
import { binaryScalar, compareScalar, convertScalar, integerPowScalar, unaryScalar, type ScalarCtx } from "./scalar-ops.js";

/** An elementwise op: its scalar formula, evaluated inside whatever loop the op is fused into. */
export interface ElementwiseRule<P extends OpName> {
  readonly kind: "elementwise";
  scalar(e: Eqn<P>, args: readonly Expr[], c: ScalarCtx): Expr;
}

/** A reduction: the accumulator's start value and one step (`acc = step(acc, x)`), in double precision. */
export interface ReduceRule {
  readonly kind: "reduce";
  init(dtype: DType): number;
  step(acc: Ident | MemberExpression, x: Expr, dtype: DType): Stmt;
}

/** An op with its own specialized loops. */
export interface OpRule<P extends OpName> {
  readonly kind: "op";
  emit(ctx: LowerCtx, e: Eqn<P>): Stmt[];
}

/**
 * - view: read through strides by its consumers (fusion/views.ts), never a loop of its own;
 * - dot: dot_general's register-tiled kernel (kernel-dot.ts) with a fused epilogue.
 */
export type LoweringRule<P extends OpName> = ElementwiseRule<P> | ReduceRule | OpRule<P> | { readonly kind: "view" | "dot" };

function tableOf<K extends OpName>(names: readonly K[], make: (op: K) => LoweringRule<K>): { [P in K]: LoweringRule<P> } {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as unknown as { [P in K]: LoweringRule<P> };
}

const elementwise = <P extends OpName>(scalar: ElementwiseRule<P>["scalar"]): ElementwiseRule<P> => ({ kind: "elementwise", scalar });
const dtypeOf = (e: Eqn) => e.inputs[0]!.aval.dtype;
const call = (c: ScalarCtx, name: RuntimeName, args: readonly Expr[]): Expr => ({ type: "CallExpression", callee: c.helper(name), arguments: [...args], optional: false });

const bitcastHelper = (from: DType, to: DType): RuntimeName | null => {
  const short = { float32: "F32", int32: "I32", uint32: "U32", bool: null } as const;
  return from === to || !short[from] || !short[to] ? null : (`bitcast${short[from]}${short[to]}` as RuntimeName);
};

/** Sums accumulate in a double (ints wrap every step, like the eager kernel); max/min propagate NaN. */
function reduceRule(op: ReduceOp): ReduceRule {
  const isSum = op === "reduce_sum";
  return {
    kind: "reduce",
    init: () => (isSum ? 0 : op === "reduce_max" ? -Infinity : Infinity),
    step: (acc, x, dtype) => {
      if (!isSum) return assign(acc, math(op === "reduce_max" ? "max" : "min", acc, x));
      return dtype === "float32" ? assign(acc, x, "+=") : assign(acc, bin("|", bin("+", acc, x), num(0)));
    },
  };
}

/** The lowering of every op. A missing entry is a type error. */
export const loweringRules: { readonly [P in OpName]: LoweringRule<P> } = {
  ...tableOf(unaryOps, (op) => elementwise((e, [x], c) => unaryScalar(op, dtypeOf(e))(x!, c))),
  ...tableOf(binaryOps, (op) => elementwise((e, [a, b], c) => binaryScalar(op, dtypeOf(e))(a!, b!, c))),
  ...tableOf(compareOps, (op) => elementwise((_e, [a, b], c) => compareScalar(op)(a!, b!, c))),
  ...tableOf(reduceOps, reduceRule),
  integer_pow: elementwise((e, [x], c) => integerPowScalar(e.params.y, dtypeOf(e), x!, c)),
  select_n: elementwise((_e, [p, onFalse, onTrue]) => ({ type: "ConditionalExpression", test: p!, consequent: onTrue!, alternate: onFalse! })),
  fma: elementwise((_e, args, c) => call(c, "fma32", args)),
  convert_element_type: elementwise((e, [x]) => convertScalar(dtypeOf(e), e.params.newDtype, x!)),
  bitcast_convert_type: elementwise((e, [x], c) => {
    const helper = bitcastHelper(dtypeOf(e), e.params.newDtype);
    return helper ? call(c, helper, [x!]) : x!;
  }),
  argmax: { kind: "op", emit: (ctx, e) => emitArgExtreme(ctx, e, true) },
  argmin: { kind: "op", emit: (ctx, e) => emitArgExtreme(ctx, e, false) },
  dot_general: { kind: "dot" },
  reshape: { kind: "view" },
  squeeze: { kind: "view" },
  transpose: { kind: "view" },
  broadcast_in_dim: { kind: "view" },
  slice: { kind: "view" },
  iota: { kind: "view" },
  concatenate: { kind: "op", emit: emitConcatenate },
  pad: { kind: "op", emit: emitPad },
  take: { kind: "op", emit: emitTake },
  scatter_add: { kind: "op", emit: emitScatterAdd },
  random_bits: { kind: "op", emit: emitRandomBits },
  random_split: { kind: "op", emit: emitRandomSplit },
  random_fold_in: { kind: "op", emit: emitRandomFoldIn },
};
