import type { Array } from "../array.js";
import { argumentError } from "../errors.js";
import * as lax from "../lax.js";
import { normalizeAxis } from "../shape.js";
import { asarray, type ArrayLike } from "./convert.js";

/** A Python-style slice `start:stop:step` (step > 0); omitted bounds mean the whole axis. */
export interface Slice {
  readonly start?: number | null;
  readonly stop?: number | null;
  readonly step?: number | null;
}

/** `s(start, stop, step)` builds a Slice, like numpy's `s_[start:stop:step]`. */
export function s(start?: number | null, stop?: number | null, step?: number | null): Slice {
  return { start, stop, step };
}

/** An index for one axis: an integer (drops the axis), a Slice, or ":" for the whole axis. */
export type Index = number | Slice | ":";

/**
 * Basic indexing, `index(x, 1, s(0, 2), ":")` for NumPy's `x[1, 0:2, :]`. Unlisted trailing
 * axes are kept whole. Integer indices may be negative; slice bounds clamp like Python's.
 */
export function index(x: ArrayLike, ...indices: Index[]): Array {
  const a = asarray(x, undefined, "index");
  if (indices.length > a.ndim) throw argumentError("index", "indices", `has ${indices.length} entries for an array of rank ${a.ndim}`);
  const start: number[] = [];
  const limit: number[] = [];
  const strides: number[] = [];
  const outShape: number[] = [];
  a.shape.forEach((dim, ax) => {
    const ix = indices[ax] ?? ":";
    if (typeof ix === "number") {
      if (!Number.isInteger(ix) || ix < -dim || ix >= dim) throw argumentError("index", `indices[${ax}]`, `${ix} is out of bounds for axis ${ax} of size ${dim}`);
      const i = ix < 0 ? ix + dim : ix;
      start.push(i); limit.push(i + 1); strides.push(1);
      return;
    }
    const sl: Slice = ix === ":" ? {} : ix;
    if (typeof sl !== "object" || sl === null) throw argumentError("index", `indices[${ax}]`, `must be an integer, a slice or ":"`);
    const step = sl.step ?? 1;
    if (!Number.isInteger(step) || step <= 0) throw argumentError("index", `indices[${ax}].step`, `must be a positive integer, got ${step}`);
    const clamp = (v: number | null | undefined, dflt: number) => {
      if (v === null || v === undefined) return dflt;
      if (!Number.isInteger(v)) throw argumentError("index", `indices[${ax}]`, `bounds must be integers, got ${v}`);
      return Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
    };
    const b = clamp(sl.start, 0);
    const e = Math.max(clamp(sl.stop, dim), b);
    start.push(b); limit.push(e); strides.push(step);
    outShape.push(Math.ceil((e - b) / step));
  });
  let out = a;
  if (start.some((v, i) => v !== 0 || limit[i] !== a.shape[i] || strides[i] !== 1)) out = lax.slice(a, start, limit, strides);
  if (outShape.length !== out.ndim) out = lax.reshape(out, outShape);
  return out;
}

/** take(x, indices, axis): gathers entries along an axis (jnp.take with mode='fill' semantics not supported: indices must be in range). */
export function take(x: ArrayLike, indices: ArrayLike, axis?: number): Array {
  let a = asarray(x, undefined, "take", "x");
  const idx = asarray(indices, undefined, "take", "indices");
  if (idx.dtype !== "int32" && idx.dtype !== "uint32") throw argumentError("take", "indices", `must be integers, got ${idx.dtype}`);
  let ax = 0;
  if (axis === undefined) a = lax.reshape(a, [a.size]);
  else ax = normalizeAxis("take", axis, a.ndim);
  return lax.take(a, idx, ax);
}
