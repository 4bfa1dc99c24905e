import { ShapedArray, shapeEquals, sizeOf } from "@kiln/core";
import type { Builder } from "../builder.js";
import type { Value } from "../ir.js";
import type { LoweringRule } from "../lowering.js";

const u32 = new ShapedArray([], "uint32");
const ROTATIONS = [[13, 15, 26, 6], [17, 29, 16, 24]] as const;

/**
 * A private function `threefry2x32_<n>(k0, k1, x0[n], x1[n]) -> (y0[n], y1[n])`: Random123's
 * Threefry-2x32 with 20 rounds, written exactly as JAX's `_threefry2x32_lowering` computes it
 * (reference/jax-parity.md section 2, kiln's numerics/threefry.ts), so XLA gives JAX's words.
 * JAX's CPU lowering rolls the five groups of rounds into a while loop; they are unrolled here,
 * which computes the same uint32 arithmetic.
 */
function threefry(b: Builder, n: number): string {
  const words = new ShapedArray([n], "uint32");
  return b.module.helper(`threefry2x32_${n}`, [u32, u32, words, words], (f, [k0, k1, x0, x1]) => {
    const constants = new Map<number, Value>();
    const splat = (v: number) => {
      let c = constants.get(v);
      if (!c) constants.set(v, (c = f.splat(v, [n], "uint32")));
      return c;
    };
    const add = (a: Value, c: Value) => f.elementwise("stablehlo.add", [a, c]);
    const rotl = (x: Value, r: number) => f.elementwise("stablehlo.or", [
      f.elementwise("stablehlo.shift_left", [x, splat(r)]),
      f.elementwise("stablehlo.shift_right_logical", [x, splat(32 - r)]),
    ]);
    const k2 = f.elementwise("stablehlo.xor", [f.elementwise("stablehlo.xor", [k0!, k1!]), f.splat(0x1bd11bda, [], "uint32")]);
    const ks = [k0!, k1!, k2].map((k) => f.broadcastInDim(k, [n], []));
    let a = add(x0!, ks[0]!);
    let c = add(x1!, ks[1]!);
    for (let g = 0; g < 5; g++) {
      for (const r of ROTATIONS[g % 2]!) {
        a = add(a, c);
        c = f.elementwise("stablehlo.xor", [rotl(c, r), a]);
      }
      a = add(a, ks[(g + 1) % 3]!);
      c = add(add(c, ks[(g + 2) % 3]!), splat(g + 1)); // key injection with the group counter
    }
    return [a, c];
  });
}

/** The two uint32 words of a key u32[2], as scalars. */
function keyWords(b: Builder, key: Value): [Value, Value] {
  const word = (i: number) => b.reshape(b.slice(key, [i], [i + 1]), []);
  return [word(0), word(1)];
}

/**
 * threefry2x32(key, counters) for the counters 0..n-1 of JAX's partitionable scheme: the flat
 * index i as the words (hi, lo) = (i >> 32, i & 0xFFFFFFFF). kiln arrays hold at most
 * MAX_ELEMENTS = 2^30 elements, so hi is always 0 (JAX derives the same words from a 64-bit iota).
 */
function hashIndices(b: Builder, key: Value, n: number): [Value, Value] {
  const [k0, k1] = keyWords(b, key);
  const words = new ShapedArray([n], "uint32");
  const [y0, y1] = b.call(threefry(b, n), [k0, k1, b.splat(0, [n], "uint32"), b.iota([n], "uint32", 0)], [words, words]);
  return [y0!, y1!];
}

export const randomRules = {
  // bits[i] = y0 ^ y1 of the hash of flat index i
  random_bits: (b, [key], { shape }) => {
    const n = sizeOf(shape);
    const [y0, y1] = hashIndices(b, key!.value(), n);
    const bits = b.elementwise("stablehlo.xor", [y0, y1]);
    return [shapeEquals(shape, [n]) ? bits : b.reshape(bits, shape)];
  },
  // key i = (y0, y1) of the hash of i
  random_split: (b, [key], { num }) => {
    const [y0, y1] = hashIndices(b, key!.value(), num);
    return [b.concatenate([b.reshape(y0, [num, 1]), b.reshape(y1, [num, 1])], 1)];
  },
  // fold_in(key, data) = threefry2x32(key, [0, data])
  random_fold_in: (b, [key, data]) => {
    const [k0, k1] = keyWords(b, key!.value());
    const words = new ShapedArray([1], "uint32");
    const [y0, y1] = b.call(threefry(b, 1), [k0, k1, b.splat(0, [1], "uint32"), b.reshape(data!.value(), [1])], [words, words]);
    return [b.concatenate([y0!, y1!], 0)];
  },
} satisfies { [P in "random_bits" | "random_split" | "random_fold_in"]: LoweringRule<P> };
