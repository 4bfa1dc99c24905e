import { lax, shapeEquals, type Array, type Shape } from "@kiln/core";

/**
 * Sums a cotangent of a broadcast result back to the shape of the operand that was broadcast.
 * Elementwise ops broadcast implicitly in kiln's IR, so this runs once per operand in the
 * driver instead of in every VJP rule.
 */
export function unbroadcast(ct: Array, shape: Shape): Array {
  if (shapeEquals(ct.shape, shape)) return ct;
  const lead = ct.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < ct.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && ct.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? lax.reduceSum(ct, axes) : ct;
  return shapeEquals(summed.shape, shape) ? summed : lax.reshape(summed, shape);
}
