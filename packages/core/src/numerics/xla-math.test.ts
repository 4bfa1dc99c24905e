import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { erfc32, log1p32 } from "./erf32.js";
import { exp32, expm132, log32, logistic32 } from "./exp-log32.js";
import { fma32 } from "./fma32.js";
import { tanh32 } from "./tanh32.js";

/**
 * exp, expm1, log, log1p, tanh, logistic and erfc against real JAX 0.10.2 on XLA:CPU
 * (tests/reference/kiln-golden.json, written by tools/gen_golden.py): bit for bit, with float32
 * subnormal results compared flushed to zero as XLA:CPU leaves them. The algorithms were verified
 * offline on hundreds of millions of inputs (docs/numerics.md); this pins them.
 */
type F = number | "NaN" | "Infinity" | "-Infinity";
const golden = JSON.parse(
  readFileSync(new URL("../../../../tests/reference/kiln-golden.json", import.meta.url), "utf8"),
) as {
  xla_math: { x: F[]; y: Record<string, F[]> };
  elementwise: { x: F[]; lax: Record<string, F[]> };
};
const num = (v: F): number => (typeof v === "number" ? v : Number(v));
const fb = new Float32Array(1);
const ub = new Uint32Array(fb.buffer);
const bitsOf = (v: number): number => ((fb[0] = v), ub[0] as number);
const ftz = (v: number): number => (Math.abs(v) < 2 ** -126 ? 0 : v);
const same = (a: number, b: number): boolean => (a !== a && b !== b) || bitsOf(ftz(a)) === bitsOf(ftz(b)) || (a !== 0 && ftz(a) === 0 && b === 0);

const fns: Record<string, (x: number) => number> = {
  exp: exp32, expm1: expm132, log: log32, log1p: log1p32, tanh: tanh32, logistic: logistic32, erfc: erfc32,
};

describe("XLA:CPU float32 exp, expm1, log, log1p, tanh, logistic, erfc", () => {
  for (const [name, fn] of Object.entries(fns)) {
    it(`${name} equals JAX bit for bit on the golden points`, () => {
      const sets = [golden.xla_math.x, golden.elementwise.x].map((xs, k) => ({
        xs: xs.map(num), ys: (k === 0 ? golden.xla_math.y : golden.elementwise.lax)[name]!.map(num),
      }));
      let checked = 0;
      const bad: string[] = [];
      for (const { xs, ys } of sets) {
        xs.forEach((x, i) => {
          const got = fn(x);
          checked++;
          if (!same(got, ys[i]!)) bad.push(`x=${x}: kiln ${got}, jax ${ys[i]}`);
        });
      }
      expect(bad).toEqual([]);
      expect(checked).toBe(512 + golden.elementwise.x.length);
    });
  }

  it("the fast paths (double steps + midpoint flags) equal the algorithms written with fma32 only", () => {
    const c = (...v: number[]): number[] => v.map(Math.fround);
    const E = c(1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1);
    const L = c(7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
      -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1);
    const horner = (x: number, k: number[]) => k.slice(1).reduce((p, ci) => fma32(p, x, ci), k[0]!);
    const expRef = (x: number): number => {
      x = Math.min(Math.max(x, Math.fround(-87.8)), Math.fround(88.8));
      const n = Math.min(Math.max(Math.floor(fma32(x, Math.fround(Math.LOG2E), 0.5)), -127), 127);
      const a = fma32(-n, Math.fround(-2.12194440e-4), fma32(-n, 0.693359375, x));
      const z = Math.fround(fma32(horner(a, E), Math.fround(a * a), a) + 1);
      return n === -127 ? 0 : Math.fround(z * 2 ** n);
    };
    const logRef = (x: number): number => {
      let e = Math.floor(Math.log2(x)) + 1;
      let m = x / 2 ** e;
      if (m >= 1) [m, e] = [m / 2, e + 1]; // log2 rounding near powers of two
      if (m < 0.5) [m, e] = [m * 2, e - 1];
      const t = m < Math.fround(Math.SQRT1_2) ? ((e -= 1), 2 * m - 1) : m - 1;
      const t2 = Math.fround(t * t);
      const t3 = Math.fround(t2 * t);
      let y = fma32(horner(t, L.slice(0, 3)), t3, horner(t, L.slice(3, 6)));
      y = fma32(y, t3, horner(t, L.slice(6)));
      y = fma32(y, t3, Math.fround(e * Math.fround(-2.12194440e-4)));
      return fma32(e, 0.693359375, Math.fround(fma32(-0.5, t2, t) + y));
    };
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const bad: string[] = [];
    for (let i = 0; i < 200000; i++) {
      const x = Math.fround(i < 100000 ? 0.5 + i / 66666.5 : (rnd() - 0.5) * 2 ** (rnd() * 60 - 30));
      const xe = Math.fround(x * 60);
      if (!Object.is(exp32(xe), expRef(xe))) bad.push(`exp(${xe})`);
      const ax = Math.abs(x);
      if (ax > 1e-30 && !Object.is(log32(ax), logRef(ax))) bad.push(`log(${ax})`);
    }
    // inputs whose fast path is flagged, so the exact fallback runs
    for (const x of [-64, -32, 1, 0.5, 2, 4, 1024, 2 ** -100, Math.fround(1 + 2 ** -23)]) {
      if (!Object.is(exp32(x), expRef(x))) bad.push(`exp(${x})`);
      if (!Object.is(log32(x), logRef(x))) bad.push(`log(${x})`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("exp: clamps, overflow, n = -127 and NaN", () => {
    expect(exp32(0)).toBe(1);
    expect(exp32(-0)).toBe(1);
    expect(exp32(Infinity)).toBe(Infinity);
    expect(exp32(88.8)).toBe(Infinity);
    expect(exp32(-Infinity)).toBe(0);
    expect(exp32(-88)).toBe(0); // n = floor(-126.5...) = -127: 2^n is built as 0
    expect(exp32(NaN)).toBeNaN();
    expect(exp32(Math.fround(88.7))).toBeLessThan(3.5e38);
  });

  it("log: special values, log(1) = +0, and subnormals (not flushed in kiln)", () => {
    expect(Object.is(log32(1), 0)).toBe(true);
    expect(log32(0)).toBe(-Infinity);
    expect(log32(-0)).toBe(-Infinity);
    expect(log32(-1)).toBeNaN();
    expect(log32(NaN)).toBeNaN();
    expect(log32(Infinity)).toBe(Infinity);
    expect(log32(-Infinity)).toBeNaN();
    expect(log32(2 ** -126)).toBe(Math.fround(-126 * Math.LN2));
    expect(log32(1e-40)).toBe(Math.fround(Math.log(1e-40)));
  });

  it("tanh: small-argument cut, clamp to +-1 and saturation", () => {
    expect(Object.is(tanh32(-0), -0)).toBe(true);
    expect(tanh32(Math.fround(3e-4))).toBe(Math.fround(3e-4));
    expect(tanh32(7.99881172180175781)).toBe(1);
    expect(tanh32(-10)).toBe(-1);
    expect(tanh32(-Infinity)).toBe(-1);
    expect(tanh32(NaN)).toBeNaN();
  });

  it("expm1, logistic and erfc: signed zeros, infinities, NaN", () => {
    expect(Object.is(expm132(-0), -0)).toBe(true);
    expect(expm132(-Infinity)).toBe(-1);
    expect(expm132(Infinity)).toBe(Infinity);
    expect(expm132(NaN)).toBeNaN();
    expect(logistic32(Infinity)).toBe(1);
    expect(logistic32(-Infinity)).toBe(0);
    expect(logistic32(0)).toBe(0.5);
    expect(erfc32(0)).toBe(1);
    expect(erfc32(Infinity)).toBe(0);
    expect(erfc32(-Infinity)).toBe(2);
    expect(erfc32(10)).toBe(0); // x^2 > maxlog
    expect(erfc32(NaN)).toBeNaN();
  });
});
