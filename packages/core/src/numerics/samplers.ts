// float32 sampler kernels reproducing jax.random.{uniform, normal, truncated_normal} bit for
// bit on XLA:CPU (parity doc section 4). The array kernels are thin loops over exported scalar
// functions so callers (other kernels, initialisers) can reuse the exact per-element math.
import { erf32, erfInv32 } from "./erf32.js";
import { fma32 } from "./fma32.js";

const f = Math.fround;

/** f32(sqrt(2)) = 1.41421354 (doc 4.2). */
export const SQRT2_F32 = f(Math.SQRT2);
/** nextafter(-1f, 0) = -0.99999994, the lower bound normal() draws its uniform from (doc 4.2). */
export const NORMAL_UNIFORM_LO = f(-(1 - 2 ** -24));

const scratchF = new Float32Array(1);
const scratchU = new Uint32Array(scratchF.buffer);

/** float32 nextafter(x, toward) (numpy / lax.nextafter semantics). */
export function nextAfter32(x: number, toward: number): number {
  x = f(x);
  toward = f(toward);
  if (x !== x || toward !== toward) return NaN;
  if (x === toward) return toward;
  if (x === 0) return toward > 0 ? 2 ** -149 : -(2 ** -149);
  scratchF[0] = x;
  // Moving away from zero increments the magnitude bits, towards zero decrements them.
  scratchU[0] = (toward > x) === (x > 0) ? (scratchU[0] as number) + 1 : (scratchU[0] as number) - 1;
  return scratchF[0] as number;
}

/** The [0, 1) float from 32 random bits: bitcast((bits >>> 9) | 0x3F800000) - 1, exact. */
export function unitFromBits(bits: number): number {
  return (bits >>> 9) * 2 ** -23;
}

/**
 * One uniform draw (doc 4.1): max(minval, fma(f, range, minval)) with range = f32(maxval -
 * minval). XLA:CPU contracts the scale-and-shift into an FMA (doc 4.5).
 */
export function uniformScalar(bits: number, minval: number, range: number): number {
  return Math.max(minval, fma32(unitFromBits(bits), range, minval));
}

/** jax.random.uniform(key, shape, float32, minval, maxval) from its 32-bit random bits. */
export function uniformFromBits(
  bits: Uint32Array, minval: number, maxval: number, out: Float32Array,
): void {
  checkLengths(bits, out);
  const lo = f(minval);
  const range = f(f(maxval) - lo);
  for (let i = 0; i < bits.length; i++) out[i] = uniformScalar(bits[i] as number, lo, range);
}

/** One standard normal draw (doc 4.2): f32(sqrt 2) * erf_inv(uniform(bits, lo, 1)). */
export function normalScalar(bits: number): number {
  // range = f32(1 - lo) = 2 exactly, so the FMA is exact either way.
  return f(SQRT2_F32 * erfInv32(uniformScalar(bits, NORMAL_UNIFORM_LO, 2)));
}

/** jax.random.normal(key, shape, float32) from its 32-bit random bits. */
export function normalFromBits(bits: Uint32Array, out: Float32Array): void {
  checkLengths(bits, out);
  for (let i = 0; i < bits.length; i++) out[i] = normalScalar(bits[i] as number);
}

/** Per-call constants of truncated_normal(lower, upper) (doc 4.3). */
export interface TruncatedNormalParams {
  /** erf(lower / sqrt2): the uniform's minval. */
  a: number;
  /** f32(erf(upper / sqrt2) - a): the uniform's range. */
  range: number;
  /** nextafter(lower, +inf): clip floor. */
  lo: number;
  /** nextafter(upper, -inf): clip ceiling. */
  hi: number;
}

/** Computes the float32 constants truncated_normal derives from its bounds (doc 4.3). */
export function truncatedNormalParams(lower: number, upper: number): TruncatedNormalParams {
  const l = f(lower);
  const u = f(upper);
  // True division by the f32 constant (the reciprocal rewrite agrees for +-2, doc 4.3).
  const a = erf32(f(l / SQRT2_F32));
  const b = erf32(f(u / SQRT2_F32));
  return { a, range: f(b - a), lo: nextAfter32(l, Infinity), hi: nextAfter32(u, -Infinity) };
}

/** One truncated normal draw: clip(sqrt2 * erf_inv(uniform(bits, a, b)), lo, hi). */
export function truncatedNormalScalar(
  bits: number, a: number, range: number, lo: number, hi: number,
): number {
  const v = f(SQRT2_F32 * erfInv32(uniformScalar(bits, a, range)));
  return Math.min(Math.max(v, lo), hi); // jnp.clip = min(max(x, lo), hi)
}

/** jax.random.truncated_normal(key, lower, upper, shape, float32) from its random bits. */
export function truncatedNormalFromBits(
  bits: Uint32Array, lower: number, upper: number, out: Float32Array,
): void {
  checkLengths(bits, out);
  const { a, range, lo, hi } = truncatedNormalParams(lower, upper);
  for (let i = 0; i < bits.length; i++) {
    out[i] = truncatedNormalScalar(bits[i] as number, a, range, lo, hi);
  }
}

function checkLengths(bits: Uint32Array, out: Float32Array): void {
  if (bits.length !== out.length) {
    throw new RangeError(`bits has length ${bits.length} but out has length ${out.length}`);
  }
}
