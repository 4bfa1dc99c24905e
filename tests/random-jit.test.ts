import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jit, jnp, random, type Array } from "kiln";

const golden = JSON.parse(readFileSync(new URL("./reference/jax-golden.json", import.meta.url), "utf8"));

describe("random ops inside jit give the same bits as eagerly", () => {
  it("bits, split, foldIn, uniform, normal, truncatedNormal, bernoulli, categorical, permutation", () => {
        const draws = (k: Array) => {
      const [a, b] = random.split(k);
      return [
        random.bits(a!, [7]), random.foldIn(b!, 3), random.uniform(a!, [5], { minval: -2, maxval: 3 }), random.normal(b!, [6]),
        random.truncatedNormal(a!, -1, 2, [4]), random.bernoulli(b!, 0.4, [9]),
        random.categorical(a!, jnp.array([0.5, 1, -1], "float32"), { shape: [8] }), random.permutation(b!, 33),
      ];
    };
    for (const seed of [0, 1, 42, -7]) {
      const k = random.key(seed);
      const eager = draws(k);
      const compiled = jit(draws)(k) as Array[];
      compiled.forEach((c, i) => expect(c.toTypedArray(), `draw ${i}, seed ${seed}`).toEqual(eager[i]!.toTypedArray()));
    }
  });
  it("permutation inside jit equals JAX's (the golden values)", () => {
        for (const g of golden.random) {
      expect((jit((k: Array) => random.permutation(k, 6))(random.key(g.seed)) as Array).tolist()).toEqual(g.permutation_6);
    }
  });
});
