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
  const p = a * b; // exact
  const s = p + c;
  const r = Math.fround(s);
  const d = s - r; // exact (Sterbenz); NaN when s or r is infinite
  if (d === 0) return r; // s already a float32 (also exact zeros, keeping IEEE sign rules)
  if (r === Infinity || r === -Infinity) {
    // s finite but rounds to +-inf: only s == +-(2^128 - 2^103) can be a wrong tie.
    return s === OVERFLOW_MID || s === -OVERFLOW_MID ? overflowMid(p, c, s, r) : r;
  }
  // s is a float32 midpoint iff its mirror image 2s - r across s is a float32 too.
  const o = s + d;
  if (Math.fround(o) !== o) return r; // not a midpoint (or NaN): fround was right
  // Midpoint: TwoSum (Knuth) error err = (p + c) - s, exact.
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (err === 0) return r; // a genuine tie: fround already rounded it to even
  // Round toward the side the exact value lies on: o if it is on the err side of s.
  return (err > 0) === (o > s) ? o : r;
}

/** s sits exactly on 2^128 - 2^103 (ties to infinity); an exact value below it is FLT_MAX. */
function overflowMid(p: number, c: number, s: number, r: number): number {
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (s > 0 ? err < 0 : err > 0) return s > 0 ? FLT_MAX : -FLT_MAX;
  return r;
}
