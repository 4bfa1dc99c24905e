import { describe, expect, it } from "vitest";
import { fma32, horner32 } from "./fma32.js";

const f = Math.fround;
const fb = new Float32Array(1);
const ub = new Uint32Array(fb.buffer);
const bitsOf = (v: number): number => ((fb[0] = v), ub[0] as number);
const fromBits = (u: number): number => ((ub[0] = u >>> 0), fb[0] as number);

// Deterministic xorshift32 so failures are reproducible.
let state = 0x9e3779b9;
function rnd(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
const rndFloat = (): number => {
  for (;;) {
    const v = fromBits(rnd());
    if (Number.isFinite(v)) return v;
  }
};
/** Random float32 with exponent in [lo, hi] (unbiased) and random sign/mantissa. */
function rndExp(lo: number, hi: number): number {
  const e = lo + (rnd() % (hi - lo + 1));
  return f((rnd() & 1 ? -1 : 1) * (1 + (rnd() & 0x7fffff) * 2 ** -23) * 2 ** e);
}

/** Exact float32 as m * 2^e with BigInt m (finite, nonzero). */
function decompose(v: number): [bigint, number] {
  const u = bitsOf(v);
  const exp = (u >>> 23) & 0xff;
  const man = u & 0x7fffff;
  const m = BigInt(exp === 0 ? man : man | 0x800000) * (u >>> 31 ? -1n : 1n);
  return [m, (exp === 0 ? 1 : exp) - 150];
}

/** Reference RN32(a*b + c) with exact rational (BigInt) arithmetic, ties to even. */
function fmaRef(a: number, b: number, c: number): number {
  const p = a * b; // exact; used for non-finite and exact-zero sign rules
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return f(p + c);
  if (p === 0 || c === 0) return f(p + c); // exact in double (one operand is zero)
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const SH = 400; // everything as integer multiple of 2^-400
  const X = ((ma * mb) << BigInt(ea + eb + SH)) + (mc << BigInt(ec + SH));
  if (X === 0n) return 0; // exact cancellation of nonzero terms: +0 in round-to-nearest
  const neg = X < 0n;
  const ax = neg ? -X : X;
  const top = ax.toString(2).length - 1 - SH; // exponent of the leading bit
  const q = Math.max(top - 23, -149); // float32 quantum exponent
  const shift = BigInt(q + SH);
  let m = ax >> shift;
  const rem = ax - (m << shift);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  const mag = Number(m) * 2 ** q;
  const r = mag >= 2 ** 128 ? Infinity : mag;
  return neg ? -r : r;
}

function expectSame(a: number, b: number, c: number): void {
  const got = fma32(a, b, c);
  const want = fmaRef(a, b, c);
  if (bitsOf(got) !== bitsOf(want) && !(Number.isNaN(got) && Number.isNaN(want))) {
    throw new Error(`fma32(${a}, ${b}, ${c}) = ${got}, expected ${want}`);
  }
}

/** Pick c so that a*b + c lands (in double) on or next to a float32 midpoint. */
function midpointCase(): [number, number, number] | null {
  const a = rndExp(-20, 20);
  const b = rndExp(-20, 20);
  const p = a * b;
  const r = f(p);
  // Candidate midpoints on either side of r, and a nearby binade-crossing one.
  const ulp = Math.abs(f(r + r * 2 ** -23 * (p > r ? 1 : -1)) - r);
  const mid = r + ((rnd() & 1 ? 1 : -1) * ulp) / 2;
  const c0 = f(mid - p);
  if (!Number.isFinite(c0)) return null;
  const k = (rnd() % 5) - 2; // perturb c by a few ulps to straddle the midpoint
  const c = k === 0 || c0 === 0 ? c0 : f(c0 + k * Math.abs(c0) * 2 ** -23);
  return [a, b, c];
}

describe("fma32", () => {
  it("matches the exact BigInt reference on random float32 triples (all exponents)", () => {
    for (let i = 0; i < 20000; i++) expectSame(rndFloat(), rndFloat(), rndFloat());
  });

  it("matches on triples with nearby magnitudes (cancellation, subnormals)", () => {
    for (let i = 0; i < 40000; i++) {
      const e = (rnd() % 260) - 140;
      const a = rndExp(e >> 1, (e >> 1) + 2);
      const b = rndExp(e - (e >> 1) - 2, e - (e >> 1));
      const c = rndExp(e - 30, e + 2) * (rnd() & 1 ? 1 : -1);
      expectSame(a, b, f(c));
      expectSame(a, b, f(-a * b)); // massive cancellation
    }
  });

  it("handles constructed double-rounding midpoints", () => {
    let landed = 0;
    let wrongNaive = 0;
    for (let i = 0; i < 100000; i++) {
      const t = midpointCase();
      if (!t) continue;
      const [a, b, c] = t;
      const s = a * b + c;
      const r = f(s);
      if (s !== r && f(2 * s - r) === 2 * s - r) {
        landed++;
        if (bitsOf(r) !== bitsOf(fmaRef(a, b, c))) wrongNaive++;
      }
      expectSame(a, b, c);
    }
    // The construction must really exercise the midpoint path, including cases where a
    // plain fround(a*b + c) is wrong.
    expect(landed).toBeGreaterThan(1000);
    expect(wrongNaive).toBeGreaterThan(100);
  });

  it("fixes the textbook double-rounding case 16777217 +- 2^-40", () => {
    // 24929 * 673 = 2^24 + 1, a float32 midpoint; fround(s) would tie to even (2^24).
    expect(fma32(24929, 673, 2 ** -40)).toBe(16777218);
    expect(fma32(24929, 673, -(2 ** -40))).toBe(16777216);
    expect(fma32(24929, 673, 0)).toBe(16777216); // genuine tie: to even
    expect(fma32(-24929, 673, 2 ** -40)).toBe(-16777216);
    // Midpoint between subnormals / at the underflow boundary.
    expect(fma32(2 ** -75, 2 ** -75, 2 ** -149 + 2 ** -149)).toBe(2 ** -148);
    expectSame(2 ** -75, 2 ** -75, -(2 ** -149));
    expectSame(f(1 + 2 ** -23) * 2 ** -75, 2 ** -75, 0);
  });

  it("rounds near overflow correctly", () => {
    const max = fromBits(0x7f7fffff);
    // 18631 * 1801 = 2^25 - 1, so a*b is exactly the overflow midpoint 2^128 - 2^103; a tiny
    // c leaves the double sum on it, and only the TwoSum error decides Inf vs FLT_MAX.
    const a = 18631 * 2 ** 52;
    const b = 1801 * 2 ** 51;
    expect(a * b).toBe(2 ** 128 - 2 ** 103);
    expect(fma32(a, b, 2 ** 50)).toBe(Infinity);
    expect(fma32(a, b, -(2 ** 50))).toBe(max);
    expect(fma32(-a, b, 2 ** 50)).toBe(-max);
    expect(fma32(-a, b, -(2 ** 50))).toBe(-Infinity);
    expect(fma32(a, b, 0)).toBe(Infinity); // genuine tie: to even (infinity)
    for (const c of [2 ** 50, -(2 ** 50), 0, 2 ** 103, -(2 ** 103)]) expectSame(a, b, c);
    expect(fma32(max, 1, fromBits(0x73000000))).toBe(Infinity); // + half ulp: ties away
    expect(fma32(max, 1, f(2 ** 103 - 2 ** 80))).toBe(max);
    expect(fma32(max, 2, -max)).toBe(max);
    expect(fma32(-max, 2, max)).toBe(-max);
    expect(fma32(max, 2, 0)).toBe(Infinity);
    expect(fma32(-max, 2, 0)).toBe(-Infinity);
  });

  it("follows IEEE rules for NaN, infinities and signed zeros", () => {
    expect(fma32(NaN, 1, 1)).toBeNaN();
    expect(fma32(Infinity, 0, 1)).toBeNaN();
    expect(fma32(Infinity, 1, -Infinity)).toBeNaN();
    expect(fma32(Infinity, -2, 5)).toBe(-Infinity);
    expect(fma32(3, 4, Infinity)).toBe(Infinity);
    expect(Object.is(fma32(0, 5, 0), 0)).toBe(true);
    expect(Object.is(fma32(-0, 5, -0), -0)).toBe(true);
    expect(Object.is(fma32(-0, 5, 0), 0)).toBe(true);
    expect(Object.is(fma32(2, 3, -6), 0)).toBe(true);
    expect(Object.is(fma32(-(2 ** -100), 2 ** -100, 0), -0)).toBe(true); // underflow keeps sign
    expect(Object.is(fma32(2 ** -100, 2 ** -100, -0), 0)).toBe(true);
  });

  it("horner32 equals a chain of exact fma32 steps, including midpoint-hitting chains", () => {
    const chain = (x: number, c: number[]): number => {
      let p = c[0] as number;
      for (let i = 1; i < c.length; i++) p = fma32(p, x, c[i] as number);
      return p;
    };
    for (let i = 0; i < 20000; i++) {
      const x = rndExp(-4, 2);
      const c = Array.from({ length: 2 + (rnd() % 8) }, () => rndExp(-12, 4));
      expect(bitsOf(horner32(x, c))).toBe(bitsOf(chain(x, c)));
    }
    // 24929 * 673 = 2^24 + 1: the first step's double sum sits on a float32 midpoint.
    for (const c of [[24929, 2 ** -40], [24929, -(2 ** -40)], [24929, 2 ** -40, 3, 1], [24929, 0]]) {
      expect(bitsOf(horner32(673, c))).toBe(bitsOf(chain(673, c)));
    }
    expect(horner32(673, [24929, 2 ** -40])).toBe(16777218);
    expect(horner32(673, new Float64Array([24929, -(2 ** -40)]))).toBe(16777216);
    expect(horner32(2, [5])).toBe(5);
    expect(horner32(NaN, [1, 2])).toBeNaN();
  });
});
