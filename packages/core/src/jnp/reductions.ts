import type { Array } from "../array.js";
import { ShapeError, argumentError } from "../errors.js";
import * as lax from "../lax.js";
import { normalizeAxes, normalizeAxis } from "../shape.js";
import { asarray, type ArrayLike } from "./convert.js";
import { toFloat } from "./promote.js";

export interface ReduceOptions {
  /** Axis or axes to reduce; all axes when omitted. Negative values count from the end. */
  axis?: number | readonly number[] | null;
  /** Keep reduced axes as size 1. */
  keepdims?: boolean;
}

function keep(x: Array, out: Array, axes: readonly number[], keepdims: boolean | undefined): Array {
  if (!keepdims) return out;
  return lax.reshape(out, x.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
}

function reducer(name: string, prim: (x: Array, axes: readonly number[]) => Array, prep: (x: Array) => Array = (x) => x) {
  return (x: ArrayLike, options: ReduceOptions = {}): Array => {
    const a = prep(asarray(x, undefined, name));
    const axes = normalizeAxes(name, options.axis, a.ndim);
    if (axes.length === 0) return a;
    return keep(a, prim(a, axes), axes, options.keepdims);
  };
}

/** Sums of bool arrays count (int32), as in NumPy. */
export const sum = reducer("sum", lax.reduceSum, (x) => (x.dtype === "bool" ? lax.convertElementType(x, "int32") : x));
export const max = reducer("max", lax.reduceMax);
export const min = reducer("min", lax.reduceMin);

/**
 * mean = sum * RN(1/N): XLA rewrites division by a constant into multiplication by its
 * rounded reciprocal, and JAX's mean is jitted, so this is the number JAX produces.
 */
export function mean(x: ArrayLike, options: ReduceOptions = {}): Array {
  const a = toFloat(asarray(x, undefined, "mean"));
  const axes = normalizeAxes("mean", options.axis, a.ndim);
  const n = axes.reduce((acc, ax) => acc * a.shape[ax]!, 1);
  const s = axes.length === 0 ? a : lax.reduceSum(a, axes);
  const m = lax.mul(s, asarray(Math.fround(1 / n), "float32"));
  return keep(a, m, axes, options.keepdims);
}

/** Variance with `ddof` (delta degrees of freedom), as jnp.var. */
export function variance(x: ArrayLike, options: ReduceOptions & { ddof?: number } = {}): Array {
  const a = toFloat(asarray(x, undefined, "var"));
  const axes = normalizeAxes("var", options.axis, a.ndim);
  const n = axes.reduce((acc, ax) => acc * a.shape[ax]!, 1) - (options.ddof ?? 0);
  const centered = lax.sub(a, mean(a, { axis: axes, keepdims: true }));
  const s = lax.reduceSum(lax.integerPow(centered, 2), axes);
  const v = lax.div(s, asarray(n, "float32"));
  return keep(a, v, axes, options.keepdims);
}
export { variance as var };

export function std(x: ArrayLike, options: ReduceOptions & { ddof?: number } = {}): Array {
  return lax.sqrt(variance(x, options));
}

function argReducer(name: string, prim: (x: Array, axis: number) => Array) {
  return (x: ArrayLike, options: { axis?: number; keepdims?: boolean } = {}): Array => {
    let a = asarray(x, undefined, name);
    if (a.size === 0) throw new ShapeError(`${name}: attempt to get ${name} of an empty array`);
    let axis: number;
    if (options.axis === undefined) {
      a = lax.reshape(a, [a.size]);
      axis = 0;
    } else {
      if (typeof options.axis !== "number") throw argumentError(name, "axis", "must be a single integer");
      axis = normalizeAxis(name, options.axis, a.ndim);
    }
    const out = prim(a, axis);
    return options.keepdims && options.axis !== undefined ? keep(a, out, [axis], true) : out;
  };
}

export const argmax = argReducer("argmax", (x, axis) => lax.argmax(x, axis));
export const argmin = argReducer("argmin", (x, axis) => lax.argmin(x, axis));

/** log(sum(exp(x))) computed stably (jax.nn.logsumexp / jax.scipy.special.logsumexp). */
const jnp0 = () => asarray(0, "float32");

export function logsumexp(x: ArrayLike, options: ReduceOptions = {}): Array {
  const a = toFloat(asarray(x, undefined, "logsumexp"));
  const axes = normalizeAxes("logsumexp", options.axis, a.ndim);
  // a max of -inf (an all -inf row) would give -inf - -inf = NaN; shift by 0 there, as jax.nn does
  const rawMax = lax.reduceMax(a, axes);
  const finiteMax = lax.eq(lax.sub(rawMax, rawMax), jnp0());
  const m = lax.stopGradient(lax.select(finiteMax, rawMax, jnp0()));
  const mk = lax.reshape(m, a.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
  const out = lax.add(lax.log(lax.reduceSum(lax.exp(lax.sub(a, mk)), axes)), m);
  return keep(a, out, axes, options.keepdims);
}
