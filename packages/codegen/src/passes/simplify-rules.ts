import { isElementwiseOp, shapeRules, type Atom, type Eqn, type OpName, type ShapeRule } from "@kiln/core";

/** What a rule does with an equation: forward an existing atom, or replace the equation. */
export type Rewrite = { readonly kind: "forward"; readonly to: Atom } | { readonly kind: "eqn"; readonly eqn: Eqn };

export interface RuleContext {
  /** The (already simplified) equation defining a var, if any. */
  def(a: Atom): Eqn | undefined;
  /** Follow XLA's algebraic simplifier for floats too (x + 0 -> x, x - (-0) -> x); not bit-exact for x = -0. */
  readonly xlaFloat: boolean;
}

type Rule<P extends OpName> = (e: Eqn<P>, ctx: RuleContext) => Rewrite | null;

const forward = (to: Atom): Rewrite => ({ kind: "forward", to });
const replaceWith = <P extends OpName>(e: Eqn, op: P, inputs: readonly Atom[], params: Eqn<P>["params"]): Rewrite =>
  ({ kind: "eqn", eqn: { op, inputs, params, out: e.out } as Eqn });

const isLit = (a: Atom, pred: (v: number) => boolean): boolean => a.kind === "literal" && pred(a.value);
const one = (v: number) => v === 1;
const anyZero = (v: number) => v === 0;
const posZero = (v: number) => Object.is(v, 0);
const negZero = (v: number) => Object.is(v, -0);
/** `x` can stand for the equation's output only if no broadcasting happened. */
const sameAval = (x: Atom, e: Eqn) => x.aval.equals(e.out[0]!.aval);
const isFloatEqn = (e: Eqn) => e.out[0]!.aval.dtype === "float32";

/** Rewrites to `x` when operand `lit` matches and `x` already has the output's shape. */
function identityOperand(e: Eqn, x: Atom, lit: Atom, pred: (v: number) => boolean): Rewrite | null {
  return isLit(lit, pred) && sameAval(x, e) ? forward(x) : null;
}

/**
 * The rewrite table, one entry per op, each with its algebra. Float rules are exact unless
 * noted: only rewrites that give the same bits for every input (NaN, ±0, ±inf) apply by default.
 */
export const simplifyRules: { readonly [P in OpName]?: Rule<P> } = {
  // x*1 = 1*x = x exactly (fround(x*1) = x for every float32 x, imul(x,1) = x).
  mul: (e) => identityOperand(e, e.inputs[0]!, e.inputs[1]!, one) ?? identityOperand(e, e.inputs[1]!, e.inputs[0]!, one),
  // x+0 = 0+x = x for integers. For floats only x + (-0) = x is exact: -0 + +0 is +0, so
  // x + (+0) -> x is applied only with xlaFloat (XLA's AlgebraicSimplifier does rewrite it).
  add: (e, ctx) => {
    const zero = !isFloatEqn(e) || ctx.xlaFloat ? anyZero : negZero;
    return identityOperand(e, e.inputs[0]!, e.inputs[1]!, zero) ?? identityOperand(e, e.inputs[1]!, e.inputs[0]!, zero);
  },
  // x - (+0) = x exactly (also -0 - 0 = -0); x - (-0) = x + 0 is not exact for x = -0.
  sub: (e, ctx) => identityOperand(e, e.inputs[0]!, e.inputs[1]!, !isFloatEqn(e) || ctx.xlaFloat ? anyZero : posZero),
  // -(-x) = x: a sign flip twice (ints: two's complement negation is an involution mod 2^32).
  neg: (e, ctx) => {
    const d = ctx.def(e.inputs[0]!);
    return d?.op === "neg" ? forward(d.inputs[0]!) : null;
  },
  // x**1 = x (integer_pow's binary exponentiation returns x itself).
  integer_pow: (e) => (e.params.y === 1 ? forward(e.inputs[0]!) : null),
  // select(p, x, x) = x.
  select_n: (e) => (e.inputs[1] === e.inputs[2] && sameAval(e.inputs[1]!, e) ? forward(e.inputs[1]!) : null),
  // transpose(transpose(x, p), q) = transpose(x, i -> p[q[i]]); the identity permutation is x.
  transpose: (e, ctx) => {
    const x = e.inputs[0]!;
    const d = ctx.def(x);
    const perm = d?.op === "transpose" ? e.params.permutation.map((q) => (d as Eqn<"transpose">).params.permutation[q]!) : e.params.permutation;
    const src = d?.op === "transpose" ? d.inputs[0]! : x;
    if (perm.every((p, i) => p === i)) return forward(src);
    return d?.op === "transpose" ? replaceWith(e, "transpose", [src], { permutation: perm }) : null;
  },
  // reshape(reshape(x)) = reshape(x) (row-major order is kept by both); to the same shape it is x.
  reshape: (e, ctx) => collapseReshape(e, ctx),
  squeeze: (e, ctx) => collapseReshape(e, ctx),
  convert_element_type: (e) => (e.params.newDtype === e.inputs[0]!.aval.dtype ? forward(e.inputs[0]!) : null),
  // A reduction over no axes: max/min with ∓inf is x itself (NaN and -0 included); a float
  // sum is 0 + x, which turns -0 into +0, so it goes only for integers (or with xlaFloat).
  reduce_sum: (e, ctx) => (e.params.axes.length === 0 && (!isFloatEqn(e) || ctx.xlaFloat) ? forward(e.inputs[0]!) : null),
  reduce_max: (e) => (e.params.axes.length === 0 ? forward(e.inputs[0]!) : null),
  reduce_min: (e) => (e.params.axes.length === 0 ? forward(e.inputs[0]!) : null),
  // stop_gradient only matters to autodiff, which has already run.
  stop_gradient: (e) => forward(e.inputs[0]!),
};

function collapseReshape(e: Eqn, ctx: RuleContext): Rewrite | null {
  const x = e.inputs[0]!;
  const d = ctx.def(x);
  const src = d && (d.op === "reshape" || d.op === "squeeze") ? d.inputs[0]! : x;
  if (sameAval(src, e)) return forward(src);
  if (src === x) return null;
  return replaceWith(e, "reshape", [src], { newSizes: [...e.out[0]!.aval.shape] });
}

/**
 * Elementwise ops broadcast implicitly (NumPy rules) in this IR, so an operand produced by a
 * NumPy-compatible broadcast_in_dim (operand axes mapped to the trailing axes, e.g. a scalar)
 * is replaced by the broadcast's operand when the op's result aval stays the same.
 */
export function foldBroadcastOperands(e: Eqn, ctx: RuleContext): Rewrite | null {
  if (!isElementwiseOp(e.op) || e.inputs.length < 2) return null;
  const inputs = [...e.inputs];
  let changed = false;
  for (let i = 0; i < inputs.length; i++) {
    const d = ctx.def(inputs[i]!);
    if (d?.op !== "broadcast_in_dim") continue;
    const src = d.inputs[0]!;
    const { shape, broadcastDimensions } = (d as Eqn<"broadcast_in_dim">).params;
    if (!broadcastDimensions.every((b, k) => b === shape.length - src.aval.ndim + k)) continue;
    const trial = inputs.map((a, k) => (k === i ? src : a));
    const avals = (shapeRules[e.op] as ShapeRule<OpName>)(trial.map((a) => a.aval), e.params);
    if (avals.length === e.out.length && avals.every((a, k) => a.equals(e.out[k]!.aval))) {
      inputs[i] = src;
      changed = true;
    }
  }
  return changed ? { kind: "eqn", eqn: { ...e, inputs } } : null;
}
