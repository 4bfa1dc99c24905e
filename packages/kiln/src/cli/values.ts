import { quoteClipped } from "@kiln/core";
import { UsageError } from "./errors.js";

/**
 * Parsers for flag values. Each takes the flag's name and returns commander's argParser; a bad
 * value is a UsageError naming the flag, the rule and (cut short) the value.
 */
const integerSyntax = /^[+-]?\d+$/;
const decimalSyntax = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const bad = (flag: string, rule: string, v: string) => new UsageError(`${flag}: must be ${rule}, got ${quoteClipped(v)}`);

/** An integer from min to max; only decimal digits (no 1e3, no 0x10, no spaces). */
export function integerIn(flag: string, min: number, max: number): (v: string) => number {
  const rule = `an integer from ${min} to ${max}`;
  return (v) => {
    const n = Number(v);
    if (!integerSyntax.test(v) || n < min || n > max) throw bad(flag, rule, v);
    return n;
  };
}

/** A finite number greater than 0, written as a decimal (1e-3 is fine; Infinity, NaN and 0x1 are not). */
export function positiveNumber(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!decimalSyntax.test(v) || !Number.isFinite(n) || n <= 0) throw bad(flag, "a positive finite number", v);
    return n;
  };
}

/** A PRNG seed: an integer in [-2^63, 2^63), as JAX takes (int64), read exactly as a bigint. */
export function seed(flag: string): (v: string) => bigint {
  return (v) => {
    if (!integerSyntax.test(v)) throw bad(flag, "an integer from -2^63 to 2^63-1", v);
    const n = BigInt(v);
    if (n < -(2n ** 63n) || n >= 2n ** 63n) throw bad(flag, "an integer from -2^63 to 2^63-1", v);
    return n;
  };
}

/** `count` positive integers separated by commas, each at most `max`. */
export function sizes(flag: string, names: readonly string[], max: number): (v: string) => number[] {
  const rule = `${names.length} positive integers ${names.join(",")} separated by commas`;
  return (v) => {
    const parts = v.split(",");
    if (parts.length !== names.length) throw bad(flag, rule, v);
    return parts.map((p, i) => {
      const n = Number(p);
      if (!integerSyntax.test(p) || n < 1) throw bad(flag, rule, v);
      if (n > max) throw new UsageError(`${flag}: ${names[i]} = ${p} is over the limit of ${max}`);
      return n;
    });
  };
}

/** A file name: not empty (an empty string is almost always a shell variable that was not set). */
export function fileName(flag: string): (v: string) => string {
  return (v) => {
    if (v === "") throw new UsageError(`${flag}: needs a file name, got an empty string`);
    return v;
  };
}

/** One of `choices` (commander lists them in the help; this gives the error its one short line). */
export function oneOf<const T extends string>(flag: string, choices: readonly T[]): (v: string) => T {
  return (v) => {
    if (!(choices as readonly string[]).includes(v)) throw bad(flag, `one of ${choices.join(", ")}`, v);
    return v as T;
  };
}
