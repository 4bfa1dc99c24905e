/**
 * The operations a scalar recipe is written in. A recipe is a scalar function (integer_pow,
 * and the float32 transcendentals as they move over) written once against this interface;
 * every place that computes it renders the recipe with its own algebra: plain numbers for eager
 * mode (core's scalar functions), ESTree expressions for the JavaScript backend, wasm
 * instructions on f32 or f32x4 lanes for the WebAssembly backend. Each operation means the same
 * thing everywhere (a product rounded to the value's dtype, ...), so the backends give the
 * same bits by construction rather than by keeping several hand-written copies in step.
 */
export interface ScalarAlgebra<V> {
  /** The constant 1 in the value's dtype. */
  one(): V;
  /** a * b, rounded (float32) or wrapped (integers) to the dtype. */
  mul(a: V, b: V): V;
  /** 1 / a, rounded (float32) or truncated and wrapped (integers) to the dtype. */
  reciprocal(a: V): V;
  /**
   * Names an intermediate value so that it is computed once however often the recipe uses it
   * (a `const` in JavaScript, a local in wasm; the number itself in eager mode).
   */
  bind(v: V): V;
}
