import { describe, expect, it } from "vitest";
import { exp32, log1p32, log32, logistic32, tanh32 } from "../numerics/index.js";
import * as jnp from "./index.js";
import * as nn from "./nn.js";

/** jax.nn activations, against float32 formulas written step by step (each op rounds once, with XLA:CPU's exp/log/tanh/logistic). */

const f = Math.fround;
const xs = [-3, -0.5, 0, 0.25, 2, 10];
const x = jnp.array(xs, "float32");

describe("activations", () => {
  it("relu keeps the dtype; sigmoid, silu, tanh are the logistic/tanh formulas", () => {
    expect(nn.relu(jnp.array([-2, 0, 3])).tolist()).toEqual([0, 0, 3]);
    expect(nn.relu(x).tolist()).toEqual(xs.map((v) => Math.max(v, 0)));
    const sig = xs.map((v) => logistic32(v));
    expect(nn.sigmoid(x).tolist()).toEqual(sig);
    expect(nn.silu(x).tolist()).toEqual(xs.map((v, i) => f(v * sig[i]!)));
    expect(nn.tanh(jnp.array([1])).tolist()).toEqual([tanh32(1)]);
  });

  it("gelu (tanh form) is 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))) in float32 steps", () => {
    const want = xs.map((v) => {
      const cube = f(f(v * v) * v);
      const inner = f(f(Math.sqrt(2 / Math.PI)) * f(v + f(f(0.044715) * cube)));
      return f(f(0.5 * v) * f(1 + tanh32(inner)));
    });
    expect(nn.gelu(x).tolist()).toEqual(want);
    expect((nn.gelu(jnp.array([0, 1]), false).tolist() as number[])[0]).toBe(0);
  });

  it("softplus and leakyRelu", () => {
    expect(nn.softplus(jnp.array([0, 100, -100])).tolist()).toEqual([log1p32(1), 100, log1p32(exp32(-100))]);
    expect(nn.leakyRelu(jnp.array([-2, 3]), 0.5).tolist()).toEqual([-1, 3]);
    expect(nn.leakyRelu(jnp.array([-1])).tolist()).toEqual([f(-1 * f(0.01))]);
  });
});

describe("softmax / logSoftmax", () => {
  it("softmax is exp(x - max) / sum along the last axis by default", () => {
    const m = Math.max(...xs);
    const e = xs.map((v) => exp32(f(v - m)));
    const s = f(e.reduce((a, b) => a + b, 0));
    expect(nn.softmax(x).tolist()).toEqual(e.map((v) => f(v / s)));
  });

  it("logSoftmax is x - max - log(sum(exp(x - max)))", () => {
    const m = Math.max(...xs);
    const sh = xs.map((v) => f(v - m));
    const lse = log32(f(sh.reduce((a, v) => a + exp32(v), 0)));
    expect(nn.logSoftmax(x).tolist()).toEqual(sh.map((v) => f(v - lse)));
  });

  it("takes an axis, and is stable for huge inputs", () => {
    const a = jnp.array([[1, 1], [1000, 1000]], "float32");
    expect(nn.softmax(a, 0).tolist()).toEqual([[0, 0], [1, 1]]);
    expect(nn.softmax(a).tolist()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    expect(nn.logSoftmax(jnp.array([1e30, 0])).tolist()).toEqual([0, -1e30].map(f));
  });

  it("an infinite max is replaced by 0 before shifting, as jax.nn does", () => {
    expect(nn.softmax(jnp.array([-Infinity, 0])).tolist()).toEqual([0, 1]);
    expect(nn.logSoftmax(jnp.array([Infinity, 0])).tolist()).toEqual([NaN, -Infinity]);
  });
});

describe("oneHot", () => {
  it("puts a 1 at each label, zeros elsewhere (out-of-range labels give all zeros)", () => {
    const h = nn.oneHot(jnp.array([2, 0, 5, -1]), 3);
    expect(h.dtype).toBe("float32");
    expect(h.tolist()).toEqual([[0, 0, 1], [1, 0, 0], [0, 0, 0], [0, 0, 0]]);
    expect(nn.oneHot(jnp.array([[1]]), 2).shape).toEqual([1, 1, 2]);
  });
});
