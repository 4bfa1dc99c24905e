import type { Array } from "@kiln/core";

/**
 * A pytree whose leaves are kiln Arrays: parameters, gradients and updates. Plain objects,
 * JS arrays and registered pytree nodes (nnx states) all work; `null` leaves are skipped.
 */
export type ArrayTree = unknown;

/**
 * Optimizer state: a pytree of Arrays built from plain objects and JS arrays (plus copies of the
 * parameters' structure), so a traced training step flattens it like any other argument.
 * Step counters are int32 scalar Arrays.
 */
export type OptState = unknown;

/**
 * optax's GradientTransformation: `init(params)` builds the state, `update(updates, state, params?)`
 * returns the transformed updates and the next state. Both are pure: a state is never mutated.
 */
export interface GradientTransformation<S = OptState> {
  init(params: ArrayTree): S;
  update<U>(updates: U, state: S, params?: ArrayTree): [U, S];
}

/** The state type of a transformation. */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never;

/** A step count: a JS number or an int32 (or float32) scalar Array, possibly a tracer. */
export type Count = Array | number;

/** A schedule maps a step count to a value; written with jnp ops so it also works when traced. */
export type Schedule = (count: Count) => Array | number;

/** A constant (a JS number) or a schedule. */
export type ScalarOrSchedule = number | Schedule;

/** The state of stateless transformations. */
export type EmptyState = Record<string, never>;

export interface TraceState {
  readonly trace: ArrayTree;
}

export interface ScaleByScheduleState {
  readonly count: Array;
}

export interface ScaleByAdamState {
  readonly count: Array;
  readonly mu: ArrayTree;
  readonly nu: ArrayTree;
}

export interface ScaleByRmsState {
  readonly nu: ArrayTree;
}

export interface ScaleByRStdDevState {
  readonly mu: ArrayTree;
  readonly nu: ArrayTree;
}
