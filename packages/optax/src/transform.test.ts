import { describe, expect, it } from "vitest";
import { jnp, type Array } from "@kiln/core";
import {
  addDecayedWeights, chain, clipByGlobalNorm, globalNorm, identity, rmsprop, safeIncrement, scale, scaleByAdam,
  scaleByLearningRate, scaleByRms, scaleBySchedule, scaleByStddev, trace,
} from "./index.js";

const f = Math.fround;
const arr = (xs: number[]) => jnp.array(xs, "float32");
const list = (x: unknown) => (x as Array).tolist();

describe("elementary transformations", () => {
  it("identity passes updates through with an empty state", () => {
    const tx = identity();
    const g = { a: arr([1, 2]) };
    const [u, s] = tx.update(g, tx.init(g));
    expect(u).toBe(g);
    expect(s).toEqual({});
  });

  it("scale multiplies by RN(stepSize)", () => {
    const [u] = scale(0.1).update(arr([3, -7]), {});
    expect(list(u)).toEqual([f(f(0.1) * 3), f(f(0.1) * -7)]);
  });

  it("scaleByLearningRate is scale(-lr); flipSign: false keeps the sign", () => {
    expect(list(scaleByLearningRate(0.1).update(arr([2]), {})[0])).toEqual([f(f(-0.1) * 2)]);
    expect(list(scaleByLearningRate(0.1, { flipSign: false }).update(arr([2]), {})[0])).toEqual([f(f(0.1) * 2)]);
  });

  it("scaleBySchedule evaluates the schedule at the current count, then increments it", () => {
    const seen: number[] = [];
    const tx = scaleBySchedule((c) => {
      seen.push((c as Array).item());
      return jnp.add(jnp.astype(c, "float32"), 1);
    });
    let s = tx.init(arr([0]));
    let u: Array = arr([0]);
    for (let i = 0; i < 3; i++) [u, s] = tx.update(arr([2]), s);
    expect(seen).toEqual([0, 1, 2]);
    expect(list(u)).toEqual([6]);
    expect(s.count.item()).toBe(3);
  });

  it("trace: t = g + RN(decay) * t; nesterov returns g + decay * t_new", () => {
    const d = f(0.9);
    for (const nesterov of [false, true]) {
      const tx = trace(0.9, { nesterov });
      const [, s1] = tx.update(arr([1]), tx.init(arr([0])));
      const [u, s] = tx.update(arr([2]), s1);
      const t2 = f(2 + f(d * 1));
      expect(list(s.trace)).toEqual([t2]);
      expect(list(u)).toEqual([nesterov ? f(2 + f(d * t2)) : t2]);
    }
  });

  it("safeIncrement saturates at the int32 maximum", () => {
    expect(safeIncrement(jnp.asarray(5, "int32")).item()).toBe(6);
    expect(safeIncrement(jnp.asarray(2147483647, "int32")).item()).toBe(2147483647);
  });
});

describe("scaleByAdam / scaleByRms / scaleByStddev", () => {
  it("first adam step: mu_hat = g, nu_hat = g*g, update = g / (sqrt(g*g + epsRoot) + eps)", () => {
    const tx = scaleByAdam({ b1: 0.5, b2: 0.75, eps: 0.25, epsRoot: 1 });
    const [u, s] = tx.update(arr([3]), tx.init(arr([0])));
    const mu = f(f(0.5) * 3);
    const nu = f(f(0.25) * 9);
    const muHat = f(mu * f(1 / f(1 - 0.5)));
    const nuHat = f(nu * f(1 / f(1 - 0.75)));
    expect(list(u)).toEqual([f(muHat / f(f(Math.sqrt(f(nuHat + 1))) + 0.25))]);
    expect([list(s.mu), list(s.nu), s.count.item()]).toEqual([[mu], [nu], 1]);
  });

  it("a scalar leaf is divided by the bias correction (no broadcast, so no reciprocal)", () => {
    const tx = scaleByAdam({ b1: 0.3 });
    const [u] = tx.update(jnp.asarray(1, "float32"), tx.init(jnp.asarray(0, "float32")));
    const muHat = f(f(0.7) / f(1 - f(0.3)));
    const nuHat = f(f(f(1 - 0.999) * 1) / f(1 - f(0.999)));
    expect((u as Array).item()).toBe(f(muHat / f(f(Math.sqrt(nuHat)) + f(1e-8))));
  });

  it("scaleByRms: nu starts at initialScale; update = rsqrt(nu + eps) * g", () => {
    const tx = scaleByRms({ decay: 0.5, eps: 0, initialScale: 2 });
    const s0 = tx.init(arr([0]));
    expect(list(s0.nu)).toEqual([2]);
    const [u, s] = tx.update(arr([2]), s0);
    expect(list(s.nu)).toEqual([3]); // 0.5 * 4 + 0.5 * 2
    expect(list(u)).toEqual([f(f(1 / Math.sqrt(3)) * 2)]);
  });

  it("scaleByStddev centres the second moment: rsqrt(nu - mu^2 + eps) * g", () => {
    const tx = scaleByStddev({ decay: 0.5, eps: 0 });
    const [u, s] = tx.update(arr([2]), tx.init(arr([0])));
    expect([list(s.mu), list(s.nu)]).toEqual([[1], [2]]);
    expect(list(u)).toEqual([2]); // rsqrt(2 - 1) * 2
  });

  it("rmsprop centered with momentum chains scaleByStddev, -lr, trace", () => {
    const tx = rmsprop(0.5, { decay: 0.5, eps: 0, centered: true, momentum: 0.5 });
    const [u, s] = tx.update(arr([2]), tx.init(arr([0])));
    expect(list(u)).toEqual([-1]);
    expect(list((s[2] as { trace: Array }).trace)).toEqual([-1]);
  });
});

describe("addDecayedWeights and clipByGlobalNorm", () => {
  it("adds RN(wd) * p to the updates, and needs params", () => {
    const tx = addDecayedWeights(0.1);
    const [u] = tx.update(arr([1]), {}, arr([3]));
    expect(list(u)).toEqual([f(1 + f(f(0.1) * 3))]);
    expect(() => tx.update(arr([1]), {})).toThrow("addDecayedWeights.update: argument 'params' is required");
  });

  it("a mask (tree or function) leaves unmasked leaves unchanged", () => {
    const params = { w: arr([2]), b: arr([4]) };
    const grads = { w: arr([1]), b: arr([1]) };
    const byName = (t: unknown) => Object.fromEntries(Object.keys(t as object).map((k) => [k, k === "w"]));
    for (const mask of [{ w: true, b: false }, byName]) {
      const [u] = addDecayedWeights(0.5, { mask }).update(grads, {}, params);
      expect([list(u.w), list(u.b)]).toEqual([[2], [1]]);
    }
    expect(() => addDecayedWeights(0.5, { mask: { w: true } }).update(grads, {}, params)).toThrow(
      "addDecayedWeights.update: argument 'mask' must have the structure of the parameters",
    );
  });

  it("globalNorm is sqrt of the sum of squares over all leaves", () => {
    expect(globalNorm({ a: arr([3]), b: [arr([4, 0])] }).item()).toBe(5);
  });

  it("clipByGlobalNorm leaves small updates alone and rescales large ones to maxNorm", () => {
    const tx = clipByGlobalNorm(1);
    const small = { a: arr([0.3]), b: arr([0.4]) };
    expect(tx.update(small, {})[0]).toEqual(small);
    const [big] = tx.update({ a: arr([3]), b: arr([4]) }, {});
    expect([list(big.a), list(big.b)]).toEqual([[f(3 * f(1 / 5))], [f(4 * f(1 / 5))]]);
  });
});

describe("chain", () => {
  it("threads updates through each transformation and keeps one state per transformation", () => {
    const tx = chain(scale(2), trace(0.5), scale(-1));
    const s0 = tx.init(arr([0]));
    expect(s0.length).toBe(3);
    const [u1, s1] = tx.update(arr([1]), s0);
    const [u2] = tx.update(arr([1]), s1);
    expect([list(u1), list(u2)]).toEqual([[-2], [-3]]);
  });

  it("rejects states of the wrong length and non-transformations", () => {
    const tx = chain(identity(), identity());
    expect(() => tx.update(arr([1]), [{}] as unknown as [Record<string, never>, Record<string, never>])).toThrow(
      "chain.update: argument 'state' must be the array of 2 states made by init, got 1 states",
    );
    expect(() => chain(identity(), 3 as never)).toThrow("chain: argument 'transforms[1]' must be a GradientTransformation");
  });
});
