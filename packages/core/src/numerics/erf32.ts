// float32 erf, erf_inv and log1p exactly as XLA:CPU evaluates them (parity doc section 4.4).
// Every constant is rounded to float32 once; every op is rounded with Math.fround, except the
// steps XLA:CPU emits (or contracts) as fused multiply-adds, which use the exact fma32.
// Literals are the shortest round-trip spellings of the doubles in the XLA sources.
import { fma32 } from "./fma32.js";

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

/** lax.erf for a float32 x, as XLA:CPU computes it (odd/even rational, FMA Horner steps). */
export function erf32(x: number): number {
  // `fcmp ole clamp, |x|` is false for NaN, so NaN flows through the rational.
  if (ERF_CLAMP <= Math.abs(x)) return x > 0 ? 1 : -1; // copysign(1, x)
  const x2 = f(x * x);
  let p = fma32(x2, A9, A7);
  p = fma32(x2, p, A5);
  p = fma32(x2, p, A3);
  p = fma32(x2, p, A1);
  p = f(x * p);
  let q = fma32(x2, B12, B10);
  q = fma32(x2, q, B8);
  q = fma32(x2, q, B6);
  q = fma32(x2, q, B4);
  q = fma32(x2, q, B2);
  q = fma32(x2, q, B0);
  return f(p / q);
}

// ---- log1p: xla/codegen/intrinsic/log1p.cc (Cephes rational for |x| < sqrt(2) - 1) -------
const LOG1P_THRESHOLD = f(0.41421356237309503);
const LOG1P_N = [
  4.52700008624452e-5, 0.49854102823193375, 6.578732594206104,
  29.911919328553072, 60.94966798098779, 57.11296359058554,
  20.039553499201283,
].map(f);
const LOG1P_D = [
  1, 15.062909083469192, 83.04756596796722, 221.76239823732857,
  309.09872225312057, 216.42788614495947, 60.11866049760384,
].map(f);

/** Horner p = p*x + c from p = 0; XLA:CPU contracts each step into an FMA (doc 4.5). */
function horner(x: number, c: readonly number[]): number {
  let p = 0;
  for (let i = 0; i < c.length; i++) p = fma32(p, x, c[i] as number);
  return p;
}

/** lax.log1p for a float32 x, as XLA:CPU computes it. */
export function log1p32(x: number): number {
  if (!(Math.abs(x) < LOG1P_THRESHOLD)) {
    // llvm.log.f32(x + 1); logf modelled as correctly rounded (doc 4.4, U2).
    return f(Math.log(f(x + 1)));
  }
  const x2 = f(x * x);
  let t = f(horner(x, LOG1P_N) / horner(x, LOG1P_D));
  t = f(f(x * x2) * t);
  // fadd(fmul(-0.5, x2), t): contracted as fma(-0.5, x2, t) (the first fmul operand);
  // -0.5*x2 is exact anyway unless x2 is subnormal.
  t = fma32(-0.5, x2, t);
  return f(x + t);
}

// ---- erf_inv: Giles' single-precision approximation (ChloLegalizeToStablehlo erfInv32) ----
const EI_SMALL = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503,
  -0.00417768164, 0.246640727, 1.50140941,
].map(f);
const EI_LARGE = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
  -0.0076224613, 0.00943887047, 1.00167406, 2.83297682,
].map(f);

/** lax.erf_inv for a float32 x, as XLA:CPU computes it (NaN outside [-1, 1]). */
export function erfInv32(x: number): number {
  let w = -log1p32(f(x * -x));
  let c: readonly number[];
  if (w < 5) {
    w = f(w - 2.5);
    c = EI_SMALL;
  } else {
    // Math.sqrt then fround is correctly rounded: double rounding is innocuous for sqrt.
    w = f(f(Math.sqrt(w)) - 3);
    c = EI_LARGE;
  }
  let p = c[0] as number;
  for (let i = 1; i < 9; i++) p = fma32(p, w, c[i] as number); // c[i] + p*w, contracted
  // erfinv(+-1) = +-inf: the rational is indeterminate there.
  return Math.abs(x) === 1 ? x * Infinity : f(p * x);
}
