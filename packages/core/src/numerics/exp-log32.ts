// float32 exp, expm1, log and logistic exactly as XLA:CPU (jaxlib 0.10.2) evaluates them
// (docs/numerics.md). XLA:CPU replaces llvm.exp / llvm.log on f32 scalars and 2/4/8/16-wide
// vectors by inline Cephes polynomials: xla/backends/cpu/codegen/polynomial_approximations.cc
// (GenerateVF32Exp, values named exp_f32; the log rewrite of the same file, values named
// log_f32, is Eigen's plog_float: Cephes logf with three interleaved Horner chains). The CPU
// backend contracts multiply-adds into FMAs (AllowFPOpFusion::Fast); which ones, and the
// operation order, were read off the LLVM IR and object code that `XLA_FLAGS=--xla_dump_to`
// writes for jnp.exp / jnp.log / jnp.expm1 / jax.nn.sigmoid, then checked bit for bit against
// JAX on hundreds of millions of inputs (docs/numerics.md). Later XLA revisions change exp's
// range reduction, so a JAX upgrade must be re-verified.
//
// XLA:CPU runs with denormals flushed (FTZ/DAZ); kiln keeps subnormals everywhere, so results
// that are subnormal here are 0 there, and log of a subnormal is computed (XLA's vectorised
// loop sees a zero and returns -inf). Literals are the Cephes/XLA source spellings.
import { fma32, horner32, short25 } from "./fma32.js";
import { tanh32 } from "./tanh32.js";

const f = Math.fround;
/** The smallest normal float32: XLA:CPU flushes anything smaller to zero. */
const FLT_MIN = 2 ** -126;

// ---- exp: GenerateVF32Exp -----------------------------------------------------------------
const EXP_LO = f(-87.8);
const EXP_HI = f(88.8);
const LOG2EF = f(1.4426950408889634); // cephes_LOG2EF 1.44269504088896341
const LN2_HI = f(0.693359375); // cephes_exp_C1
const LN2_LO = f(-2.12194440e-4); // cephes_exp_C2
const EXP_P = new Float64Array([
  1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
].map(f));
const [EP0, EP1, EP2, EP3, EP4, EP5] = EXP_P as unknown as [number, number, number, number, number, number];

/** 2^n for n in [-127, 127] as XLA builds it from exponent bits; n = -127 gives the bits of 0. */
const POW2 = new Float64Array(255).map((_, i) => (i === 0 ? 0 : 2 ** (i - 127)));

/** lax.exp for a float32 x, as XLA:CPU computes it (Cephes polynomial, FMA-contracted). */
export function exp32(x: number): number {
  if (x !== x) return NaN;
  // exp(±0) = 1 exactly (a = 0, t = 0, n = 0); softmax gives each row's maximum a 0, and that
  // input would flag every step of the fast path below (short) and take the slow one
  if (x === 0) return 1;
  // clamp(x, -87.8, 88.8): +inf ends as 88.8, whose result overflows to +inf below.
  x = x < EXP_LO ? EXP_LO : x > EXP_HI ? EXP_HI : x;
  // Fast path: every FMA as a plain double step, exact unless one of them is flagged
  // (short25); the Horner steps are written out (horner32 inline), which runs about twice as
  // fast as the loop over EXP_P in V8.
  const s = x * LOG2EF + 0.5;
  const n = Math.floor(f(s));
  const a = expReduce(x, n);
  let q = EP0 * a + EP1;
  let k = short25(s) | short25(q);
  q = f(q) * a + EP2; k |= short25(q);
  q = f(q) * a + EP3; k |= short25(q);
  q = f(q) * a + EP4; k |= short25(q);
  q = f(q) * a + EP5; k |= short25(q);
  const t = f(q) * f(a * a) + a;
  if ((k | short25(t)) !== 0) return expExact(x);
  return expScale(f(t), n);
}

/** exp32 with every FMA exactly rounded: the rare inputs where a double step may double-round. */
function expExact(x: number): number {
  const n = Math.floor(fma32(x, LOG2EF, 0.5)); // n = floor(fma(x, log2e, 0.5))
  const a = expReduce(x, n);
  // z = ((((p0 a + p1) a + p2) a + p3) a + p4) a + p5, each step an FMA; then z a^2 + a
  return expScale(fma32(horner32(a, EXP_P), f(a * a), a), n);
}

/**
 * a = x - n*ln2 in two FMA steps (vfnmadd), n clamped to [-127, 127]. Both are exact in a
 * double, so one fround is the FMA: n*LN2_HI has <= 17 bits and n != 0 implies |x| > 0.34 (a
 * multiple of 2^-25); the first difference is a multiple of 2^-25 below 0.35 and n*LN2_LO a
 * multiple of 2^-36.
 */
function expReduce(x: number, n: number): number {
  n = n < -127 ? -127 : n > 127 ? 127 : n;
  return f(f(x - n * LN2_HI) - n * LN2_LO);
}

/** (z + 1) * 2^n, n clamped to [-127, 127]: exact in a double, so one fround (overflow to inf). */
function expScale(z: number, n: number): number {
  n = n < -127 ? -127 : n > 127 ? 127 : n;
  return f(f(z + 1) * (POW2[n + 127] as number));
}

/** jax.nn.sigmoid / lax.logistic: JAX lowers it as 1 / (1 + exp(-x)) (lax.py logistic_impl). */
export function logistic32(x: number): number {
  // The CPU code fuses exp's final z * 2^n with the + 1 (an FMA); z * 2^n is exact whenever it
  // is normal, so that equals rounding the product and then the sum.
  return f(1 / f(1 + exp32(-x)));
}

/**
 * lax.expm1 as XLA:CPU's elemental emitter writes it (xla/service/elemental_ir_emitter.cc
 * EmitExpm1): |x| > 0.5 ? exp(x) - 1 : tanh(x/2) * (exp(x) + 1), and x itself when x/2 == 0.
 * exp and tanh are the XLA algorithms above and in tanh32.ts.
 */
export function expm132(x: number): number {
  const e = exp32(x);
  if (Math.abs(x) > 0.5) return f(e - 1);
  const h = f(0.5 * x);
  // x/2 == 0 under XLA:CPU's flush-to-zero also for a subnormal x/2; x is then expm1(x)
  // correctly rounded anyway.
  return Math.abs(h) < FLT_MIN ? x : f(tanh32(h) * f(e + 1));
}

// ---- log: GenerateVF32Log (Eigen plog_float: Cephes logf with 3 interleaved Horner chains) --
const SQRT_HALF = f(0.7071067811865476); // cephes_SQRTHF 0.707106781186547524
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const [LP0, LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8] = [
  7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f) as [number, number, number, number, number, number, number, number, number];
const LOG_Y = new Float64Array([LP0, LP1, LP2]);
const LOG_Y1 = new Float64Array([LP3, LP4, LP5]);
const LOG_Y2 = new Float64Array([LP6, LP7, LP8]);

const scratchF = new Float32Array(1);
const scratchU = new Uint32Array(scratchF.buffer);

/** lax.log for a float32 x, as XLA:CPU computes it (the vectorised Cephes/Eigen logf). */
export function log32(x: number): number {
  if (!(x >= FLT_MIN)) {
    if (x === 0) return -Infinity; // +-0
    if (!(x > 0)) return NaN; // negative or NaN: the result is or'ed with all-ones
    // subnormal: the true log. Under DAZ XLA:CPU gives -inf (or -103.97 in glibc lanes).
    return f(Math.log(x));
  }
  if (x === Infinity) return Infinity;
  scratchF[0] = x;
  const bits = scratchU[0] as number;
  // x = m * 2^(e+1) with m in [0.5, 1): e = biased exponent - 127
  let e = (bits >>> 23) - 126;
  scratchU[0] = (bits & 0x807fffff) | 0x3f000000;
  const m = scratchF[0] as number;
  // if m < sqrt(1/2): e -= 1, t = (m - 1) + m, else t = m - 1 (both exact)
  let t: number;
  if (m < SQRT_HALF) {
    e -= 1;
    t = m - 1 + m;
  } else {
    t = m - 1;
  }
  const t2 = f(t * t);
  const t3 = f(t2 * t);
  // Fast path: each FMA as a double step a*b + c rounded once, flagged when the double could
  // sit on a float32 midpoint (short25); then everything is redone with exact FMAs.
  let k = 0;
  let s = t * LP0 + LP1; k |= short25(s);
  s = f(s) * t + LP2; k |= short25(s);
  const y = f(s); // fma(fma(t, p0, p1), t, p2)
  s = t * LP3 + LP4; k |= short25(s);
  s = f(s) * t + LP5; k |= short25(s);
  const y1 = f(s);
  s = t * LP6 + LP7; k |= short25(s);
  s = f(s) * t + LP8; k |= short25(s);
  const y2 = f(s);
  s = y * t3 + y1; k |= short25(s);
  s = f(s) * t3 + y2; k |= short25(s);
  s = f(s) * t3 + f(e * LOG_Q1); k |= short25(s); // y*t3 + e*q1, contracted
  const r = f(f(t - 0.5 * t2) + f(s)); // vfnmadd(t2, 0.5, t): 0.5*t2 is exact
  s = e * LOG_Q2 + r; k |= short25(s); // + e*q2, contracted
  return k === 0 ? f(s) : logExact(t, t2, t3, e);
}

/** The polynomial part of log32 with every FMA exactly rounded (the rare flagged inputs). */
function logExact(t: number, t2: number, t3: number, e: number): number {
  let y = horner32(t, LOG_Y);
  y = fma32(y, t3, horner32(t, LOG_Y1));
  y = fma32(y, t3, horner32(t, LOG_Y2));
  y = fma32(y, t3, f(e * LOG_Q1));
  return fma32(e, LOG_Q2, f(f(t - 0.5 * t2) + y));
}
