import { argumentError } from "@kiln/core";
import { addDecayedWeights, type Mask } from "./adding.js";
import { boolean, nonNegative, optionsOf, rate, scalarOrSchedule } from "./check.js";
import { chain } from "./combine.js";
import { adamKeys, adamOptions, identity, scaleByAdam, scaleByLearningRate, scaleByRms, scaleByStddev, trace } from "./transform.js";
import type {
  EmptyState, GradientTransformation, ScalarOrSchedule, ScaleByAdamState, ScaleByRmsState, ScaleByRStdDevState,
  ScaleByScheduleState, TraceState,
} from "./types.js";

/** Optimizers as chains of transformations (optax/_src/alias.py, optax 0.2.8). */

type LrState = EmptyState | ScaleByScheduleState;

export interface SgdOptions {
  /** Momentum decay; null or absent for plain SGD (no state). */
  momentum?: number | null;
  nesterov?: boolean;
}

/** Momentum options shared by sgd and rmsprop: a trace, or identity when momentum is absent. */
function momentumOf(fn: string, o: { readonly momentum?: unknown; readonly nesterov?: unknown }): GradientTransformation<TraceState | EmptyState> {
  const nesterov = boolean(fn, "nesterov", o.nesterov ?? false);
  if (o.momentum === undefined || o.momentum === null) {
    if (nesterov) throw argumentError(fn, "nesterov", "needs 'momentum' to be set");
    return identity();
  }
  return trace(nonNegative(fn, "momentum", o.momentum), { nesterov });
}

/**
 * Stochastic gradient descent: chain(identity or trace(momentum, nesterov), scaleByLearningRate(lr)),
 * so plain SGD computes p + RN(RN(-lr) * g).
 */
export function sgd(learningRate: ScalarOrSchedule, options?: SgdOptions): GradientTransformation<[TraceState | EmptyState, LrState]> {
  const lr = scalarOrSchedule("sgd", "learningRate", learningRate);
  const o = optionsOf("sgd", options, ["momentum", "nesterov"]);
  return chain(momentumOf("sgd", o), scaleByLearningRate(lr));
}

export interface AdamOptions {
  b1?: number;
  b2?: number;
  eps?: number;
  epsRoot?: number;
}

/** Adam: chain(scaleByAdam({ b1, b2, eps, epsRoot }), scaleByLearningRate(lr)). */
export function adam(learningRate: ScalarOrSchedule, options?: AdamOptions): GradientTransformation<[ScaleByAdamState, LrState]> {
  const lr = scalarOrSchedule("adam", "learningRate", learningRate);
  const o = adamOptions("adam", optionsOf("adam", options, adamKeys));
  return chain(scaleByAdam(o), scaleByLearningRate(lr));
}

export interface AdamwOptions extends AdamOptions {
  /** Decoupled weight decay rate (default 1e-4, as optax). */
  weightDecay?: number;
  /** Which parameters to decay: a pytree of booleans, or a function of the parameters returning one. */
  mask?: Mask;
}

/** AdamW: chain(scaleByAdam, addDecayedWeights(weightDecay, { mask }), scaleByLearningRate(lr)). */
export function adamw(learningRate: ScalarOrSchedule, options?: AdamwOptions): GradientTransformation<[ScaleByAdamState, EmptyState, LrState]> {
  const lr = scalarOrSchedule("adamw", "learningRate", learningRate);
  const o = optionsOf("adamw", options, [...adamKeys, "weightDecay", "mask"]);
  const adamOpts = adamOptions("adamw", o);
  const weightDecay = nonNegative("adamw", "weightDecay", o.weightDecay ?? 1e-4);
  const decay = addDecayedWeights(weightDecay, o.mask === undefined ? undefined : { mask: o.mask });
  return chain(scaleByAdam(adamOpts), decay, scaleByLearningRate(lr));
}

export interface RmspropOptions {
  decay?: number;
  eps?: number;
  initialScale?: number;
  centered?: boolean;
  momentum?: number | null;
  nesterov?: boolean;
}

/**
 * RMSProp: chain(scaleByRms (or scaleByStddev when centered), scaleByLearningRate(lr),
 * trace(momentum) or identity). Defaults as optax: decay 0.9, eps 1e-8, initialScale 0.
 */
export function rmsprop(
  learningRate: ScalarOrSchedule,
  options?: RmspropOptions,
): GradientTransformation<[ScaleByRmsState | ScaleByRStdDevState, LrState, TraceState | EmptyState]> {
  const fn = "rmsprop";
  const lr = scalarOrSchedule(fn, "learningRate", learningRate);
  const o = optionsOf(fn, options, ["decay", "eps", "initialScale", "centered", "momentum", "nesterov"]);
  const centered = boolean(fn, "centered", o.centered ?? false);
  const rmsOpts = {
    decay: rate(fn, "decay", o.decay ?? 0.9),
    eps: nonNegative(fn, "eps", o.eps ?? 1e-8),
    initialScale: nonNegative(fn, "initialScale", o.initialScale ?? 0),
  };
  const momentum = momentumOf(fn, o);
  const scaling: GradientTransformation<ScaleByRmsState | ScaleByRStdDevState> = centered
    ? scaleByStddev(rmsOpts)
    : scaleByRms(rmsOpts);
  return chain(scaling, scaleByLearningRate(lr), momentum);
}
