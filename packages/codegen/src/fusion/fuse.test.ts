import { jnp, lax, nn, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { optimize } from "../passes/optimize.js";
import { schedule } from "../plan/schedule.js";
import { expectJitEqualsEager } from "../testing/check.js";
import { f32, trace } from "../testing/graphs.js";
import { randomArray, Rng } from "../testing/values.js";
import { fuse } from "./fuse.js";
import { printPlan, printSchedule } from "../plan/print.js";

const rng = new Rng(99);
const plan = (f: (...xs: Array[]) => Array | Array[], ...shapes: number[][]) => {
  const g = optimize(trace(f, ...shapes.map((s) => f32(...s))));
  const inputs = shapes.map((s) => randomArray(rng, "float32", s));
  expectJitEqualsEager(f, inputs);
  return printPlan(fuse(g));
};

describe("fusion", () => {
  it("an elementwise chain with broadcasting is one loop", () => {
    expect(plan((x, b, s) => jnp.tanh(jnp.multiply(jnp.add(x, b), s)), [3, 4], [4], [])).toMatchInlineSnapshot(`"k0 elementwise [3,4]: d = add a b ; e = mul d c ; f = tanh e -> f"`);
  });

  it("sibling comparisons share one loop: their bools stay in registers", () => {
    const p = plan((x, y) => jnp.where(jnp.logicalAnd(jnp.lessEqual(x, y), jnp.notEqual(x, 0)), x, y), [5, 4], [5, 4]);
    expect(p).toMatchInlineSnapshot(`"k0 elementwise [5,4]: c = le a b ; d = ne a 0:f32[] ; e = and c d ; f = select_n e b a -> f"`);
    // an integer op does not join a float loop (which it would keep off the wasm path), nor the reverse
    const mixed = plan((x, y) => [jnp.multiply(x, 2), jnp.add(jnp.astype(y, "int32"), 1)], [5, 4], [5, 4]);
    expect(mixed.split("\n").length).toBe(2);
  });

  it("a reduction computes its producer chain and its consumers in its own loops", () => {
    expect(plan((x) => jnp.multiply(jnp.sum(jnp.exp(x), { axis: 1 }), 2), [3, 5])).toMatchInlineSnapshot(`"k0 reduce [3,5] -> [3]: b = exp a | c = reduce_sum[axes=(1,)] b | d = mul c 2:f32[] -> d"`);
    expect(plan((x) => jnp.sqrt(jnp.max(jnp.abs(x), { axis: 0 })), [6, 2])).toMatchInlineSnapshot(`"k0 reduce [6,2] -> [2]: b = abs a | c = reduce_max[axes=(0,)] b | d = sqrt c -> d"`);
  });

  it("a dot_general takes bias, residual and activation as its epilogue", () => {
    expect(plan((x, w, b, r) => nn.relu(jnp.add(jnp.add(jnp.matmul(x, w), b), r)), [8, 16], [16, 12], [12], [8, 12])).toMatchInlineSnapshot(`"k0 dot [8,12]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] a b | f = add e c ; g = add f d ; h = max g 0:f32[] -> h"`);
  });

  it("x^T @ g reads x through strides: no transpose is materialized", () => {
    const p = plan((x, g) => jnp.matmul(jnp.transpose(x), g), [10, 6], [10, 3]);
    expect(p).toMatchInlineSnapshot(`"k0 dot [6,3]: d = dot_general[contracting=((1,), (0,)) batch=((), ())] c b -> d"`);
    expect(p).not.toMatch(/transpose|copy/);
  });

  it("a value with several consumers is stored once by the loop computing it", () => {
    const p = plan((x) => {
      const d = jnp.subtract(x, 1);
      return [jnp.sum(jnp.square(d)), jnp.multiply(d, 3)];
    }, [4, 4]);
    expect(p).toMatchInlineSnapshot(`"k0 reduce [4,4] -> []: b = sub a 1:f32[] ; c = integer_pow[y=2] b ; e = mul b 3:f32[] | d = reduce_sum[axes=(0, 1)] c -> e d"`);
  });

  it("softmax: max, exp-sum and divide", () => {
    expect(plan((x) => nn.softmax(x), [4, 7])).toMatchInlineSnapshot(`
      "k0 reduce [4,7] -> [4]: b = reduce_max[axes=(1,)] a -> b
      k1 elementwise [4,1]: d = sub c c ; e = eq d d ; f = select_n e 0:f32[] c -> f
      k2 reduce [4,7] -> [4]: g = sub a f ; h = exp g | i = reduce_sum[axes=(1,)] h -> h i
      k3 elementwise [4,7]: k = div h j -> k"
    `);
  });

  it("a reshape strides cannot express is copied once", () => {
    const p = plan((x) => jnp.add(jnp.reshape(jnp.transpose(x), [12]), 1), [3, 4]);
    expect(p).toMatchInlineSnapshot(`
      "k0 copy [4,3]: a -> c
      k1 elementwise [12]: d = add c 1:f32[] -> d"
    `);
  });

  it("the Linear + MSE + SGD step: two dots with epilogues, two sums", () => {
    const step = (w: Array, b: Array, x: Array, y: Array) => {
      const d = jnp.subtract(jnp.add(jnp.matmul(x, w), b), y);
      const g = jnp.multiply(d, Math.fround(2 / 64));
      return [jnp.mean(jnp.square(d)), jnp.subtract(w, jnp.multiply(lax.dotGeneral(x, g, [[0], [0]]), 0.1)), jnp.subtract(b, jnp.multiply(jnp.sum(g, { axis: 0 }), 0.1))];
    };
    const g = optimize(trace(step, f32(8, 4), f32(4), f32(16, 8), f32(16, 4)));
    const sched = schedule(g, new Map([[1, 0], [2, 1]]));
    expect(printSchedule(sched)).toMatchInlineSnapshot(`
      "k0 dot [16,4]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] c a | f = add e b ; g = sub f d ; h = mul g 0.03125:f32[] ; i = integer_pow[y=2] g -> h i
      k1 reduce [16,4] -> []: j = reduce_sum[axes=(0, 1)] i | k = mul j 0.015625:f32[] -> k
      k2 dot [8,4]: l = dot_general[contracting=((0,), (0,)) batch=((), ())] c h | m = mul l 0.10000000149011612:f32[] ; n = sub a m -> n
      k3 reduce [16,4] -> [4]: o = reduce_sum[axes=(0,)] h | p = mul o 0.10000000149011612:f32[] ; q = sub b p -> q"
    `);
    expect(sched.scratch).toMatchInlineSnapshot(`
      [
        {
          "id": 0,
          "size": 64,
          "type": "float32",
        },
        {
          "id": 1,
          "size": 64,
          "type": "float32",
        },
      ]
    `);
  });
});
