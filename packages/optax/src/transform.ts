import { argumentError, isArray, jnp, type Array } from "@kiln/core";
import { boolean, finiteNumber, nonNegative, optionsOf, rate, scalarOrSchedule, stateOf } from "./check.js";
import { f32, safeIncrement, zeroCount } from "./numerics.js";
import { mapTrees, treeBiasCorrection, treeFullLike, treeUpdateMoment, treeZerosLike } from "./tree.js";
import type {
  EmptyState, GradientTransformation, ScalarOrSchedule, ScaleByAdamState, ScaleByRmsState, ScaleByRStdDevState,
  ScaleByScheduleState, Schedule, TraceState,
} from "./types.js";

/**
 * Gradient transformations (optax/_src/transform.py and base.py), each in optax's order of
 * float32 operations. Constructors check every argument before building anything.
 */

/** Leaves updates unchanged (optax.identity). */
export function identity(): GradientTransformation<EmptyState> {
  return {
    init: () => ({}),
    update: (updates, state) => [updates, state],
  };
}

/** `updates * stepSize`: RN(RN(stepSize) * g) (optax.scale). */
export function scale(stepSize: number): GradientTransformation<EmptyState> {
  const s = finiteNumber("scale", "stepSize", stepSize);
  return {
    init: () => ({}),
    update: (updates, state) => {
      const c = f32(s);
      return [mapTrees("scale", ["updates"], (g) => jnp.multiply(c, g), updates) as typeof updates, state];
    },
  };
}

/** Scales updates by `stepSizeFn(count)` and advances an int32 counter (optax.scale_by_schedule). */
export function scaleBySchedule(stepSizeFn: Schedule): GradientTransformation<ScaleByScheduleState> {
  if (typeof stepSizeFn !== "function") throw argumentError("scaleBySchedule", "stepSizeFn", `must be a schedule function, got ${typeof stepSizeFn}`);
  const fn = "scaleBySchedule.update";
  return {
    init: () => ({ count: zeroCount() }),
    update: (updates, state) => {
      const { count } = stateOf<ScaleByScheduleState>(fn, state, ["count"]);
      const stepSize = stepSizeFn(count);
      if (typeof stepSize !== "number" && !isArray(stepSize)) {
        throw argumentError(fn, "stepSizeFn", `must return a number or an Array, got ${typeof stepSize}`);
      }
      const out = mapTrees(fn, ["updates"], (g) => jnp.multiply(jnp.asarray(stepSize, g.dtype), g), updates);
      return [out as typeof updates, { count: safeIncrement(count) }];
    },
  };
}

/** scale(-lr), or a schedule of -lr(count) (optax.scale_by_learning_rate, flipSign = true). */
export function scaleByLearningRate(learningRate: ScalarOrSchedule, options?: { flipSign?: boolean }): GradientTransformation<EmptyState | ScaleByScheduleState> {
  const fn = "scaleByLearningRate";
  const lr = scalarOrSchedule(fn, "learningRate", learningRate);
  const o = optionsOf(fn, options, ["flipSign"]);
  const m = boolean(fn, "flipSign", o.flipSign ?? true) ? -1 : 1;
  if (typeof lr === "number") return scale(m * lr);
  return scaleBySchedule((count) => {
    const v = lr(count);
    return typeof v === "number" ? m * v : isArray(v) ? jnp.multiply(m, v) : v; // scaleBySchedule reports a bad value
  }) as GradientTransformation<EmptyState | ScaleByScheduleState>;
}

/**
 * Momentum (optax.trace): `t = g + decay * t`; the update is `t`, or `g + decay * t` with
 * Nesterov momentum.
 */
export function trace(decay: number, options?: { nesterov?: boolean }): GradientTransformation<TraceState> {
  const fn = "trace";
  const d = nonNegative(fn, "decay", decay);
  const nesterov = boolean(fn, "nesterov", optionsOf(fn, options, ["nesterov"]).nesterov ?? false);
  return {
    init: (params) => ({ trace: treeZerosLike("trace.init", params) }),
    update: (updates, state) => {
      const prev = stateOf<TraceState>("trace.update", state, ["trace"]).trace;
      const c = f32(d);
      const step = (g: Array, t: Array) => jnp.add(g, jnp.multiply(c, t));
      const next = mapTrees("trace.update", ["updates", "state"], step, updates, prev);
      const out = nesterov ? mapTrees("trace.update", ["updates", "state"], step, updates, next) : next;
      return [out as typeof updates, { trace: next }];
    },
  };
}

export interface ScaleByAdamOptions {
  b1?: number;
  b2?: number;
  eps?: number;
  epsRoot?: number;
}
export const adamKeys = ["b1", "b2", "eps", "epsRoot"] as const;

/** Checks Adam's options (defaults as optax: b1 0.9, b2 0.999, eps 1e-8, epsRoot 0). */
export function adamOptions(fn: string, o: { readonly [K in (typeof adamKeys)[number]]?: unknown }): Required<ScaleByAdamOptions> {
  return {
    b1: rate(fn, "b1", o.b1 ?? 0.9, true),
    b2: rate(fn, "b2", o.b2 ?? 0.999, true),
    eps: nonNegative(fn, "eps", o.eps ?? 1e-8),
    epsRoot: nonNegative(fn, "epsRoot", o.epsRoot ?? 0),
  };
}

/**
 * Adam's scaling (optax.scale_by_adam): mu, nu moving averages, count += 1,
 * mu_hat = mu / (1 - b1**count), nu_hat = nu / (1 - b2**count),
 * update = mu_hat / (sqrt(nu_hat + epsRoot) + eps).
 */
export function scaleByAdam(options?: ScaleByAdamOptions): GradientTransformation<ScaleByAdamState> {
  const { b1, b2, eps, epsRoot } = adamOptions("scaleByAdam", optionsOf("scaleByAdam", options, adamKeys));
  const fn = "scaleByAdam.update";
  return {
    init: (params) => ({ count: zeroCount(), mu: treeZerosLike("scaleByAdam.init", params), nu: treeZerosLike("scaleByAdam.init", params) }),
    update: (updates, state) => {
      const s = stateOf<ScaleByAdamState>(fn, state, ["count", "mu", "nu"]);
      const mu = treeUpdateMoment(fn, updates, s.mu, b1, 1);
      const nu = treeUpdateMoment(fn, updates, s.nu, b2, 2);
      const count = safeIncrement(s.count);
      const muHat = treeBiasCorrection(fn, mu, b1, count);
      const nuHat = treeBiasCorrection(fn, nu, b2, count);
      const [r, e] = [f32(epsRoot), f32(eps)];
      const out = mapTrees(fn, ["state", "state"], (m, v) => jnp.divide(m, jnp.add(jnp.sqrt(jnp.add(v, r)), e)), muHat, nuHat);
      return [out as typeof updates, { count, mu, nu }];
    },
  };
}

export interface ScaleByRmsOptions {
  decay?: number;
  eps?: number;
  initialScale?: number;
}

function rmsOptions(fn: string, options: unknown): Required<ScaleByRmsOptions> {
  const o = optionsOf(fn, options, ["decay", "eps", "initialScale"]);
  return {
    decay: rate(fn, "decay", o.decay ?? 0.9),
    eps: nonNegative(fn, "eps", o.eps ?? 1e-8),
    initialScale: nonNegative(fn, "initialScale", o.initialScale ?? 0),
  };
}

/** RMS scaling (optax.scale_by_rms, eps inside the root): nu = EMA of g², update = g * rsqrt(nu + eps). */
export function scaleByRms(options?: ScaleByRmsOptions): GradientTransformation<ScaleByRmsState> {
  const { decay, eps, initialScale } = rmsOptions("scaleByRms", options);
  const fn = "scaleByRms.update";
  return {
    init: (params) => ({ nu: treeFullLike("scaleByRms.init", params, Math.fround(initialScale)) }),
    update: (updates, state) => {
      const nu = treeUpdateMoment(fn, updates, stateOf<ScaleByRmsState>(fn, state, ["nu"]).nu, decay, 2);
      const e = f32(eps);
      const out = mapTrees(fn, ["state", "updates"], (n, g) => jnp.multiply(jnp.rsqrt(jnp.add(n, e)), g), nu, updates);
      return [out as typeof updates, { nu }];
    },
  };
}

/** Centered RMS scaling (optax.scale_by_stddev): update = g * rsqrt(nu - mu² + eps). */
export function scaleByStddev(options?: ScaleByRmsOptions): GradientTransformation<ScaleByRStdDevState> {
  const { decay, eps, initialScale } = rmsOptions("scaleByStddev", options);
  const fn = "scaleByStddev.update";
  return {
    init: (params) => ({ mu: treeZerosLike("scaleByStddev.init", params), nu: treeFullLike("scaleByStddev.init", params, Math.fround(initialScale)) }),
    update: (updates, state) => {
      const s = stateOf<ScaleByRStdDevState>(fn, state, ["mu", "nu"]);
      const mu = treeUpdateMoment(fn, updates, s.mu, decay, 1);
      const nu = treeUpdateMoment(fn, updates, s.nu, decay, 2);
      const e = f32(eps);
      const scaling = (m: Array, n: Array) => jnp.rsqrt(jnp.add(jnp.subtract(n, jnp.multiply(m, m)), e));
      const out = mapTrees(fn, ["state", "state", "updates"], (m, n, g) => jnp.multiply(scaling(m, n), g), mu, nu, updates);
      return [out as typeof updates, { mu, nu }];
    },
  };
}
