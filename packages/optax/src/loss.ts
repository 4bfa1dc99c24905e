import { argumentError, isFloat, isInteger, jnp, lax, nn, normalizeAxis, type Array } from "@kiln/core";

type ArrayLike = jnp.ArrayLike;

/**
 * Losses (optax/losses/_regression.py, _classification.py), elementwise or per example as in
 * optax: reduce them yourself (jnp.mean) to get a scalar loss.
 */

function floatArg(fn: string, arg: string, x: ArrayLike): Array {
  const a = jnp.asarray(x, undefined, fn, arg);
  if (!isFloat(a.dtype)) throw argumentError(fn, arg, `must be a float array, got dtype ${a.dtype}`);
  return a;
}

function sameShape(fn: string, a: Array, b: Array, argB: string): void {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) {
    throw argumentError(fn, argB, `must have the shape of 'predictions' [${a.shape.join(", ")}], got [${b.shape.join(", ")}]`);
  }
}

/** (predictions - targets) ** 2, elementwise (optax.squared_error); targets default to zeros. */
export function squaredError(predictions: ArrayLike, targets?: ArrayLike | null): Array {
  const p = floatArg("squaredError", "predictions", predictions);
  let errors = p;
  if (targets !== undefined && targets !== null) {
    const t = jnp.asarray(targets, undefined, "squaredError", "targets");
    sameShape("squaredError", p, t, "targets");
    errors = jnp.subtract(p, t);
  }
  return jnp.power(errors, 2);
}

/** 0.5 * squaredError (optax.l2_loss). */
export function l2Loss(predictions: ArrayLike, targets?: ArrayLike | null): Array {
  return jnp.multiply(0.5, squaredError(predictions, targets));
}

/** -sum(labels * log_softmax(logits), axis) (optax.softmax_cross_entropy); labels are probabilities. */
export function softmaxCrossEntropy(logits: ArrayLike, labels: ArrayLike, axis = -1): Array {
  const fn = "softmaxCrossEntropy";
  const l = floatArg(fn, "logits", logits);
  const ax = normalizeAxis(fn, axis, l.ndim);
  const y = jnp.asarray(labels, undefined, fn, "labels");
  return jnp.negative(jnp.sum(jnp.multiply(y, nn.logSoftmax(l, ax)), { axis: ax }));
}

/**
 * logsumexp(logits, axis) - logits[label] (optax.softmax_cross_entropy_with_integer_labels).
 * The label's logit is picked by comparing labels with an iota (negative labels count from the
 * end, as take_along_axis does; out-of-range labels give NaN, its fill value).
 */
export function softmaxCrossEntropyWithIntegerLabels(logits: ArrayLike, labels: ArrayLike, axis = -1): Array {
  const fn = "softmaxCrossEntropyWithIntegerLabels";
  const l = floatArg(fn, "logits", logits);
  const ax = normalizeAxis(fn, axis, l.ndim);
  const y = jnp.asarray(labels, undefined, fn, "labels");
  if (!isInteger(y.dtype)) throw argumentError(fn, "labels", `must be an integer array, got dtype ${y.dtype}`);
  const batch = l.shape.filter((_, i) => i !== ax);
  if (y.ndim !== batch.length || y.shape.some((d, i) => d !== batch[i])) {
    throw argumentError(fn, "labels", `must have shape [${batch.join(", ")}] (logits without axis ${ax}), got [${y.shape.join(", ")}]`);
  }
  const n = l.shape[ax]!;
  const yi = jnp.astype(y, "int32");
  const wrapped = jnp.expandDims(jnp.where(jnp.less(yi, 0), jnp.add(yi, n), yi), ax);
  const hit = jnp.equal(wrapped, lax.iota("int32", l.shape, ax));
  const picked = jnp.sum(jnp.where(hit, l, 0), { axis: ax });
  const inRange = jnp.logicalAnd(jnp.greaterEqual(yi, -n), jnp.less(yi, n));
  const labelLogits = jnp.where(inRange, picked, NaN);
  return jnp.subtract(logsumexp(l, ax), labelLogits);
}

/** jax.nn.logsumexp: log(sum(exp(x - m))) + m with m = stop_gradient(max) (0 where not finite). */
function logsumexp(x: Array, axis: number): Array {
  const max = jnp.max(x, { axis, keepdims: true });
  const m = jnp.stopGradient(jnp.where(jnp.isfinite(max), max, 0));
  const s = jnp.sum(jnp.exp(jnp.subtract(x, m)), { axis });
  return jnp.add(jnp.log(s), jnp.squeeze(m, axis));
}

/**
 * Elementwise sigmoid cross entropy (optax.sigmoid_binary_cross_entropy):
 * -labels * log_sigmoid(x) - (1 - labels) * log_sigmoid(-x), log_sigmoid(x) = -softplus(-x).
 */
export function sigmoidBinaryCrossEntropy(logits: ArrayLike, labels: ArrayLike): Array {
  const fn = "sigmoidBinaryCrossEntropy";
  const l = floatArg(fn, "logits", logits);
  const y = jnp.astype(jnp.asarray(labels, undefined, fn, "labels"), l.dtype);
  const logSigmoid = (x: Array) => jnp.negative(nn.softplus(jnp.negative(x)));
  const logP = logSigmoid(l);
  const logNotP = logSigmoid(jnp.negative(l));
  return jnp.subtract(jnp.multiply(jnp.negative(y), logP), jnp.multiply(jnp.subtract(1, y), logNotP));
}
