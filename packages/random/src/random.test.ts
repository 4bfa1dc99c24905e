import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jnp, type Array } from "@kiln/core";
import * as random from "./index.js";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../tests/reference/${name}`, import.meta.url), "utf8"));
const golden = read("jax-golden.json");
const known = read("jax-known-answers.json");

/** float32 bits of each value, so comparisons are exact (and NaN/-0 aware). */
const bits = (xs: ArrayLike<number>) => globalThis.Array.from(new Uint32Array(Float32Array.from(xs).buffer));
const flat = (x: unknown): number[] => (globalThis.Array.isArray(x) ? x.flatMap(flat) : [x as number]);
const expectBits = (a: Array, expected: unknown) => expect(bits(a.toTypedArray())).toEqual(bits(flat(expected)));
const words = (a: Array) => globalThis.Array.from(a.toTypedArray());

describe("keys, split, foldIn, bits: bit-exact with JAX", () => {
  it("key from seed (32-bit mode), published values", () => {
    for (const { seed, key } of known.key_from_seed_x32) expect(words(random.key(seed))).toEqual(key);
  });
  it("rejects a fractional or non-finite seed", () => {
    expect(() => random.key(1.5)).toThrow(/random.key: argument 'seed' must be an integer/);
    expect(() => random.key(NaN)).toThrow(/argument 'seed' must be a finite integer/);
  });
  it("bits, split, foldIn from published values", () => {
    for (const e of known.random_bits_u32) expect(words(random.bits(random.key(e.key_seed), e.shape))).toEqual(e.bits);
    for (const e of known.split) expect(random.split(random.key(e.key_seed), e.num).map(words)).toEqual(e.keys);
    for (const e of known.fold_in) expect(words(random.foldIn(random.key(e.key_seed), e.data))).toEqual(e.key);
  });
  for (const g of golden.random) {
    it(`real JAX, seed ${g.seed}: split, foldIn, bits, samplers`, () => {
      const k = random.key(g.seed);
      expect(words(k)).toEqual(g.key);
      expect(random.split(k, 3).map(words)).toEqual(g.split3);
      expect(words(random.foldIn(k, 7))).toEqual(g.fold_in_7);
      expect(words(random.bits(k, [5]))).toEqual(g.bits_5);
      expect(random.bits(k, [2, 3]).tolist()).toEqual(g.bits_2x3);
      expectBits(random.uniform(k, [5]), g.uniform_5);
      expectBits(random.uniform(k, [4], { minval: -3, maxval: 5 }), g["uniform_-3_5_4"]);
      expectBits(random.normal(k, [5]), g.normal_5);
      expectBits(random.normal(k, [2, 2]), g.normal_2x2);
      expectBits(random.truncatedNormal(k, -2, 2, [5]), g["truncated_normal_-2_2_5"]);
      expectBits(random.truncatedNormal(k, -1, 3, [3]), g["truncated_normal_-1_3_3"]);
      expect(random.bernoulli(k, 0.3, [8]).tolist()).toEqual(g["bernoulli_0.3_8"].map((b: number) => b === 1));
      expect(random.permutation(k, 6).tolist()).toEqual(g.permutation_6);
      expect(random.categorical(k, jnp.array([0, 1, 2], "float32"), { shape: [6] }).tolist()).toEqual(g["categorical_logits_[0,1,2]_6"]);
    });
  }
  it("split(key, n)[i] equals foldIn(key, i)", () => {
    const k = random.key(2024);
    random.split(k, 5).forEach((s, i) => expect(words(s)).toEqual(words(random.foldIn(k, i))));
  });
  it("uniform from published values; Flax's normal(Rngs(0).params(), (4,4))", () => {
    for (const e of known.uniform_f32) expectBits(random.uniform(random.key(e.key_seed), e.shape), e.values);
    const nnxNormal = known.flax_nnx.find((e: { what: string }) => e.what.startsWith("jax.random.normal"));
    expectBits(random.normal(random.foldIn(random.key(0), 0), [4, 4]), nnxNormal.values);
  });
});

describe("initializers: bit-exact with JAX", () => {
  const names: Record<string, () => random.initializers.Initializer> = {
    lecun_normal: () => random.initializers.lecunNormal(),
    lecun_uniform: () => random.initializers.lecunUniform(),
    glorot_normal: () => random.initializers.glorotNormal(),
    glorot_uniform: () => random.initializers.glorotUniform(),
    he_normal: () => random.initializers.heNormal(),
    he_uniform: () => random.initializers.heUniform(),
    "normal_0.02": () => random.initializers.normal(0.02),
    "uniform_0.1": () => random.initializers.uniform(0.1),
    "truncated_normal_0.5": () => random.initializers.truncatedNormal(0.5),
  };
  const { seed, shape, values } = golden.initializers;
  for (const [name, expected] of Object.entries(values)) {
    it(name, () => expectBits(names[name]!()(random.key(seed), shape), expected));
  }
  it("Flax Linear kernels: lecun_normal(fold_in(key(seed), 0), (in, out))", () => {
    for (const e of golden.linear_kernels) {
      expectBits(random.initializers.lecunNormal()(random.foldIn(random.key(e.seed), 0), [e.in, e.out]), e.kernel);
    }
  });
  it("computes fans as JAX does", () => {
    expect(random.initializers.computeFans([3, 4])).toEqual([3, 4]);
    expect(random.initializers.computeFans([3, 3, 8, 16])).toEqual([72, 144]);
    expect(() => random.initializers.computeFans([3])).toThrow(/rank >= 2/);
  });
});

describe("distribution sanity: moments of large samples", () => {
  const moments = (a: Array) => {
    const x = a.toTypedArray();
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v2 = 0;
    for (const v of x) v2 += (v - m) ** 2;
    return [m, v2 / x.length];
  };
  const k = random.key(7);
  const n = 200_000;
  it("uniform: mean 1/2, variance 1/12", () => {
    const [m, v] = moments(random.uniform(k, [n]));
    expect(Math.abs(m! - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(v! - 1 / 12)).toBeLessThan(0.002);
  });
  it("normal: mean 0, variance 1", () => {
    const [m, v] = moments(random.normal(k, [n]));
    expect(Math.abs(m!)).toBeLessThan(0.01);
    expect(Math.abs(v! - 1)).toBeLessThan(0.01);
  });
  it("truncatedNormal(-2, 2): mean 0, variance 0.7737 (= 0.87962566^2)", () => {
    const [m, v] = moments(random.truncatedNormal(k, -2, 2, [n]));
    expect(Math.abs(m!)).toBeLessThan(0.01);
    expect(Math.abs(v! - 0.87962566 ** 2)).toBeLessThan(0.01);
  });
  it("bernoulli(0.3): frequency 0.3", () => {
    const [m] = moments(jnp.astype(random.bernoulli(k, 0.3, [n]), "float32"));
    expect(Math.abs(m! - 0.3)).toBeLessThan(0.005);
  });
  it("categorical: frequencies follow softmax(logits)", () => {
    const logits = jnp.array([0, 1, 2], "float32");
    const samples = random.categorical(k, logits, { shape: [60_000] }).toTypedArray();
    const counts = [0, 0, 0];
    for (const s of samples) counts[s]!++;
    const z = 1 + Math.E + Math.E ** 2;
    [1 / z, Math.E / z, Math.E ** 2 / z].forEach((p, i) => expect(Math.abs(counts[i]! / samples.length - p)).toBeLessThan(0.01));
  });
  it("permutation: a permutation, each position uniform", () => {
    const p = random.permutation(k, 10).tolist() as number[];
    expect([...p].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
