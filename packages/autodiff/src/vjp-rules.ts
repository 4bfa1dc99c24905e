import { jnp, lax, type Array, type OpName, type OpParams } from "@kiln/core";
import { dotTransposeLhs, dotTransposeRhs } from "./dot-general-vjp.js";

/**
 * VJP rules, one per op, written with the same array API so the backward pass is ordinary IR.
 * A rule receives the output cotangent, the primal inputs and outputs, the op's params and
 * which inputs need a cotangent; it returns one cotangent per input (null = symbolic zero).
 * Cotangents may keep the broadcast (output) shape: the driver sums them back once.
 */
export interface VjpArgs<P extends OpName> {
  readonly ct: Array;
  readonly inputs: readonly Array[];
  readonly out: Array;
  readonly params: OpParams[P];
  readonly wants: readonly boolean[];
}
export type VjpRule<P extends OpName> = (a: VjpArgs<P>) => (Array | null)[];

/** Ops with no derivative at all (integer/boolean results, comparisons, random bits). */
export const nonDifferentiable = "non-differentiable";
/** Ops whose derivative is zero almost everywhere (piecewise constant). */
export const zeroGradient = "zero-gradient";

export type VjpEntry<P extends OpName> = VjpRule<P> | typeof nonDifferentiable | typeof zeroGradient;

const c = (v: number, like: Array) => jnp.asarray(Math.fround(v), like.dtype);
const only = (wants: readonly boolean[], i: number, f: () => Array): Array | null => (wants[i] ? f() : null);
const keepDims = (x: Array, axes: readonly number[]) => x.shape.map((d, i) => (axes.includes(i) ? 1 : d));

/** d max(x, y): the gradient goes to the larger operand, split evenly on ties (as JAX). */
function extremumVjp(isMax: boolean): VjpRule<"max" | "min"> {
  return ({ ct, inputs: [x, y], wants }) => {
    const pick = (a: Array, b: Array) => {
      const wins = isMax ? lax.gt(a, b) : lax.lt(a, b);
      const mask = lax.add(lax.convertElementType(wins, ct.dtype), lax.mul(lax.convertElementType(lax.eq(a, b), ct.dtype), c(0.5, ct)));
      return lax.mul(ct, mask);
    };
    return [only(wants, 0, () => pick(x!, y!)), only(wants, 1, () => pick(y!, x!))];
  };
}

/** d reduce_max: the cotangent is shared among all positions equal to the maximum. */
function reduceExtremumVjp(): VjpRule<"reduce_max" | "reduce_min"> {
  return ({ ct, inputs: [x], out, params: { axes } }) => {
    const shape = keepDims(x!, axes);
    const mask = lax.convertElementType(lax.eq(x!, lax.reshape(out, shape)), ct.dtype);
    const counts = lax.reshape(lax.reduceSum(mask, axes), shape);
    return [lax.div(lax.mul(lax.reshape(ct, shape), mask), counts)];
  };
}

export const vjpRules: { readonly [P in OpName]: VjpEntry<P> } = {
  neg: ({ ct }) => [lax.neg(ct)],
  exp: ({ ct, out }) => [lax.mul(ct, out)],
  log: ({ ct, inputs: [x] }) => [lax.div(ct, x!)],
  log1p: ({ ct, inputs: [x] }) => [lax.div(ct, lax.add(x!, c(1, x!)))],
  expm1: ({ ct, out }) => [lax.mul(ct, lax.add(out, c(1, out)))],
  // JAX's jvp (1 + ans)(1 - ans)·g, transposed: t = ct(1 - ans), then t + t·ans; unlike 1 - ans^2
  // it does not cancel near |ans| = 1 (jax/_src/lax/lax.py, tanh_p)
  tanh: ({ ct, out }) => {
    const t = lax.mul(ct, lax.sub(c(1, out), out));
    return [lax.add(t, lax.mul(t, out))];
  },
  logistic: ({ ct, out }) => [lax.mul(ct, lax.mul(out, lax.sub(c(1, out), out)))],
  sin: ({ ct, inputs: [x] }) => [lax.mul(ct, lax.cos(x!))],
  cos: ({ ct, inputs: [x] }) => [lax.mul(ct, lax.neg(lax.sin(x!)))],
  sqrt: ({ ct, out }) => [lax.mul(ct, lax.div(c(0.5, out), out))],
  rsqrt: ({ ct, inputs: [x], out }) => [lax.mul(ct, lax.mul(c(-0.5, out), lax.div(out, x!)))],
  abs: ({ ct, inputs: [x] }) => [lax.mul(ct, lax.sign(x!))],
  sign: zeroGradient,
  floor: zeroGradient,
  ceil: zeroGradient,
  round: zeroGradient,
  erf: ({ ct, inputs: [x] }) => [lax.mul(ct, lax.mul(c(2 / Math.sqrt(Math.PI), x!), lax.exp(lax.neg(lax.integerPow(x!, 2)))))],
  // d/dx erfc = -2/sqrt(pi) exp(-x^2) (jax/_src/lax/special.py erfc_p jvp)
  erfc: ({ ct, inputs: [x] }) => [lax.mul(ct, lax.mul(c(-2 / Math.sqrt(Math.PI), x!), lax.exp(lax.neg(lax.integerPow(x!, 2)))))],
  erf_inv: ({ ct, out }) => [lax.mul(ct, lax.mul(c(Math.sqrt(Math.PI) / 2, out), lax.exp(lax.integerPow(out, 2))))],
  not: nonDifferentiable,
  stop_gradient: zeroGradient,
  add: ({ ct, wants }) => [wants[0] ? ct : null, wants[1] ? ct : null],
  sub: ({ ct, wants }) => [wants[0] ? ct : null, only(wants, 1, () => lax.neg(ct))],
  mul: ({ ct, inputs: [x, y], wants }) => [only(wants, 0, () => lax.mul(ct, y!)), only(wants, 1, () => lax.mul(x!, ct))],
  div: ({ ct, inputs: [x, y], wants }) => [
    only(wants, 0, () => lax.div(ct, y!)),
    only(wants, 1, () => lax.div(lax.mul(lax.neg(ct), x!), lax.integerPow(y!, 2))),
  ],
  rem: ({ ct, inputs: [x, y], wants }) => [
    wants[0] ? ct : null,
    only(wants, 1, () => {
      const q = lax.div(x!, y!);
      return lax.mul(lax.neg(ct), lax.mul(lax.sign(q), lax.floor(lax.abs(q))));
    }),
  ],
  pow: ({ ct, inputs: [x, y], out, wants }) => [
    only(wants, 0, () => lax.mul(ct, lax.mul(y!, lax.pow(x!, lax.sub(y!, c(1, y!)))))),
    // log(x) * x**y, defined as 0 where x == 0 (as JAX does)
    only(wants, 1, () => {
      const zero = c(0, x!);
      const safeLog = lax.log(lax.select(lax.eq(x!, zero), c(1, x!), x!));
      return lax.mul(ct, lax.select(lax.eq(x!, zero), zero, lax.mul(safeLog, out)));
    }),
  ],
  max: extremumVjp(true),
  min: extremumVjp(false),
  atan2: ({ ct, inputs: [x, y], wants }) => {
    const denom = () => lax.add(lax.integerPow(x!, 2), lax.integerPow(y!, 2));
    return [only(wants, 0, () => lax.mul(ct, lax.div(y!, denom()))), only(wants, 1, () => lax.mul(ct, lax.div(lax.neg(x!), denom())))];
  },
  and: nonDifferentiable,
  or: nonDifferentiable,
  xor: nonDifferentiable,
  shift_left: nonDifferentiable,
  shift_right_logical: nonDifferentiable,
  shift_right_arithmetic: nonDifferentiable,
  eq: nonDifferentiable,
  ne: nonDifferentiable,
  lt: nonDifferentiable,
  le: nonDifferentiable,
  gt: nonDifferentiable,
  ge: nonDifferentiable,
  reduce_sum: ({ ct, inputs: [x], params: { axes } }) => [
    lax.broadcastInDim(ct, x!.shape, x!.shape.map((_, i) => i).filter((i) => !axes.includes(i))),
  ],
  reduce_max: reduceExtremumVjp(),
  reduce_min: reduceExtremumVjp(),
  argmax: nonDifferentiable,
  argmin: nonDifferentiable,
  integer_pow: ({ ct, inputs: [x], params: { y } }) => {
    if (y === 0) return [null];
    const d = y === 1 ? c(1, x!) : y === 2 ? x! : lax.integerPow(x!, y - 1);
    return [lax.mul(ct, lax.mul(c(y, x!), d))];
  },
  select_n: ({ ct, inputs: [p], wants }) => {
    const zero = c(0, ct);
    return [null, only(wants, 1, () => lax.select(p!, zero, ct)), only(wants, 2, () => lax.select(p!, ct, zero))];
  },
  fma: ({ ct, inputs: [a, b], wants }) => [only(wants, 0, () => lax.mul(ct, b!)), only(wants, 1, () => lax.mul(a!, ct)), wants[2] ? ct : null],
  convert_element_type: ({ ct, inputs: [x] }) => [x!.dtype === "float32" && ct.dtype === "float32" ? ct : null],
  bitcast_convert_type: nonDifferentiable,
  dot_general: ({ ct, inputs: [x, y], params, wants }) => [
    only(wants, 0, () => dotTransposeLhs(ct, x!.ndim, y!, params)),
    only(wants, 1, () => dotTransposeRhs(ct, x!, y!.ndim, params)),
  ],
  reshape: ({ ct, inputs: [x] }) => [lax.reshape(ct, x!.shape)],
  squeeze: ({ ct, inputs: [x] }) => [lax.reshape(ct, x!.shape)],
  transpose: ({ ct, params: { permutation } }) => [lax.transpose(ct, permutation.map((_, i) => permutation.indexOf(i)))],
  broadcast_in_dim: ({ ct, inputs: [x], params: { broadcastDimensions } }) => {
    const newAxes = ct.shape.map((_, i) => i).filter((i) => !broadcastDimensions.includes(i));
    const stretched = broadcastDimensions.filter((d, i) => x!.shape[i] === 1 && ct.shape[d] !== 1);
    const axes = [...newAxes, ...stretched].sort((a, b) => a - b);
    const summed = axes.length > 0 ? lax.reduceSum(ct, axes) : ct;
    return [lax.reshape(summed, x!.shape)];
  },
  concatenate: ({ ct, inputs, params: { dimension }, wants }) => {
    let start = 0;
    return inputs.map((x, k) => {
      const begin = start;
      start += x.shape[dimension]!;
      if (!wants[k]) return null;
      const lo = ct.shape.map((_, i) => (i === dimension ? begin : 0));
      const hi = ct.shape.map((d, i) => (i === dimension ? begin + x.shape[dimension]! : d));
      return lax.slice(ct, lo, hi);
    });
  },
  slice: ({ ct, inputs: [x], params: { startIndices, strides } }) => {
    const config = x!.shape.map((d, i) => {
      const n = ct.shape[i]!;
      const end = n === 0 ? startIndices[i]! : startIndices[i]! + (n - 1) * strides[i]! + 1;
      return [startIndices[i]!, d - end, n === 0 ? 0 : strides[i]! - 1] as const;
    });
    return [lax.pad(ct, c(0, ct), config)];
  },
  // as JAX's _pad_transpose: un-pad with (-lo, -hi) (negative padding cropped operand elements,
  // whose cotangent is zero, so un-padding puts zeros back), then take every (interior+1)-th element
  pad: ({ ct, inputs: [x], params: { lo, hi, interior }, wants }) => {
    const unpadded = lax.pad(ct, c(0, ct), lo.map((l, i) => [-l, -hi[i]!, 0] as const));
    const operandCt = lax.slice(unpadded, x!.shape.map(() => 0), unpadded.shape, interior.map((s) => s + 1));
    const padCt = only(wants, 1, () => lax.sub(lax.reduceSum(ct, ct.shape.map((_, i) => i)), lax.reduceSum(operandCt, operandCt.shape.map((_, i) => i))));
    return [wants[0] ? operandCt : null, padCt];
  },
  iota: nonDifferentiable,
  take: ({ ct, inputs: [x, idx], params: { axis } }) => [lax.scatterAdd(ct, idx!, axis, x!.shape), null],
  scatter_add: ({ ct, inputs: [, idx], params: { axis } }) => [lax.take(ct, idx!, axis), null],
  random_bits: nonDifferentiable,
  random_split: nonDifferentiable,
  random_fold_in: nonDifferentiable,
};
