import { binaryOps, compareOps, unaryOps, type DType, type Eqn } from "@kiln/core";
import type { ElementwiseOp } from "../fusion/op-class.js";
import type { RuntimeName } from "../runtime.js";
import type { Expr } from "./estree.js";
import { binaryScalar, compareScalar, convertScalar, integerPowScalar, unaryScalar, type ScalarCtx } from "./scalar-ops.js";

/** An elementwise op's scalar formula, evaluated inside whatever loop the op is fused into. */
export type ElementwiseRule<P extends ElementwiseOp> = (e: Eqn<P>, args: readonly Expr[], c: ScalarCtx) => Expr;

function tableOf<K extends ElementwiseOp>(names: readonly K[], make: (op: K) => ElementwiseRule<K>): { [P in K]: ElementwiseRule<P> } {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as unknown as { [P in K]: ElementwiseRule<P> };
}

const dtypeOf = (e: Eqn) => e.inputs[0]!.aval.dtype;
const call = (c: ScalarCtx, name: RuntimeName, args: readonly Expr[]): Expr => ({ type: "CallExpression", callee: c.helper(name), arguments: [...args], optional: false });

const bitcastHelper = (from: DType, to: DType): RuntimeName | null => {
  const short = { float32: "F32", int32: "I32", uint32: "U32", bool: null } as const;
  return from === to || !short[from] || !short[to] ? null : (`bitcast${short[from]}${short[to]}` as RuntimeName);
};

/** The JavaScript formula of every elementwise op. A missing entry is a type error. */
export const elementwiseRules: { readonly [P in ElementwiseOp]: ElementwiseRule<P> } = {
  ...tableOf(unaryOps, (op) => (e, [x], c) => unaryScalar(op, dtypeOf(e))(x!, c)),
  ...tableOf(binaryOps, (op) => (e, [a, b], c) => binaryScalar(op, dtypeOf(e))(a!, b!, c)),
  ...tableOf(compareOps, (op) => (_e, [a, b], c) => compareScalar(op)(a!, b!, c)),
  integer_pow: (e, [x], c) => integerPowScalar(e.params.y, dtypeOf(e), x!, c),
  select_n: (_e, [p, onFalse, onTrue]) => ({ type: "ConditionalExpression", test: p!, consequent: onTrue!, alternate: onFalse! }),
  fma: (_e, args, c) => call(c, "fma32", args),
  convert_element_type: (e, [x]) => convertScalar(dtypeOf(e), e.params.newDtype, x!),
  bitcast_convert_type: (e, [x], c) => {
    const helper = bitcastHelper(dtypeOf(e), e.params.newDtype);
    return helper ? call(c, helper, [x!]) : x!;
  },
};
