import { jnp, type Array } from "@kiln/core";

/**
 * Numeric helpers in optax's `numerics.py`. Constants that optax computes as Python floats and
 * JAX then casts enter here as float32 scalars holding Math.fround of the double.
 */

/** A float32 scalar holding RN(x): a Python float constant as JAX casts it. */
export function f32(x: number): Array {
  return jnp.asarray(Math.fround(x), "float32");
}

const INT32_MAX = 2147483647;

/** count + 1, saturating at the dtype's maximum (optax.safe_increment) for an int32 counter. */
export function safeIncrement(count: Array): Array {
  return jnp.where(jnp.less(count, INT32_MAX), jnp.add(count, 1), INT32_MAX);
}

/** An int32 scalar zero: a fresh step counter. */
export function zeroCount(): Array {
  return jnp.zeros([], "int32");
}

/**
 * `t / s` for a scalar `s` as XLA:CPU evaluates it when `s` is broadcast against a non-scalar `t`:
 * t * RN(1 / s) (XLA turns a division by a broadcast scalar into a multiplication by its
 * rounded reciprocal; jax-golden's adamw and clipped-adam trajectories match only this way).
 * A scalar `t` needs no broadcast and is divided.
 */
export function divideByScalar(t: Array, s: Array): Array {
  return t.ndim === 0 ? jnp.divide(t, s) : jnp.multiply(t, jnp.divide(1, s));
}
