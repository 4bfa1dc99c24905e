// float32 tanh exactly as XLA:CPU (jaxlib 0.10.2) evaluates it (docs/numerics.md):
// xla/codegen/intrinsic/tanh.cc EmitFastTanh (the rational of Eigen's ptanh_float), lowered for
// every vector width and for scalars (x86-64; aarch64 16-wide vectors call an SVE routine instead),
// built with allow-contract so every multiply-add becomes an FMA (confirmed in the object code of
// jnp.tanh; bit-exact against JAX on 83 million inputs, docs/numerics.md).
import { horner32 } from "./fma32.js";

const f = Math.fround;

/** Below this |x| tanh(x) = x (EmitFastTanh's small-argument cut). */
const TINY = f(0.0004);
/** Inputs are clamped to +-this before the rational, which reaches +-1 there. */
const CLAMP = f(7.99881172180175781); // the with_fma clamp
/** From this |x| on the result is copysign(1, x). */
const SATURATE = 20;

// Numerator odd polynomial x * P(x^2), coefficients alpha_13 .. alpha_1; denominator Q(x^2),
// beta_6 .. beta_0 (Eigen's ptanh_float constants, rounded to float32).
const NUM = new Float64Array([
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8,
  1.48572235717979e-5, 6.37261928875436e-4, 4.89352455891786e-3,
].map(f));
const DEN = new Float64Array([
  1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3,
].map(f));

/** lax.tanh for a float32 x, as XLA:CPU computes it. */
export function tanh32(x: number): number {
  const ax = Math.abs(x);
  if (ax < TINY) return x; // keeps -0
  if (ax >= SATURATE) return x > 0 ? 1 : -1;
  // NaN fails both tests and flows through the rational.
  const c = x < -CLAMP ? -CLAMP : x > CLAMP ? CLAMP : x;
  const c2 = f(c * c);
  const p = f(c * horner32(c2, NUM)); // p = fma(c2, p, alpha_k) from alpha_13 down
  const q = horner32(c2, DEN);
  return f(p / q);
}
