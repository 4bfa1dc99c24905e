import { describe, expect, it } from "vitest";
import { jnp, nnx, optax, random, type Array } from "kiln";

const bits = (a: Array) => globalThis.Array.from(new Uint32Array(Float32Array.from(a.toTypedArray()).buffer));
const mse = (m: { call(x: Array): Array }, x: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(x), y)));
function stepFor<M extends nnx.Module>(loss: (m: M, x: Array, y: Array) => Array) {
  return (m: M, opt: nnx.Optimizer, x: Array, y: Array) => {
    const [value, grads] = nnx.valueAndGrad(loss)(m, x, y);
    opt.update(m, grads);
    return value;
  };
}

class MLP extends nnx.Module {
  readonly layers: nnx.Linear[];
  dropout: nnx.Dropout;
  constructor(sizes: number[], rngs: nnx.Rngs, rate = 0) {
    super();
    this.layers = sizes.slice(1).map((n, i) => new nnx.Linear(sizes[i]!, n, { rngs }));
    this.dropout = new nnx.Dropout(rate, { rngs });
  }
  override call(x: Array): Array {
    let h = x;
    this.layers.forEach((l, i) => {
      h = l.call(h);
      if (i < this.layers.length - 1) h = this.dropout.call(nnx.relu(h));
    });
    return h;
  }
}

/** x uniform in [-1, 1), y = tanh(x @ w) for a fixed w: a smooth target an MLP can fit. */
const data = (n: number, din: number, dout: number) => {
  const x = random.uniform(random.key(n * 31 + din), [n, din], { minval: -1, maxval: 1 });
  const w = jnp.reshape(jnp.cos(jnp.astype(jnp.arange(din * dout), "float32")), [din, dout]);
  return { x, y: jnp.tanh(jnp.multiply(jnp.matmul(x, w), 2)) };
};

/** The whole suite forced onto wasm dots with float32 accumulation: not bit-identical to eager. */
const wasmFloat32Dots = process.env["KILN_BACKEND"] === "wasm" && process.env["KILN_WASM_EXACT"] !== "1";

describe("nnx.jit train steps", () => {
  it("a user-defined MLP with adam: jit equals eager bit for bit, step after step", () => {
    const { x, y } = data(16, 3, 2);
    const run = (compiled: boolean) => {
      const m = new MLP([3, 8, 8, 2], new nnx.Rngs(1));
      const opt = new nnx.Optimizer(m, optax.adam(0.03), { wrt: nnx.Param });
      const step = compiled ? nnx.jit(stepFor(mse)) : stepFor(mse);
      const losses = globalThis.Array.from({ length: 40 }, () => step(m, opt, x, y).item());
      return { losses, kernel: bits(m.layers[2]!.kernel.value), mu: opt.stateValues() };
    };
    const jitted = run(true);
    const eager = run(false);
    if (wasmFloat32Dots) {
      // KILN_BACKEND=wasm: dots accumulate in float32 (docs/numerics.md), so only close
      jitted.losses.forEach((l, i) => expect(Math.abs(l - eager.losses[i]!)).toBeLessThanOrEqual(1e-5 * Math.abs(eager.losses[i]!)));
    } else {
      expect(jitted.losses).toEqual(eager.losses);
      expect(jitted.kernel).toEqual(eager.kernel);
    }
    expect(jitted.losses.at(-1)!).toBeLessThan(jitted.losses[0]! * 0.7);
  });

  it("momentum state advances across compiled steps (the optimizer is built once)", () => {
    const { x, y } = data(8, 2, 1);
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, optax.sgd(0.1, { momentum: 0.9 }), { wrt: nnx.Param });
    const step = nnx.jit(stepFor(mse));
    const traces: number[][] = [];
    for (let i = 0; i < 3; i++) {
      step(m, opt, x, y);
      const st = opt.stateValues() as [{ trace: { kernel: Array } }, unknown];
      traces.push(st[0].trace.kernel.toTypedArray() as unknown as number[]);
    }
    expect(opt.step.value.item()).toBe(3);
    expect(traces[0]).not.toEqual(traces[1]);
    expect(step.traceCount).toBe(1);
  });

  it("the same shapes reuse the compiled function; new shapes or structure retrace", () => {
    const step = nnx.jit(stepFor(mse));
    const tx = optax.sgd(0.1);
    const m = new nnx.Linear(3, 2, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, tx, { wrt: nnx.Param });
    const a = data(4, 3, 2);
    step(m, opt, a.x, a.y);
    step(m, opt, data(4, 3, 2).x, a.y); // new arrays, same avals
    expect(step.traceCount).toBe(1);
    const b = data(6, 3, 2);
    step(m, opt, b.x, b.y);
    expect(step.traceCount).toBe(2);
    // another model of the same structure with the same transformation reuses the signature
    const m2 = new nnx.Linear(3, 2, { rngs: new nnx.Rngs(5) });
    step(m2, new nnx.Optimizer(m2, tx, { wrt: nnx.Param }), a.x, a.y);
    expect(step.traceCount).toBe(2);
    // a new transformation object may close over other constants (another learning rate): retrace
    step(m2, new nnx.Optimizer(m2, optax.sgd(0.2), { wrt: nnx.Param }), a.x, a.y);
    expect(step.traceCount).toBe(3);
    expect(step.cacheSize).toBe(3);
  });

  it("a changed static field (dropout's deterministic flag) retraces, never reuses a stale function", () => {
    const { x, y } = data(8, 3, 2);
    const m = new MLP([3, 16, 2], new nnx.Rngs(2), 0.5);
    const opt = new nnx.Optimizer(m, optax.sgd(0.01), { wrt: nnx.Param });
    const step = nnx.jit(stepFor(mse));
    step(m, opt, x, y);
    m.dropout.deterministic = true;
    step(m, opt, x, y);
    expect(step.traceCount).toBe(2);
    const eval1 = m.call(x).tolist();
    expect(m.call(x).tolist()).toEqual(eval1); // deterministic now
  });

  it("dropout inside jit draws fresh masks each step (its RNG counter is compiled state)", () => {
    const m = new MLP([3, 32, 1], new nnx.Rngs(4), 0.5);
    const f = nnx.jit((mm: MLP, xb: Array) => mm.call(xb));
    const x = jnp.ones([2, 3]);
    const first = f(m, x).tolist();
    const second = f(m, x).tolist();
    expect(first).not.toEqual(second);
    expect(m.dropout.rngs!.count.value.item()).toBe(2);
  });

  it("a value read out of a holder before a step never changes afterwards", () => {
    const { x, y } = data(8, 3, 2);
    const m = new nnx.Linear(3, 2, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, optax.sgd(0.1), { wrt: nnx.Param });
    const step = nnx.jit(stepFor(mse));
    step(m, opt, x, y);
    const kept = m.kernel.value;
    const keptBits = bits(kept);
    for (let i = 0; i < 3; i++) step(m, opt, x, y);
    expect(bits(kept)).toEqual(keptBits);
    expect(bits(m.kernel.value)).not.toEqual(keptBits);
  });

  it("the wrt filter: only selected variables are optimized", () => {
    const { x, y } = data(8, 3, 2);
    const m = new MLP([3, 4, 2], new nnx.Rngs(0));
    const onlyLast: nnx.Filter = (path, v) => v instanceof nnx.Param && path[1] === 1;
    const opt = new nnx.Optimizer(m, optax.sgd(0.1), { wrt: onlyLast });
    const before0 = bits(m.layers[0]!.kernel.value);
    const before1 = bits(m.layers[1]!.kernel.value);
    const step = nnx.jit((mm: MLP, o: nnx.Optimizer, xb: Array, yb: Array) => {
      const [loss, grads] = nnx.valueAndGrad(mse)(mm, xb, yb);
      const selected = { layers: [undefined, (grads as { layers: unknown[] }).layers[1]] };
      o.update(mm, selected as nnx.State);
      return loss;
    });
    step(m, opt, x, y);
    expect(bits(m.layers[0]!.kernel.value)).toEqual(before0);
    expect(bits(m.layers[1]!.kernel.value)).not.toEqual(before1);
  });

  it("returning the model from the step is an error naming the fix", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const step = nnx.jit((mm: nnx.Linear) => mm);
    expect(() => step(m)).toThrow(/Do not return the model or optimizer: they are updated in place/);
    // the failed trace left the holder intact, and the next step works
    expect(m.kernel.value.isTracer).toBe(false);
  });
});

describe("debugNans in compiled steps", () => {
  it("names the op that produced NaN and leaves every parameter and optimizer buffer as it was", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, optax.adam(0.1), { wrt: nnx.Param });
    const logLoss = (mm: nnx.Linear, x: Array, y: Array) => jnp.mean(jnp.log(jnp.subtract(mm.call(x), y)));
    const step = nnx.jit(stepFor(logLoss), { debugNans: true });
    const x = jnp.array([[1, 2], [3, 4]], "float32");
    const fine = jnp.array([[-100], [-100]], "float32");
    step(m, opt, x, fine); // log of positive numbers: fine
    const snapshot = () => JSON.stringify([bits(m.kernel.value), bits(m.bias!.value), opt.step.value.item(), opt.stateValues()], (_k, v) => (v && v.aval ? bits(v) : v));
    const before = snapshot();
    expect(() => step(m, opt, x, jnp.array([[100], [100]], "float32"))).toThrow(/debugNans: log produced NaN/);
    expect(snapshot()).toEqual(before);
    step(m, opt, x, fine); // and the next step works
    expect(opt.step.value.item()).toBe(2);
  });
});

describe("argument aliasing", () => {
  it("the same batch object passed twice traces and runs (its leaves are taken once)", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const batch = { x: jnp.ones([3, 2]) };
    const f = nnx.jit((mm: nnx.Linear, a: { x: Array }, b: { x: Array }) => jnp.add(jnp.sum(mm.call(a.x)), jnp.sum(b.x)));
    expect(f(m, batch, batch).item()).toBeCloseTo(jnp.add(jnp.sum(m.call(batch.x)), 6).item(), 5);
  });
});
