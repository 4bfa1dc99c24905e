import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evalGraph, isArray, jnp, makeGraph, treeFlatten, treeUnflatten, type Array } from "@kiln/core";
import { adam, adamw, applyUpdates, chain, clipByGlobalNorm, rmsprop, sgd, type GradientTransformation } from "./index.js";

/**
 * jax-golden.json "optax": real optax 0.2.8 trajectories (5 steps) on
 * loss(w) = sum(weights * (w - target)**2), whose gradient is 2 * weights * (w - target).
 */
interface Case {
  optimizer: string;
  w0: number[];
  target: number[];
  weights: number[];
  after_each_step: number[][];
}
const golden = JSON.parse(readFileSync(new URL("../../../tests/reference/jax-golden.json", import.meta.url), "utf8")) as { optax: Case[] };

const optimizers: Record<string, () => GradientTransformation> = {
  "sgd(0.1)": () => sgd(0.1),
  "sgd(0.1, momentum=0.9)": () => sgd(0.1, { momentum: 0.9 }),
  "sgd(0.1, momentum=0.9, nesterov=True)": () => sgd(0.1, { momentum: 0.9, nesterov: true }),
  "adam(0.05)": () => adam(0.05),
  "adamw(0.05, weight_decay=0.1)": () => adamw(0.05, { weightDecay: 0.1 }),
  "rmsprop(0.01)": () => rmsprop(0.01),
  "chain(clip_by_global_norm(1.0), adam(0.05))": () => chain(clipByGlobalNorm(1.0), adam(0.05)),
};

/** d/dw sum(weights * (w - target)**2) as JAX's VJP computes it: weights * (2 * (w - target)). */
function grad(w: Array, c: Case): Array {
  return jnp.multiply(jnp.array(c.weights, "float32"), jnp.multiply(2, jnp.subtract(w, jnp.array(c.target, "float32"))));
}

/** Distance in float32 units in the last place (0 = the same float32). */
function ulps(a: number, b: number): number {
  const i = new Int32Array(new Float32Array([a, b]).buffer);
  return Math.abs(i[0]! - i[1]!);
}

type Step = (w: Array, state: unknown, g: Array) => [Array, unknown];

function eagerStep(tx: GradientTransformation): Step {
  return (w, state, g) => {
    const [u, s] = tx.update(g, state, w);
    return [applyUpdates(w, u), s];
  };
}

/** The same step traced into a graph (every array a tracer), then evaluated. */
function tracedStep(tx: GradientTransformation): Step {
  const body = (w: Array, state: unknown, g: Array) => eagerStep(tx)(w, state, g);
  return (w, state, g) => {
    const graph = makeGraph(body)(w, state, g);
    const [leaves] = treeFlatten([w, state, g]);
    const out = evalGraph(graph, graph.constValues, leaves.filter(isArray));
    return treeUnflatten(graph.outTree, out) as [Array, unknown];
  };
}

function trajectory(c: Case, step: Step): number[][] {
  const tx = optimizers[c.optimizer]!();
  let w = jnp.array(c.w0, "float32");
  let state = tx.init(w);
  return c.after_each_step.map(() => {
    [w, state] = step(w, state, grad(w, c));
    return w.tolist() as number[];
  });
}

describe("optax golden trajectories (optax 0.2.8, float32)", () => {
  it("covers every golden optimizer", () => {
    expect(golden.optax.map((c) => c.optimizer).sort()).toEqual(Object.keys(optimizers).sort());
  });

  it("the loss is sum(weights * (w - target)**2): sgd's first step is w0 - RN(0.1) * 2 * weights * (w0 - target)", () => {
    const c = golden.optax.find((x) => x.optimizer === "sgd(0.1)")!;
    const f = Math.fround;
    const expected = c.w0.map((w, i) => f(w + f(f(-0.1) * f(c.weights[i]! * f(2 * f(w - f(c.target[i]!)))))));
    expect(expected).toEqual(c.after_each_step[0]);
  });

  for (const c of golden.optax) {
    it(`${c.optimizer}: every step bit-for-bit`, () => {
      const got = trajectory(c, eagerStep(optimizers[c.optimizer]!()));
      const worst = Math.max(...got.flatMap((row, s) => row.map((v, i) => ulps(v, c.after_each_step[s]![i]!))));
      expect(worst).toBe(0);
      expect(got).toEqual(c.after_each_step);
    });

    it(`${c.optimizer}: traced through makeGraph gives the same bits`, () => {
      expect(trajectory(c, tracedStep(optimizers[c.optimizer]!()))).toEqual(c.after_each_step);
    });
  }
});

describe("state advances across steps", () => {
  it("adam: count is an int32 scalar going 1, 2, 3; moments change; old states are left intact", () => {
    const c = golden.optax.find((x) => x.optimizer === "adam(0.05)")!;
    const tx = adam(0.05);
    let w = jnp.array(c.w0, "float32");
    const s0 = tx.init(w);
    expect(s0[0].count.dtype).toBe("int32");
    expect(s0[0].count.shape).toEqual([]);
    const states = [s0];
    for (let i = 0; i < 3; i++) {
      const [u, s] = tx.update(grad(w, c), states[i]!, w);
      w = applyUpdates(w, u);
      states.push(s);
    }
    expect(states.map((s) => s[0].count.item())).toEqual([0, 1, 2, 3]);
    expect((s0[0].mu as Array).tolist()).toEqual([0, 0, 0]);
    expect((states[1]![0].mu as Array).tolist()).not.toEqual((states[2]![0].mu as Array).tolist());
    expect(states[3]![1]).toEqual({});
  });

  it("sgd with a momentum keeps a trace per parameter leaf of a nested pytree", () => {
    const tx = sgd(0.5, { momentum: 0.5 });
    const params = { layer: { w: jnp.array([1, 2], "float32"), b: jnp.array(0.5, "float32") } };
    const grads = { layer: { w: jnp.array([1, 1], "float32"), b: jnp.array(2, "float32") } };
    let state = tx.init(params);
    let p = params;
    for (let i = 0; i < 2; i++) {
      const [u, s] = tx.update(grads, state, p);
      p = applyUpdates(p, u);
      state = s;
    }
    const trace = (state[0] as { trace: typeof grads }).trace;
    expect(trace.layer.w.tolist()).toEqual([1.5, 1.5]); // 1 + 0.5 * 1
    expect(trace.layer.b.item()).toBe(3); // 2 + 0.5 * 2
    expect(p.layer.w.tolist()).toEqual([-0.25, 0.75]); // 1 - 0.5 - 0.75, 2 - 0.5 - 0.75
  });
});
