import { KilnError, argumentError } from "./errors.js";
import type { Array } from "./array.js";

/** Global switches, as jax.config: `config.update("debugNans", true)`. */
interface Flags {
  /** Throw at the first op that produces NaN or ±Infinity (eagerly, and in jitted code). */
  debugNans: boolean;
}

const flags: Flags = { debugNans: false };

export const config = {
  get debugNans(): boolean {
    return flags.debugNans;
  },
  update<K extends keyof Flags>(name: K, value: Flags[K]): void {
    if (!(name in flags)) throw argumentError("config.update", "name", `'${String(name)}' is not a kiln option (known: ${Object.keys(flags).join(", ")})`);
    if (typeof value !== typeof flags[name]) throw argumentError("config.update", "value", `must be a ${typeof flags[name]}, got ${typeof value}`);
    flags[name] = value;
  },
};

/** The error debugNans raises: names the op that produced the first non-finite value. */
export class FloatingPointError extends KilnError {
  override name = "FloatingPointError";
}

/** The first non-finite element of a float32 array, or null. */
export function firstNonFinite(data: ArrayLike<number>): { index: number; value: number } | null {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) return { index: i, value: v }; // NaN or ±Infinity
  }
  return null;
}

/** Throws naming `op` if a float32 output holds NaN or ±Infinity. */
export function checkFinite(op: string, outputs: readonly Array[]): void {
  for (const out of outputs) {
    if (out.dtype !== "float32" || out._data === null) continue;
    const bad = firstNonFinite(out._data);
    if (bad) {
      throw new FloatingPointError(`debugNans: ${op} produced ${bad.value} at flat index ${bad.index} of its ${out.aval} output`);
    }
  }
}
