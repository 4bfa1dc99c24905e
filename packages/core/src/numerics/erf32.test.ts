import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { erf32, erfInv32, log1p32 } from "./erf32.js";
import { log32 } from "./exp-log32.js";

const ref = (name: string): string =>
  readFileSync(new URL(`../../../../tests/reference/${name}`, import.meta.url), "utf8");

const fb = new Float32Array(1);
const ub = new Uint32Array(fb.buffer);
const bitsOf = (v: number): number => ((fb[0] = v), ub[0] as number);

/** The @inputs and @expected 20x20 f32 constants (hex, little-endian) of a StableHLO test. */
function mlirVectors(name: string): { x: Float32Array; want: Float32Array } {
  const text = ref(name);
  const body = (fn: string): Float32Array => {
    const start = text.indexOf(`func.func private @${fn}()`);
    const m = /dense<"0x([0-9A-Fa-f]+)">/.exec(text.slice(start));
    if (start < 0 || !m) throw new Error(`no @${fn} constant in ${name}`);
    const hex = m[1] as string;
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return new Float32Array(bytes.buffer);
  };
  const x = body("inputs");
  const want = body("expected");
  expect(x.length).toBe(400);
  expect(want.length).toBe(400);
  return { x, want };
}

interface Tally { exact: number; nanBoth: number; mismatches: string[] }

function tally(x: Float32Array, want: Float32Array, fn: (v: number) => number): Tally {
  const t: Tally = { exact: 0, nanBoth: 0, mismatches: [] };
  for (let i = 0; i < x.length; i++) {
    const got = fn(x[i] as number);
    const w = want[i] as number;
    // Expected NaNs are stored as 0x7FFFFFFF; JS only has one observable NaN class, so a NaN
    // result is counted separately (payloads are not part of the contract).
    if (Number.isNaN(w) && Number.isNaN(got)) t.nanBoth++;
    else if (bitsOf(got) === bitsOf(w)) t.exact++;
    else t.mismatches.push(`x=${x[i]}: got ${got} (0x${bitsOf(got).toString(16)}), want ${w}`);
  }
  return t;
}

const golden = JSON.parse(ref("jax-golden.json")) as {
  erf: { x: number[]; erf: number[]; u: number[]; erf_inv: number[] };
};

describe("erf32", () => {
  it("is bit-exact on all 400 StableHLO erf_float32_20_20 vectors", () => {
    const { x, want } = mlirVectors("erf_float32_20_20_chlo.mlir");
    const t = tally(x, want, erf32);
    expect(t.mismatches).toEqual([]);
    expect(t.exact).toBe(400);
  });

  it("matches jax-golden erf values bit for bit", () => {
    const { x, erf } = golden.erf;
    expect(x.length).toBe(33);
    x.forEach((v, i) => expect(bitsOf(erf32(Math.fround(v)))).toBe(bitsOf(erf[i] as number)));
  });

  it("handles the clamp, signed zeros and NaN", () => {
    expect(erf32(3.832506856900711)).toBe(1);
    expect(erf32(-100)).toBe(-1);
    expect(erf32(Infinity)).toBe(1);
    expect(erf32(-Infinity)).toBe(-1);
    expect(Object.is(erf32(-0), -0)).toBe(true);
    expect(Object.is(erf32(0), 0)).toBe(true);
    expect(erf32(NaN)).toBeNaN();
  });
});

describe("erfInv32", () => {
  it("is bit-exact on every finite StableHLO erf_inv_float32_20_20 vector", () => {
    const { x, want } = mlirVectors("erf_inv_float32_20_20_chlo.mlir");
    const t = tally(x, want, erfInv32);
    expect(t.mismatches).toEqual([]);
    // 104 inputs lie in [-1, 1] and have finite expected outputs, all bit-exact; the other
    // 296 are outside [-1, 1] where JAX (and erfInv32) return NaN.
    expect(t.exact).toBe(104);
    expect(t.nanBoth).toBe(296);
    let rational = 0;
    let logBranch = 0;
    for (const v of x) {
      const arg = Math.fround(v * -v);
      if (Math.abs(v) <= 1) {
        if (Math.abs(arg) < Math.fround(0.41421356237309503)) rational++;
        else logBranch++;
      }
    }
    // Both log1p branches are exercised by the vectors.
    expect(rational).toBeGreaterThan(0);
    expect(logBranch).toBeGreaterThan(0);
  });

  it("matches jax-golden erf_inv values bit for bit", () => {
    const { u, erf_inv } = golden.erf;
    expect(u.length).toBe(33);
    u.forEach((v, i) => expect(bitsOf(erfInv32(Math.fround(v)))).toBe(bitsOf(erf_inv[i] as number)));
  });

  it("handles +-1, zero and out-of-range inputs", () => {
    expect(erfInv32(1)).toBe(Infinity);
    expect(erfInv32(-1)).toBe(-Infinity);
    expect(Object.is(erfInv32(0), 0)).toBe(true);
    expect(Object.is(erfInv32(-0), -0)).toBe(true);
    expect(erfInv32(1.5)).toBeNaN();
    expect(erfInv32(NaN)).toBeNaN();
  });
});

describe("log1p32", () => {
  it("handles special values", () => {
    expect(Object.is(log1p32(0), 0)).toBe(true);
    expect(Object.is(log1p32(-0), -0)).toBe(true);
    expect(log1p32(-1)).toBe(-Infinity);
    expect(log1p32(-2)).toBeNaN();
    expect(log1p32(Infinity)).toBe(Infinity);
    expect(log1p32(NaN)).toBeNaN();
  });

  it("uses XLA's logf of 1 + x outside |x| < sqrt(2) - 1", () => {
    for (const x of [0.5, -0.5, 0.75, 3, -0.9, 1e10]) {
      const v = Math.fround(x);
      expect(bitsOf(log1p32(v))).toBe(bitsOf(log32(Math.fround(1 + v))));
    }
  });

  it("keeps tiny arguments exact (log1p(x) = x for |x| < 2^-25)", () => {
    for (const x of [2 ** -30, -(2 ** -30), 1e-20, -3e-38]) {
      const v = Math.fround(x);
      expect(bitsOf(log1p32(v))).toBe(bitsOf(v));
    }
  });
});
