import type { Array } from "../array.js";
import * as lax from "../lax.js";
import { normalizeAxes } from "../shape.js";
import { asarray, type ArrayLike } from "./convert.js";
import { isfinite, where } from "./elementwise.js";
import { toFloat } from "./promote.js";

/** jax.nn: activations and helpers, written with the same primitives (so they differentiate and compile). */
const f = (x: ArrayLike, fn: string) => toFloat(asarray(x, undefined, fn));
const scalar = (v: number) => asarray(Math.fround(v), "float32");

export function relu(x: ArrayLike): Array {
  const a = asarray(x, undefined, "relu");
  return lax.max(a, asarray(0, a.dtype));
}

export const sigmoid = (x: ArrayLike): Array => lax.logistic(f(x, "sigmoid"));

/** x * sigmoid(x) (jax.nn.silu / swish). */
export function silu(x: ArrayLike): Array {
  const a = f(x, "silu");
  return lax.mul(a, lax.logistic(a));
}

/**
 * GELU. `approximate: true` (JAX's default) is the tanh form
 * 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))); false is the exact form as JAX 0.10 writes it,
 * (0.5x) * erfc(-x * f32(sqrt(1/2))) (jax/_src/nn/functions.py), which does not cancel for x < 0.
 */
export function gelu(x: ArrayLike, approximate = true): Array {
  const a = f(x, "gelu");
  if (approximate) {
    const inner = lax.mul(scalar(Math.sqrt(2 / Math.PI)), lax.add(a, lax.mul(scalar(0.044715), lax.integerPow(a, 3))));
    return lax.mul(lax.mul(scalar(0.5), a), lax.add(scalar(1), lax.tanh(inner)));
  }
  return lax.mul(lax.mul(scalar(0.5), a), lax.erfc(lax.mul(lax.neg(a), scalar(Math.SQRT1_2))));
}

export const tanh = (x: ArrayLike): Array => lax.tanh(f(x, "tanh"));

function axesOf(x: Array, axis: number | readonly number[] | undefined, fn: string): number[] {
  return normalizeAxes(fn, axis ?? -1, x.ndim);
}

function keepShape(x: Array, axes: readonly number[]): number[] {
  return x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** The max over axes, with gradient stopped and non-finite values replaced by 0 (as jax.nn does). */
function stableShift(x: Array, axes: readonly number[]): Array {
  const m = lax.reshape(lax.reduceMax(x, axes), keepShape(x, axes));
  return lax.stopGradient(where(isfinite(m), m, 0));
}

/** log_softmax along `axis` (default -1): x - max - log(sum(exp(x - max))). */
export function logSoftmax(x: ArrayLike, axis?: number | readonly number[]): Array {
  const a = f(x, "logSoftmax");
  const axes = axesOf(a, axis, "logSoftmax");
  const shifted = lax.sub(a, stableShift(a, axes));
  const lse = lax.reshape(lax.log(lax.reduceSum(lax.exp(shifted), axes)), keepShape(a, axes));
  return lax.sub(shifted, lse);
}

/** softmax along `axis` (default -1): exp(x - max) / sum(exp(x - max)). */
export function softmax(x: ArrayLike, axis?: number | readonly number[]): Array {
  const a = f(x, "softmax");
  const axes = axesOf(a, axis, "softmax");
  const e = lax.exp(lax.sub(a, stableShift(a, axes)));
  return lax.div(e, lax.reshape(lax.reduceSum(e, axes), keepShape(a, axes)));
}

/** one_hot(labels, numClasses): float32 [..., numClasses] with 1 where labels equal the class. */
export function oneHot(labels: ArrayLike, numClasses: number): Array {
  const l = asarray(labels, undefined, "oneHot");
  const cls = lax.iota(l.dtype, [...l.shape, numClasses], l.ndim);
  const eq = lax.eq(lax.reshape(l, [...l.shape, 1]), cls);
  return lax.convertElementType(eq, "float32");
}

export function softplus(x: ArrayLike): Array {
  const a = f(x, "softplus");
  // log1p(exp(-|x|)) + max(x, 0)
  return lax.add(lax.log1p(lax.exp(lax.neg(lax.abs(a)))), lax.max(a, scalar(0)));
}

export function leakyRelu(x: ArrayLike, negativeSlope = 0.01): Array {
  const a = f(x, "leakyRelu");
  return lax.select(lax.ge(a, scalar(0)), a, lax.mul(a, scalar(negativeSlope)));
}
