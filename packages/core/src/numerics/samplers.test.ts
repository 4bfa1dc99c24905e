import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  nextAfter32,
  normalFromBits,
  NORMAL_UNIFORM_LO,
  truncatedNormalFromBits,
  truncatedNormalParams,
  uniformFromBits,
} from "./samplers.js";
import { foldIn, keyFromSeed, randomBits32 } from "./threefry.js";

const ref = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../../tests/reference/${name}`, import.meta.url), "utf8"),
  ) as unknown;

type Nested = number | Nested[];
interface GoldenRandom {
  seed: number;
  [entry: string]: Nested;
}
interface Golden {
  random: GoldenRandom[];
  linear_kernels: { seed: number; in: number; out: number; kernel: number[][] }[];
  initializers: { seed: number; shape: number[]; values: Record<string, number[][]> };
}
interface KnownAnswers {
  uniform_f32: { key_seed: number; shape: number[]; values: number[] }[];
  flax_nnx: { what: string; values: number[][] }[];
}
const golden = ref("jax-golden.json") as Golden;
const kat = ref("jax-known-answers.json") as KnownAnswers;

const f = Math.fround;
const fb = new Float32Array(1);
const ub = new Uint32Array(fb.buffer);
const bitsOf = (v: number): number => ((fb[0] = v), ub[0] as number);
/** float32 bit patterns of a (nested) list of values, for exact comparison. */
const f32Bits = (v: Nested | Float32Array): number[] =>
  v instanceof Float32Array ? [...new Uint32Array(v.buffer)] : flatten(v).map((x) => bitsOf(f(x)));
const flatten = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flatten) : [v]);

const randBits = (key: [number, number], n: number): Uint32Array => {
  const b = new Uint32Array(n);
  randomBits32(key[0], key[1], b);
  return b;
};
type Sampler = (key: [number, number], n: number) => Float32Array;
const uniform = (lo: number, hi: number): Sampler => (key, n) => {
  const out = new Float32Array(n);
  uniformFromBits(randBits(key, n), lo, hi, out);
  return out;
};
const normal: Sampler = (key, n) => {
  const out = new Float32Array(n);
  normalFromBits(randBits(key, n), out);
  return out;
};
const truncNormal = (lo: number, hi: number): Sampler => (key, n) => {
  const out = new Float32Array(n);
  truncatedNormalFromBits(randBits(key, n), lo, hi, out);
  return out;
};
/** Eager `x * s` in float32 (separate XLA op: a plain rounded multiply). */
const scale = (a: Float32Array, s: number): Float32Array => a.map((v) => f(v * f(s)));

describe("sampler constants", () => {
  it("derive the documented float32 values", () => {
    expect(NORMAL_UNIFORM_LO).toBe(f(-0.99999994));
    expect(nextAfter32(-1, 0)).toBe(NORMAL_UNIFORM_LO);
    const p = truncatedNormalParams(-2, 2);
    expect(bitsOf(p.a)).toBe(0xbf745a18); // erf(-2 / sqrt2) = -0.9544997 (doc 4.3)
    expect(p.range).toBe(f(2 * -p.a));
    expect(p.lo).toBe(nextAfter32(-2, Infinity));
    expect(p.hi).toBe(f(1.9999999));
    expect(nextAfter32(0, -1)).toBe(-(2 ** -149));
    expect(Object.is(nextAfter32(-(2 ** -149), 1), -0)).toBe(true);
  });
});

describe("jax-golden random section", () => {
  // Every entry expressible with these kernels; permutation_6 and categorical_* need
  // sort/argmax machinery and are not sampler kernels.
  const cases: [string, number, Sampler][] = [
    ["uniform_5", 5, uniform(0, 1)],
    ["uniform_-3_5_4", 4, uniform(-3, 5)],
    ["normal_5", 5, normal],
    ["normal_2x2", 4, normal],
    ["truncated_normal_-2_2_5", 5, truncNormal(-2, 2)],
    ["truncated_normal_-1_3_3", 3, truncNormal(-1, 3)],
  ];
  for (const [name, n, sample] of cases) {
    it(`${name} is bit-exact for all seeds`, () => {
      expect(golden.random).toHaveLength(6);
      for (const g of golden.random) {
        const want = g[name];
        if (want === undefined) throw new Error(`missing ${name}`);
        expect(f32Bits(sample(keyFromSeed(g.seed), n))).toEqual(f32Bits(want));
      }
    });
  }

  it("bernoulli_0.3_8 (= uniform < p) is exact for all seeds", () => {
    for (const g of golden.random) {
      const u = uniform(0, 1)(keyFromSeed(g.seed), 8);
      expect([...u].map((v) => (v < f(0.3) ? 1 : 0))).toEqual(g["bernoulli_0.3_8"]);
    }
  });
});

describe("published known answers", () => {
  it("uniform(key(51), (4,))", () => {
    const [c] = kat.uniform_f32;
    if (!c) throw new Error("missing uniform_f32");
    expect(f32Bits(uniform(0, 1)(keyFromSeed(c.key_seed), 4))).toEqual(f32Bits(c.values));
  });

  it("flax_nnx normal(fold_in(key(0), 0), (4, 4))", () => {
    const entry = kat.flax_nnx.find((e) => e.what.startsWith("jax.random.normal("));
    if (!entry) throw new Error("missing flax_nnx normal entry");
    expect(f32Bits(normal(foldIn(0, 0, 0), 16))).toEqual(f32Bits(entry.values));
  });

  // The next docstring values were printed by numpy with at most 8 fractional digits
  // (floatmode "maxprec"), which does not always identify a float32 uniquely, so these compare
  // the exact numpy rendering of our float32 result with the published text.
  it("flax_nnx Embed(5, 3) embedding = normal(fold_in(key(0), 0)) * sqrt(f32(1/3))", () => {
    const entry = kat.flax_nnx.find((e) => e.what.startsWith("nnx.Embed("));
    if (!entry) throw new Error("missing flax_nnx Embed entry");
    const got = scale(normal(foldIn(0, 0, 0), 15), f(Math.sqrt(f(1 / 3))));
    expect([...got].map(numpyPrint)).toEqual(entry.values.flat());
  });

  it("flax_nnx Linear(3, 4) on ones((1, 3)) = column sums of the lecun_normal kernel", () => {
    const entry = kat.flax_nnx.find((e) => e.what.startsWith("nnx.Linear(3, 4"));
    if (!entry) throw new Error("missing flax_nnx Linear entry");
    const w = scale(truncNormal(-2, 2)(foldIn(0, 0, 0), 12), truncStddev(1 / 3));
    const sums = [0, 1, 2, 3].map((j) => f(f((w[j] as number) + (w[4 + j] as number)) + (w[8 + j] as number)));
    expect(sums.map(numpyPrint)).toEqual(entry.values.flat());
  });

  it("ones((1, 2)) @ uniform(Rngs(params=0).params(), (2, 5))", () => {
    const entry = kat.flax_nnx.find((e) => e.what.startsWith("jnp.ones((1,2))"));
    if (!entry) throw new Error("missing flax_nnx uniform entry");
    const u = uniform(0, 1)(foldIn(0, 0, 0), 10);
    const sums = [0, 1, 2, 3, 4].map((j) => f((u[j] as number) + (u[5 + j] as number)));
    expect(sums.map(numpyPrint)).toEqual(entry.values.flat());
  });
});

/** numpy's default array print of a float32 (shortest repr, at most 8 fractional digits). */
function numpyPrint(v: number): number {
  let p = 1;
  while (f(Number(v.toPrecision(p))) !== v) p++;
  const s = v.toPrecision(p);
  const frac = /\.(\d+)/.exec(Number(s).toString())?.[1]?.length ?? 0;
  return Number(frac > 8 ? v.toFixed(8) : s);
}

/** lecun_normal / variance_scaling stddev, evaluated eagerly in float32 (doc section 6). */
const truncStddev = (variance: number): number =>
  f(f(Math.sqrt(f(variance))) / f(0.87962566103423978));

describe("nnx.Linear lecun_normal kernel (doc section 6)", () => {
  it("reproduces the documented stddev values", () => {
    const want = [1.1368473, 0.80387235, 0.656359, 0.5684236, 0.40193617];
    [1, 2, 3, 4, 8].forEach((fanIn, i) =>
      expect(bitsOf(truncStddev(1 / fanIn))).toBe(bitsOf(f(want[i] as number))),
    );
  });

  it("kernel = f32(truncated_normal(fold_in(key(seed), 0), -2, 2, (in, out)) * stddev)", () => {
    expect(golden.linear_kernels).toHaveLength(5);
    for (const { seed, in: fanIn, out, kernel } of golden.linear_kernels) {
      const [k0, k1] = keyFromSeed(seed);
      const tn = truncNormal(-2, 2)(foldIn(k0, k1, 0), fanIn * out);
      const got = tn.map((v) => f(v * truncStddev(1 / fanIn)));
      expect(f32Bits(got)).toEqual(f32Bits(kernel));
    }
  });
});

describe("jax.nn.initializers on key(3), shape (3, 4)", () => {
  const { seed, shape, values } = golden.initializers;
  const key = keyFromSeed(seed);
  const n = (shape[0] as number) * (shape[1] as number);
  const fanIn = shape[0] as number;
  const fanAvg = (fanIn + (shape[1] as number)) / 2;
  // variance_scaling: variance = f32(scale / fan); normal * sqrt(v); uniform(-1, 1) * sqrt(3v).
  const cases: [string, () => Float32Array][] = [
    ["lecun_normal", () => scale(truncNormal(-2, 2)(key, n), truncStddev(1 / fanIn))],
    ["glorot_normal", () => scale(truncNormal(-2, 2)(key, n), truncStddev(1 / fanAvg))],
    ["he_normal", () => scale(truncNormal(-2, 2)(key, n), truncStddev(2 / fanIn))],
    ["lecun_uniform", () => scale(uniform(-1, 1)(key, n), f(Math.sqrt(f(3 * f(1 / fanIn)))))],
    ["glorot_uniform", () => scale(uniform(-1, 1)(key, n), f(Math.sqrt(f(3 * f(1 / fanAvg)))))],
    ["he_uniform", () => scale(uniform(-1, 1)(key, n), f(Math.sqrt(f(3 * f(2 / fanIn)))))],
    ["normal_0.02", () => scale(normal(key, n), 0.02)],
    ["uniform_0.1", () => scale(uniform(0, 1)(key, n), 0.1)],
    ["truncated_normal_0.5", () => scale(truncNormal(-2, 2)(key, n), 0.5)],
  ];
  for (const [name, compute] of cases) {
    it(`${name} is bit-exact`, () => {
      const want = values[name];
      if (!want) throw new Error(`missing initializer ${name}`);
      expect(f32Bits(compute())).toEqual(f32Bits(want));
    });
  }
});
