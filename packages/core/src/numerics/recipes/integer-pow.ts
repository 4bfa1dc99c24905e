import type { ScalarAlgebra } from "./algebra.js";

/**
 * lax.integer_pow: x ** y by binary exponentiation, every product rounded to the dtype, in this
 * order: the result accumulates the odd bits' powers from the lowest up, and squares of the base
 * are named as they are made. A negative y takes the reciprocal of the positive power (XLA's
 * order too), and y = 0 gives 1 without reading x.
 */
export function integerPow<V>(alg: ScalarAlgebra<V>, x: V, y: number): V {
  let n = Math.abs(y);
  let acc: V | null = null;
  let base = x;
  while (n > 0) {
    if (n & 1) acc = acc === null ? base : alg.bind(alg.mul(acc, base));
    n = Math.floor(n / 2);
    if (n > 0) base = alg.bind(alg.mul(base, base));
  }
  const r = acc ?? alg.one();
  return y < 0 ? alg.reciprocal(r) : r;
}
