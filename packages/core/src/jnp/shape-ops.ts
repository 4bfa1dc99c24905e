import type { Array } from "../array.js";
import { ShapeError, argumentError } from "../errors.js";
import * as lax from "../lax.js";
import { broadcastShapes, formatShape, normalizeAxes, normalizeAxis, shapeEquals, sizeOf, type Shape } from "../shape.js";
import { asarray, type ArrayLike } from "./convert.js";
import { promoteOperands } from "./promote.js";

/** reshape with one optional -1 dimension inferred. */
export function reshape(x: ArrayLike, shape: Shape | number): Array {
  const a = asarray(x, undefined, "reshape");
  const dims = typeof shape === "number" ? [shape] : [...shape];
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1) throw argumentError("reshape", "shape", `can have only one -1, got ${formatShape(dims)}`);
  if (unknown === 1) {
    const known = sizeOf(dims.filter((d) => d !== -1));
    if (known === 0 || a.size % known !== 0) throw new ShapeError(`reshape: cannot reshape ${a.aval} into shape ${formatShape(dims)}`);
    dims[dims.indexOf(-1)] = a.size / known;
  }
  if (shapeEquals(dims, a.shape)) return a;
  return lax.reshape(a, dims);
}

export function ravel(x: ArrayLike): Array {
  return reshape(x, [-1]);
}

export function transpose(x: ArrayLike, axes?: readonly number[]): Array {
  const a = asarray(x, undefined, "transpose");
  const perm = axes ? axes.map((ax) => normalizeAxis("transpose", ax, a.ndim, "axes")) : a.shape.map((_, i) => a.ndim - 1 - i);
  if (perm.length === a.ndim && perm.every((p, i) => p === i)) return a;
  return lax.transpose(a, perm);
}

export function swapaxes(x: ArrayLike, axis1: number, axis2: number): Array {
  const a = asarray(x, undefined, "swapaxes");
  const perm = a.shape.map((_, i) => i);
  const i = normalizeAxis("swapaxes", axis1, a.ndim, "axis1");
  const j = normalizeAxis("swapaxes", axis2, a.ndim, "axis2");
  [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  return transpose(a, perm);
}

export function broadcastTo(x: ArrayLike, shape: Shape): Array {
  const a = asarray(x, undefined, "broadcastTo");
  const out = broadcastShapes("broadcastTo", a.shape, shape);
  if (!shapeEquals(out, shape)) throw new ShapeError(`broadcastTo: cannot broadcast ${a.aval} to shape ${formatShape(shape)}`);
  if (shapeEquals(a.shape, shape)) return a;
  const lead = shape.length - a.ndim;
  return lax.broadcastInDim(a, shape, a.shape.map((_, i) => i + lead));
}

export function broadcastArrays(...xs: ArrayLike[]): Array[] {
  const arrays = xs.map((x, i) => asarray(x, undefined, "broadcastArrays", `x${i}`));
  const shape = broadcastShapes("broadcastArrays", ...arrays.map((a) => a.shape));
  return arrays.map((a) => broadcastTo(a, shape));
}

export function expandDims(x: ArrayLike, axis: number | readonly number[]): Array {
  const a = asarray(x, undefined, "expandDims");
  const list = typeof axis === "number" ? [axis] : axis;
  const ndim = a.ndim + list.length;
  const axes = normalizeAxes("expandDims", list, ndim);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < ndim; i++) shape.push(axes.includes(i) ? 1 : a.shape[k++]!);
  return lax.reshape(a, shape);
}

export function squeeze(x: ArrayLike, axis?: number | readonly number[]): Array {
  const a = asarray(x, undefined, "squeeze");
  const axes = axis === undefined ? a.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes("squeeze", axis, a.ndim);
  for (const ax of axes) if (a.shape[ax] !== 1) throw new ShapeError(`squeeze: axis ${ax} of ${a.aval} has size ${a.shape[ax]}, not 1`);
  if (axes.length === 0) return a;
  return lax.squeeze(a, axes);
}

export function concatenate(xs: readonly ArrayLike[], axis = 0): Array {
  if (!globalThis.Array.isArray(xs) || xs.length === 0) throw argumentError("concatenate", "arrays", "must be a non-empty list of arrays");
  const arrays = promoteOperands("concatenate", xs, xs.map((_, i) => `arrays[${i}]`));
  const first = arrays[0]!;
  if (first.ndim === 0) throw argumentError("concatenate", "arrays", "cannot concatenate zero-dimensional arrays");
  const ax = normalizeAxis("concatenate", axis, first.ndim);
  if (arrays.length === 1) return first;
  return lax.concatenate(arrays, ax);
}

export function stack(xs: readonly ArrayLike[], axis = 0): Array {
  if (!globalThis.Array.isArray(xs) || xs.length === 0) throw argumentError("stack", "arrays", "must be a non-empty list of arrays");
  const arrays = promoteOperands("stack", xs, xs.map((_, i) => `arrays[${i}]`));
  const shape = arrays[0]!.shape;
  arrays.forEach((a, i) => {
    if (!shapeEquals(a.shape, shape)) throw new ShapeError(`stack: arrays[${i}] has shape ${formatShape(a.shape)} but arrays[0] has ${formatShape(shape)}`);
  });
  const ax = normalizeAxis("stack", axis, shape.length + 1);
  const expanded = arrays.map((a) => expandDims(a, ax));
  return expanded.length === 1 ? expanded[0]! : lax.concatenate(expanded, ax);
}
