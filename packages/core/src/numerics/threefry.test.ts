import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  foldIn,
  keyFromSeed,
  randomBits32,
  randomBits32Legacy,
  splitKeys,
  splitKeysLegacy,
  threefry2x32,
  threefry2x32Into,
} from "./threefry.js";

const ref = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../../tests/reference/${name}`, import.meta.url), "utf8"),
  ) as unknown;

interface KnownAnswers {
  threefry2x32: { key: number[]; count: number[]; out: number[] }[];
  key_from_seed_x32: { seed: number; key: number[] }[];
  random_bits_u32: { key_seed: number; shape: number[]; bits: number[] }[];
  split: { key_seed: number; num: number; keys: number[][] }[];
  fold_in: { key_seed: number; data: number; key: number[] }[];
}
interface GoldenRandom {
  seed: number;
  key: number[];
  split3: number[][];
  fold_in_7: number[];
  bits_5: number[];
  bits_2x3: number[][];
}

const kat = ref("jax-known-answers.json") as KnownAnswers;
const golden = (ref("jax-golden.json") as { random: GoldenRandom[] }).random;

const bits = (seed: number, n: number): number[] => {
  const [k0, k1] = keyFromSeed(seed);
  const out = new Uint32Array(n);
  randomBits32(k0, k1, out);
  return [...out];
};
const split = (k: [number, number], n: number): number[][] => {
  const out = new Uint32Array(2 * n);
  splitKeys(k[0], k[1], n, out);
  return Array.from({ length: n }, (_, i) => [out[2 * i] as number, out[2 * i + 1] as number]);
};

describe("threefry2x32", () => {
  it("reproduces the 3 Random123 known-answer vectors", () => {
    expect(kat.threefry2x32).toHaveLength(3);
    for (const { key, count, out } of kat.threefry2x32) {
      const [k0, k1, x0, x1] = [...key, ...count] as [number, number, number, number];
      expect(threefry2x32(k0, k1, x0, x1)).toEqual(out);
      const buf = new Uint32Array(4);
      threefry2x32Into(k0, k1, x0, x1, buf, 1);
      expect([...buf]).toEqual([0, ...out, 0]);
    }
  });
});

describe("keyFromSeed (X32 mode)", () => {
  it("matches every published key_from_seed case", () => {
    expect(kat.key_from_seed_x32).toHaveLength(6);
    for (const { seed, key } of kat.key_from_seed_x32) expect(keyFromSeed(seed)).toEqual(key);
  });

  it("matches the jax-golden keys and wraps mod 2^32 for number and bigint", () => {
    for (const g of golden) expect(keyFromSeed(g.seed)).toEqual(g.key);
    expect(keyFromSeed(2 ** 32 + 5)).toEqual([0, 5]);
    expect(keyFromSeed(-(2 ** 63))).toEqual([0, 0]);
    expect(keyFromSeed((1n << 63n) - 1n)).toEqual([0, 0xffffffff]);
    expect(keyFromSeed(-(1n << 63n))).toEqual([0, 0]);
    expect(keyFromSeed(-1n)).toEqual([0, 0xffffffff]);
    expect(keyFromSeed(-0)).toEqual([0, 0]);
  });

  it("rejects non-integers and seeds outside [-2^63, 2^63) with a RangeError", () => {
    for (const bad of [0.5, NaN, Infinity, 2 ** 63, -(2 ** 64), 1n << 63n, -(1n << 63n) - 1n]) {
      expect(() => keyFromSeed(bad)).toThrow(RangeError);
      expect(() => keyFromSeed(bad)).toThrow(/seed/);
    }
  });
});

describe("random_bits (partitionable)", () => {
  it("matches the published random_bits_u32 values", () => {
    for (const { key_seed, shape, bits: want } of kat.random_bits_u32) {
      const n = shape.reduce((a, b) => a * b, 1);
      expect(bits(key_seed, n)).toEqual(want);
    }
  });

  it("matches jax-golden bits_5 and bits_2x3 for every seed", () => {
    expect(golden).toHaveLength(6);
    for (const g of golden) {
      expect(bits(g.seed, 5)).toEqual(g.bits_5);
      expect(bits(g.seed, 6)).toEqual(g.bits_2x3.flat());
    }
  });
});

describe("split and fold_in", () => {
  it("matches the published split and fold_in values", () => {
    for (const { key_seed, num, keys } of kat.split) {
      expect(split(keyFromSeed(key_seed), num)).toEqual(keys);
    }
    for (const { key_seed, data, key } of kat.fold_in) {
      const [k0, k1] = keyFromSeed(key_seed);
      expect(foldIn(k0, k1, data)).toEqual(key);
    }
  });

  it("matches jax-golden split3 and fold_in_7 for every seed", () => {
    for (const g of golden) {
      const [k0, k1] = keyFromSeed(g.seed);
      expect(split([k0, k1], 3)).toEqual(g.split3);
      expect(foldIn(k0, k1, 7)).toEqual(g.fold_in_7);
    }
  });

  it("satisfies split(key, n)[i] == foldIn(key, i)", () => {
    for (const k of [keyFromSeed(0), keyFromSeed(-1), [0xdeadbeef, 0x12345678] as [number, number]]) {
      const keys = split(k, 40);
      keys.forEach((key, i) => expect(foldIn(k[0], k[1], i)).toEqual(key));
    }
  });

  it("wraps fold_in data to uint32 and validates split arguments", () => {
    expect(foldIn(0, 42, -1)).toEqual(foldIn(0, 42, 0xffffffff));
    expect(() => splitKeys(0, 0, 3, new Uint32Array(5))).toThrow(RangeError);
    expect(() => splitKeys(0, 0, -1, new Uint32Array(0))).toThrow(RangeError);
    expect(split([0, 0], 0)).toEqual([]);
  });
});

describe("legacy (jax_threefry_partitionable=False) split and bits", () => {
  it("reproduces the classic pre-0.5 split(PRNGKey(0)) keys", () => {
    const out = new Uint32Array(4);
    splitKeysLegacy(0, 0, 2, out);
    // The widely published `key, subkey = random.split(PRNGKey(0))` of JAX < 0.5.
    expect([...out]).toEqual([4146024105, 967050713, 2718843009, 1272950319]);
  });

  it("lays out threefry_2x32(key, iota(n)) as [all y0, all y1] with odd padding", () => {
    const [k0, k1] = keyFromSeed(42);
    for (const n of [1, 2, 5, 8]) {
      const got = new Uint32Array(n);
      randomBits32Legacy(k0, k1, got);
      const half = Math.ceil(n / 2);
      const want: number[] = new Array<number>(n);
      for (let j = 0; j < half; j++) {
        const [y0, y1] = threefry2x32(k0, k1, j, half + j < n ? half + j : 0);
        want[j] = y0;
        if (half + j < n) want[half + j] = y1;
      }
      expect([...got]).toEqual(want);
    }
    // Scalar legacy bits of PRNGKey(0) = first KAT word (old uniform(PRNGKey(0)) = 0.41845703).
    const one = new Uint32Array(1);
    randomBits32Legacy(0, 0, one);
    expect(one[0]).toBe(0x6b200159);
    // Legacy split(key, n) == legacy bits of 2n words reshaped to [n, 2].
    const s = new Uint32Array(6);
    const b = new Uint32Array(6);
    splitKeysLegacy(k0, k1, 3, s);
    randomBits32Legacy(k0, k1, b);
    expect([...s]).toEqual([...b]);
  });
});
