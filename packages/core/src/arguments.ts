import { argumentError } from "./errors.js";

/**
 * Argument checks every package's public functions share. Each throws a one-line
 * ArgumentError naming the function, the argument and the problem (errors.ts).
 */

/** A short description of a bad value for an error message: the number, or what it is. */
export function describeValue(v: unknown): string {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "string") return `"${v}" (a string)`;
  if (v === null) return "null";
  if (globalThis.Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v;
}

/**
 * A user string quoted for a one-line error message: JSON-escaped (so a newline or a quote in it
 * cannot break the line) and cut to `max` characters, with the full length said when it was cut.
 */
export function quoteClipped(s: string, max = 60): string {
  if (s.length <= max) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, max)).slice(0, -1)}…" (${s.length} characters)`;
}

/**
 * An options object: undefined (no options) or a plain object whose keys are all in `known`.
 * An unknown key is an error rather than ignored, so a typo (or Flax's `use_bias`) is caught.
 */
export function optionsOf<K extends string>(fn: string, options: unknown, known: readonly K[]): { readonly [P in K]?: unknown } {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || globalThis.Array.isArray(options)) {
    throw argumentError(fn, "options", `must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw argumentError(fn, "options", `has unknown key '${key}' (known keys: ${known.join(", ") || "none"})`);
    }
  }
  return options as { readonly [P in K]?: unknown };
}

/** A finite JS number (not NaN, not ±Infinity, not a numeric string). */
export function finiteNumber(fn: string, arg: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw argumentError(fn, arg, `must be a finite number, got ${describeValue(v)}`);
  return v;
}
