// float32 erf, erfc, erf_inv and log1p exactly as XLA:CPU evaluates them (parity doc section 4.4,
// docs/numerics.md).
// Every constant is rounded to float32 once; every op is rounded with Math.fround, except the
// steps XLA:CPU emits (or contracts) as fused multiply-adds, which are exactly rounded here
// (fma32, horner32).
// Literals are the shortest round-trip spellings of the doubles in the XLA sources.
import { exp32, log32 } from "./exp-log32.js";
import { fma32, horner32 } from "./fma32.js";

const f = Math.fround;

// ---- erf: xla/codegen/intrinsic/erf.cc::EmitErfF32 (explicit llvm.fma calls) -------------
const ERF_CLAMP = f(3.832506856900711);
const A1 = f(1.128379143519084);
const A3 = f(0.18520832239976145);
const A5 = f(0.05095569506238086);
const A7 = f(0.0034082910107109507);
const A9 = f(0.00022905065861350646);
const B0 = 1;
const B2 = f(0.49746925110067536);
const B4 = f(0.11098505178285362);
const B6 = f(0.014070470171167667);
const B8 = f(0.0010179625278914884);
const B10 = f(2.3547966471313183e-5);
const B12 = f(-1.1791602954361697e-7);
const ERF_P = new Float64Array([A9, A7, A5, A3, A1]);
const ERF_Q = new Float64Array([B12, B10, B8, B6, B4, B2, B0]);

/** lax.erf for a float32 x, as XLA:CPU computes it (odd/even rational, FMA Horner steps). */
export function erf32(x: number): number {
  // `fcmp ole clamp, |x|` is false for NaN, so NaN flows through the rational.
  if (ERF_CLAMP <= Math.abs(x)) return x > 0 ? 1 : -1; // copysign(1, x)
  const x2 = f(x * x);
  const p = f(x * horner32(x2, ERF_P)); // p = fma(x2, p, a_k) from a9 down to a1
  const q = horner32(x2, ERF_Q); // q = fma(x2, q, b_k) from b12 down to b0
  return f(p / q);
}

// ---- log1p: xla/codegen/intrinsic/log1p.cc (Cephes rational for |x| < sqrt(2) - 1) -------
const LOG1P_THRESHOLD = f(0.41421356237309503);
const LOG1P_N = new Float64Array([
  4.52700008624452e-5, 0.49854102823193375, 6.578732594206104,
  29.911919328553072, 60.94966798098779, 57.11296359058554,
  20.039553499201283,
].map(f));
const LOG1P_D = new Float64Array([
  1, 15.062909083469192, 83.04756596796722, 221.76239823732857,
  309.09872225312057, 216.42788614495947, 60.11866049760384,
].map(f));

/** lax.log1p for a float32 x, as XLA:CPU computes it. */
export function log1p32(x: number): number {
  if (!(Math.abs(x) < LOG1P_THRESHOLD)) {
    // llvm.log.f32(x + 1), which XLA:CPU rewrites to its Cephes logf (exp-log32.ts).
    return log32(f(x + 1));
  }
  const x2 = f(x * x);
  // Horner p = p*x + c from p = 0, each step contracted to an FMA (doc 4.5); the first step
  // fma(0, x, c0) = c0 for finite x, so horner32 can start from c0.
  let t = f(horner32(x, LOG1P_N) / horner32(x, LOG1P_D));
  t = f(f(x * x2) * t);
  // fadd(fmul(-0.5, x2), t): contracted as fma(-0.5, x2, t) (the first fmul operand);
  // -0.5*x2 is exact anyway unless x2 is subnormal.
  t = fma32(-0.5, x2, t);
  return f(x + t);
}

// ---- erf_inv: Giles' single-precision approximation (ChloLegalizeToStablehlo erfInv32) ----
const EI_SMALL = new Float64Array([
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503,
  -0.00417768164, 0.246640727, 1.50140941,
].map(f));
const EI_LARGE = new Float64Array([
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
  -0.0076224613, 0.00943887047, 1.00167406, 2.83297682,
].map(f));

/** lax.erf_inv for a float32 x, as XLA:CPU computes it (NaN outside [-1, 1]). */
export function erfInv32(x: number): number {
  let w = -log1p32(f(x * -x));
  let c: Float64Array;
  if (w < 5) {
    w = f(w - 2.5);
    c = EI_SMALL;
  } else {
    // Math.sqrt then fround is correctly rounded: double rounding is innocuous for sqrt.
    w = f(f(Math.sqrt(w)) - 3);
    c = EI_LARGE;
  }
  const p = horner32(w, c); // p = c[i] + p*w, FMA-contracted on CPU
  // erfinv(+-1) = +-inf: the rational is indeterminate there.
  return Math.abs(x) === 1 ? x * Infinity : f(p * x);
}

// ---- erfc: ChloLegalizeToStablehlo.cpp materializeErfcApproximationF32 (Cephes) ------------
// |x| < 1: 1 - x T(x^2) (materializeErfApproximationF32ForMagnitudeLeOne, not EmitErfF32);
// else exp(-x^2) / |x| * (|x| < 2 ? P(1/x^2) : R(1/x^2)), 0 once x^2 > maxlog, 2 - that for
// x < 0. On CPU every Horner step and the 1 - x*T is an FMA; exp is XLA's (exp-log32.ts).
const ERFC_T = new Float64Array([
  7.853861353153693e-5, -8.010193625184903e-4, 5.188327685732524e-3, -2.685381193529856e-2,
  1.128358514861418e-1, -3.7612625824233e-1, 1.12837916572671,
].map(f));
const ERFC_P = new Float64Array([
  2.326819970068386e-2, -1.387039388740657e-1, 3.687424674597105e-1, -5.824733027278666e-1,
  6.210004621745983e-1, -4.944515323274145e-1, 3.404879937665872e-1, -2.741127028184656e-1,
  5.638259427386472e-1,
].map(f));
const ERFC_R = new Float64Array([
  -1.047766399936249e1, 1.297719955372516e1, -7.495518717768503, 2.921019019210786,
  -1.0152652792027, 4.218463358204948e-1, -2.820767439740514e-1, 5.641895067754075e-1,
].map(f));
const ERFC_MAXLOG = f(88.72283905206835);

/** lax.erfc for a float32 x, as XLA:CPU computes it. */
export function erfc32(x: number): number {
  const x2 = f(x * x);
  const ax = Math.abs(x);
  if (ax < 1) return fma32(-x, horner32(x2, ERFC_T), 1); // vfnmadd: 1 - x*T(x^2)
  const w = f(1 / x2);
  const q = f(exp32(-x2) * f(1 / ax));
  let y = f(q * horner32(w, ax < 2 ? ERFC_P : ERFC_R));
  if (x2 > ERFC_MAXLOG) y = 0; // z = -x^2 < -maxlog (NaN stays)
  return x < 0 ? f(2 - y) : y;
}
