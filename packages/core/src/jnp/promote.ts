import type { Array } from "../array.js";
import { isFloat, promoteTypes, weakTypeFor, type DType } from "../dtype.js";
import * as lax from "../lax.js";
import { toArrayLike, type ArrayLike } from "./convert.js";


/**
 * Brings jnp operands to one dtype as NumPy/JAX do: strong arrays promote on the lattice,
 * JS numbers are weak and take the array's dtype (a fractional number promotes ints to float32).
 */
export function promoteOperands(fn: string, xs: readonly ArrayLike[], names: readonly string[]): Array[] {
  const strong = xs.map((x, i) => (typeof x === "number" || typeof x === "boolean" ? null : toArrayLike(x, null, fn, names[i] ?? `x${i}`)));
  let d: DType | null = null;
  for (const a of strong) if (a) d = d === null ? a.dtype : promoteTypes(d, a.dtype);
  const weak = xs.filter((x): x is number | boolean => typeof x === "number" || typeof x === "boolean");
  if (d === null && weak.length > 0) {
    d = weak.every((w) => typeof w === "boolean") ? "bool" : weak.every((w) => Number.isInteger(Number(w))) ? "int32" : "float32";
  }
  for (const w of weak) d = weakTypeFor(w, d!);
  const target = d ?? "float32";
  return xs.map((x, i) => {
    const a = strong[i] ?? toArrayLike(x, target, fn, names[i] ?? `x${i}`);
    return lax.convertElementType(a, target);
  });
}

/** Converts integer/bool operands to float32 (for true division, exp, ...). */
export function toFloat(x: Array): Array {
  return isFloat(x.dtype) ? x : lax.convertElementType(x, "float32");
}

