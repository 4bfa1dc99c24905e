// Exactly rounded float32 fused multiply-add (parity doc section 9).
//
// For float32 a, b the product a*b has at most 48 significant bits and an exponent in
// [-298, 256], so it is exact in a double. The double sum s = a*b + c is RN64(exact), and
// rounding it again to float32 (Math.fround) gives RN32(exact) in every case except one:
// when s lands exactly on a float32 rounding midpoint while the exact sum does not (rounding
// is monotonic and float32 midpoints are doubles, so s can never "cross" a midpoint, only
// land on it). In that case the TwoSum error term tells which side the exact value lies on.

/** Largest finite float32. */
const FLT_MAX = (2 - 2 ** -23) * 2 ** 127;
/** Midpoint between FLT_MAX and 2^128: at or above it RN32 overflows to infinity. */
const OVERFLOW_MID = 2 ** 128 - 2 ** 103;

/**
 * fma32(a, b, c) = RN32(a*b + c) computed exactly, for float32 inputs (JS numbers that are
 * float32 values). NaN, infinities and signed zeros follow IEEE 754 fusedMultiplyAdd.
 */
export function fma32(a: number, b: number, c: number): number {
  // Kept tiny so TurboFan inlines it into Horner loops (a non-inlined call boxes its result).
  const s = a * b + c; // a*b is exact; only the sum rounds
  const r = Math.fround(s);
  // s is a float32 midpoint iff its mirror image o = 2s - r across s is a float32 other than
  // r (s - r is exact, Sterbenz). o === r means s was already a float32 (or an exact zero,
  // with IEEE sign rules); NaN s gives NaN o.
  const o = s + (s - r);
  if (Math.fround(o) !== o || o === r) return r;
  return fmaMidpoint(a * b, c, s, r, o);
}

/** Slow path: s = fl(p + c) sits on a float32 midpoint between r and o, or overflowed. */
function fmaMidpoint(p: number, c: number, s: number, r: number, o: number): number {
  // TwoSum (Knuth): err = (p + c) - s exactly.
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (r === Infinity || r === -Infinity) {
    // s finite but RN32 overflowed: only s == +-(2^128 - 2^103) can be a wrong tie, and an
    // exact value below it in magnitude rounds to +-FLT_MAX.
    if (s === OVERFLOW_MID && err < 0) return FLT_MAX;
    if (s === -OVERFLOW_MID && err > 0) return -FLT_MAX;
    return r;
  }
  if (err === 0) return r; // a genuine tie: fround already rounded it to even
  // Round toward the side the exact value lies on: o if it is on the err side of s.
  return (err > 0) === (o > s) ? o : r;
}

/** Veltkamp splitter 2^28 + 1: t - (t - s) rounds a double s to 53 - 28 = 25 significant bits. */
const SPLIT25 = 268435457;

/**
 * 1 if the double s has at most 25 significant bits, else 0. Only such an s can be a float32
 * rounding midpoint, so a double a*b + c (float32 a, b, c) that is not short rounds with one
 * fround to exactly fma32(a, b, c). Callers evaluate a chain of plain steps, or these flags
 * together, and redo the chain with fma32 only when a flag is set (rare).
 */
export function short25(s: number): number {
  const t = s * SPLIT25;
  return t - (t - s) === s ? 1 : 0;
}

/**
 * FMA Horner evaluation p = c[0]; p = fma32(p, x, c[i]) for i = 1.. (all float32), the form
 * XLA:CPU gives the erf / erf_inv / log1p polynomials (doc 4.4, 4.5).
 *
 * Fast path: plain fround(p*x + c) steps, which are exact unless some double sum lands on a
 * float32 midpoint. Every midpoint has at most 25 significant bits, so a branch-free flag
 * records any step whose sum is that short (Veltkamp split leaves it unchanged); only then is
 * the polynomial re-evaluated with the exact fma32. That is rare (a few in a million random
 * arguments), and the branch-free loop made erf32 about 2x faster in V8 than calling fma32.
 */
export function horner32(x: number, c: ArrayLike<number>): number {
  const n = c.length;
  let p = c[0] as number;
  let short = 0;
  for (let i = 1; i < n; i++) {
    const s = p * x + (c[i] as number);
    const t = s * SPLIT25;
    short |= t - (t - s) === s ? 1 : 0;
    p = Math.fround(s);
  }
  return short === 0 ? p : hornerExact(x, c);
}

/** horner32's rare slow path, kept separate so the fast loop stays small enough to inline. */
function hornerExact(x: number, c: ArrayLike<number>): number {
  let p = c[0] as number;
  for (let i = 1; i < c.length; i++) p = fma32(p, x, c[i] as number);
  return p;
}
