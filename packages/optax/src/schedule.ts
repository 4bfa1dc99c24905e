import { argumentError, describeValue, isArray, jnp, type Array } from "@kiln/core";
import { finiteNumber, integer } from "./check.js";
import { f32 } from "./numerics.js";
import type { Count, Schedule } from "./types.js";

/**
 * Schedules (optax/schedules/_schedule.py, _join.py). Each is written with jnp ops on the count
 * in optax's order of float32 operations, so it runs eagerly on a number or an int32 Array and
 * traces into a compiled step unchanged. Python-float constants enter as RN(double).
 */

/** The count as an Array: integers become int32 (as a Python int or optax's int32 counter). */
function countArray(fn: string, count: Count): Array {
  if (isArray(count)) return count;
  if (typeof count !== "number" || !Number.isFinite(count)) throw argumentError(fn, "count", `must be a finite number or an Array, got ${describeValue(count)}`);
  return jnp.asarray(count);
}

/** Always `value` (optax.constant_schedule). */
export function constantSchedule(value: number): Schedule {
  const v = finiteNumber("constantSchedule", "value", value);
  return () => v;
}

/**
 * Linear from `initValue` to `endValue` over `transitionSteps` steps after `transitionBegin`
 * (optax.linear_schedule = polynomial_schedule with power 1):
 * c = clip(count - begin, 0, steps); frac = 1 - c / steps; (init - end) * frac + end.
 * `transitionSteps <= 0` holds `initValue` (as optax).
 */
export function linearSchedule(initValue: number, endValue: number, transitionSteps: number, transitionBegin = 0): Schedule {
  const fn = "linearSchedule";
  const init = finiteNumber(fn, "initValue", initValue);
  const end = finiteNumber(fn, "endValue", endValue);
  const steps = integer(fn, "transitionSteps", transitionSteps, -Infinity);
  const begin = integer(fn, "transitionBegin", transitionBegin, 0);
  if (steps <= 0) return () => init;
  return (count) => {
    const c = jnp.clip(jnp.subtract(countArray(fn, count), begin), 0, steps);
    const frac = jnp.subtract(1, jnp.divide(c, steps));
    return jnp.add(jnp.multiply(jnp.subtract(f32(init), f32(end)), frac), f32(end));
  };
}

/**
 * Cosine decay (optax.cosine_decay_schedule): c = min(float(count), decaySteps);
 * cd = 0.5 * (1 + cos(pi * c / decaySteps)); init * ((1 - alpha) * cd ** exponent + alpha).
 * `exponent` is a float (lax.pow), as optax's default 1.0 is.
 */
export function cosineDecaySchedule(initValue: number, decaySteps: number, alpha = 0, exponent = 1): Schedule {
  const fn = "cosineDecaySchedule";
  const init = finiteNumber(fn, "initValue", initValue);
  const steps = integer(fn, "decaySteps", decaySteps, 1);
  const a = finiteNumber(fn, "alpha", alpha);
  const p = finiteNumber(fn, "exponent", exponent);
  return (count) => {
    const c = jnp.minimum(jnp.astype(countArray(fn, count), "float32"), f32(steps));
    const cosine = jnp.multiply(f32(0.5), jnp.add(1, jnp.cos(jnp.divide(jnp.multiply(f32(Math.PI), c), f32(steps)))));
    const decayed = jnp.add(jnp.multiply(f32(1 - a), jnp.power(cosine, f32(p))), f32(a));
    return jnp.multiply(f32(init), decayed);
  };
}

/**
 * Runs `schedules[i]` from `boundaries[i - 1]` on, with the count shifted to start at 0 there
 * (optax.join_schedules): where(step < b, previous, next(step - b)).
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  const fn = "joinSchedules";
  if (!globalThis.Array.isArray(schedules) || schedules.length === 0 || schedules.some((s) => typeof s !== "function")) {
    throw argumentError(fn, "schedules", "must be a non-empty array of schedule functions");
  }
  if (!globalThis.Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    throw argumentError(fn, "boundaries", `must hold ${schedules.length - 1} step(s), one fewer than the schedules`);
  }
  boundaries.forEach((b, i) => integer(fn, `boundaries[${i}]`, b, 0));
  return (count) => {
    const step = countArray(fn, count);
    let out = schedules[0]!(step);
    boundaries.forEach((b, i) => {
      out = jnp.where(jnp.less(step, b), out, schedules[i + 1]!(jnp.subtract(step, b)));
    });
    return out;
  };
}

/**
 * Linear warmup from `initValue` to `peakValue` over `warmupSteps`, then cosine decay to
 * `endValue` at `decaySteps` (which includes the warmup), as optax.warmup_cosine_decay_schedule:
 * alpha = endValue / peakValue (0 when peakValue is 0), computed in double.
 */
export function warmupCosineDecaySchedule(
  initValue: number, peakValue: number, warmupSteps: number, decaySteps: number, endValue = 0, exponent = 1,
): Schedule {
  const fn = "warmupCosineDecaySchedule";
  const init = finiteNumber(fn, "initValue", initValue);
  const peak = finiteNumber(fn, "peakValue", peakValue);
  const warmup = integer(fn, "warmupSteps", warmupSteps, 0);
  const total = integer(fn, "decaySteps", decaySteps, 0);
  const end = finiteNumber(fn, "endValue", endValue);
  const p = finiteNumber(fn, "exponent", exponent);
  if (total <= warmup) throw argumentError(fn, "decaySteps", `must be greater than warmupSteps (${warmup}), got ${total}`);
  const alpha = peak === 0 ? 0 : end / peak;
  return joinSchedules([linearSchedule(init, peak, warmup), cosineDecaySchedule(peak, total - warmup, alpha, p)], [warmup]);
}
