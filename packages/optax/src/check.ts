import { argumentError, describeValue, finiteNumber } from "@kiln/core";
import type { ScalarOrSchedule } from "./types.js";

/**
 * Argument checks shared by the constructors. Each throws a one-line ArgumentError naming the
 * function, the argument and the problem; constructors run them all before building anything.
 */

export { finiteNumber, optionsOf } from "@kiln/core";

export function nonNegative(fn: string, arg: string, v: unknown): number {
  const x = finiteNumber(fn, arg, v);
  if (x < 0) throw argumentError(fn, arg, `must not be negative, got ${x}`);
  return x;
}

export function positive(fn: string, arg: string, v: unknown): number {
  const x = finiteNumber(fn, arg, v);
  if (!(x > 0)) throw argumentError(fn, arg, `must be positive, got ${x}`);
  return x;
}

/** A decay rate in [0, 1] (or [0, 1) when `below1`). */
export function rate(fn: string, arg: string, v: unknown, below1 = false): number {
  const x = finiteNumber(fn, arg, v);
  if (x < 0 || x > 1 || (below1 && x === 1)) throw argumentError(fn, arg, `must be in [0, 1${below1 ? ")" : "]"}, got ${x}`);
  return x;
}

export function integer(fn: string, arg: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) throw argumentError(fn, arg, `must be an integer, got ${describeValue(v)}`);
  if (v < min) throw argumentError(fn, arg, `must be at least ${min}, got ${v}`);
  return v;
}

export function boolean(fn: string, arg: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw argumentError(fn, arg, `must be true or false, got ${describeValue(v)}`);
  return v;
}

/** A learning rate: a finite number or a schedule function. */
export function scalarOrSchedule(fn: string, arg: string, v: unknown): ScalarOrSchedule {
  if (typeof v === "function") return v as ScalarOrSchedule;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw argumentError(fn, arg, `must be a finite number or a schedule function, got ${describeValue(v)}`);
  }
  return v;
}

/** Checks that `state` is an object holding `keys` (a state made by this transformation's init). */
export function stateOf<S>(fn: string, state: unknown, keys: readonly string[]): S {
  if (state === null || typeof state !== "object" || globalThis.Array.isArray(state) || keys.some((k) => !(k in state))) {
    throw argumentError(fn, "state", `must be the state made by init (an object with ${keys.map((k) => `'${k}'`).join(", ") || "no keys"}), got ${describeValue(state)}`);
  }
  return state as S;
}
