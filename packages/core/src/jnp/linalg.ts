import type { Array } from "../array.js";
import { ShapeError } from "../errors.js";
import * as lax from "../lax.js";
import { broadcastShapes, formatShape } from "../shape.js";
import type { ArrayLike } from "./convert.js";
import { multiply } from "./elementwise.js";
import { promoteOperands } from "./promote.js";
import { broadcastTo, reshape, squeeze } from "./shape-ops.js";

/**
 * NumPy matmul: 1-D operands are promoted to matrices and the added axis removed afterwards;
 * leading (batch) axes broadcast. Lowers to one dot_general.
 */
export function matmul(x: ArrayLike, y: ArrayLike): Array {
  let [a, b] = promoteOperands("matmul", [x, y], ["x", "y"]) as [Array, Array];
  if (a.ndim === 0 || b.ndim === 0) throw new ShapeError(`matmul: operands must be at least 1-D, got ${a.aval} and ${b.aval}`);
  const aVec = a.ndim === 1;
  const bVec = b.ndim === 1;
  if (aVec) a = reshape(a, [1, a.shape[0]!]);
  if (bVec) b = reshape(b, [b.shape[0]!, 1]);
  const k = a.shape[a.ndim - 1]!;
  if (k !== b.shape[b.ndim - 2]) {
    throw new ShapeError(`matmul: contracting dimensions differ: x ${formatShape(a.shape)} has ${k}, y ${formatShape(b.shape)} has ${b.shape[b.ndim - 2]}`);
  }
  let out: Array;
  if (b.ndim === 2) {
    out = lax.dotGeneral(a, b, [[a.ndim - 1], [0]]);
  } else {
    const batch = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
    a = broadcastTo(a, [...batch, ...a.shape.slice(-2)]);
    b = broadcastTo(b, [...batch, ...b.shape.slice(-2)]);
    const bd = batch.map((_, i) => i);
    out = lax.dotGeneral(a, b, [[a.ndim - 1], [b.ndim - 2]], [bd, bd]);
  }
  if (aVec) out = squeeze(out, out.ndim - 2);
  if (bVec) out = squeeze(out, out.ndim - 1);
  return out;
}

/** jnp.dot: scalars multiply; otherwise contract the last axis of x with the second-to-last of y. */
export function dot(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = promoteOperands("dot", [x, y], ["x", "y"]) as [Array, Array];
  if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
  if (a.ndim <= 2 && b.ndim <= 2) return matmul(a, b);
  const bAxis = Math.max(b.ndim - 2, 0);
  if (a.shape[a.ndim - 1] !== b.shape[bAxis]) {
    throw new ShapeError(`dot: x ${formatShape(a.shape)} and y ${formatShape(b.shape)} do not align (${a.shape[a.ndim - 1]} vs ${b.shape[bAxis]})`);
  }
  return lax.dotGeneral(a, b, [[a.ndim - 1], [bAxis]]);
}

export function outer(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = promoteOperands("outer", [x, y], ["x", "y"]) as [Array, Array];
  return multiply(reshape(a, [-1, 1]), reshape(b, [1, -1]));
}

export function vdot(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = promoteOperands("vdot", [x, y], ["x", "y"]) as [Array, Array];
  return lax.dotGeneral(reshape(a, [-1]), reshape(b, [-1]), [[0], [0]]);
}
