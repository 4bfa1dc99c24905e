import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jnp, type Array } from "@kiln/core";
import * as optax from "@kiln/optax";
import * as random from "@kiln/random";
import * as nnx from "./index.js";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../tests/reference/${name}`, import.meta.url), "utf8"));
const golden = read("jax-golden.json");
const bits = (xs: ArrayLike<number>) => globalThis.Array.from(new Uint32Array(Float32Array.from(xs).buffer));
const flat = (x: unknown): number[] => (globalThis.Array.isArray(x) ? x.flatMap(flat) : [x as number]);

describe("Rngs", () => {
  it("a stream draws fold_in(key, count) and counts up; unknown names fall back to default", () => {
    const rngs = new nnx.Rngs(0);
    const k0 = rngs.params();
    const k1 = rngs.dropout();
    expect(k0.tolist()).toEqual(random.foldIn(random.key(0), 0).tolist());
    expect(k1.tolist()).toEqual(random.foldIn(random.key(0), 1).tolist());
    expect(rngs.stream("default").count.value.item()).toBe(2);
  });
  it("named streams are independent", () => {
    const rngs = new nnx.Rngs({ params: 0, dropout: 1 });
    expect(rngs.dropout().tolist()).toEqual(random.foldIn(random.key(1), 0).tolist());
    expect(rngs.params().tolist()).toEqual(random.foldIn(random.key(0), 0).tolist());
    expect(() => rngs.next("other")).toThrow(/no stream 'other' and no 'default'/);
  });
});

describe("Linear", () => {
  it("kernels are bit-identical to Flax's (real Flax 0.12)", () => {
    for (const e of golden.linear_kernels) {
      const m = new nnx.Linear(e.in, e.out, { rngs: new nnx.Rngs(e.seed) });
      expect(m.kernel.value.shape).toEqual([e.in, e.out]);
      expect(bits(m.kernel.value.toTypedArray())).toEqual(bits(flat(e.kernel)));
      expect(m.bias!.value.tolist()).toEqual(new globalThis.Array(e.out).fill(0));
    }
  });
  it("consumes two params draws, as Flax (kernel, then bias)", () => {
    const rngs = new nnx.Rngs(0);
    new nnx.Linear(3, 4, { rngs });
    expect(rngs.stream("default").count.value.item()).toBe(2);
  });
  it("rejects a wrong input width naming the argument", () => {
    const m = new nnx.Linear(3, 4, { rngs: new nnx.Rngs(0) });
    expect(() => m.call(jnp.ones([2, 5]))).toThrow(/Linear.call: argument 'x' must have last dimension 3/);
    expect(() => new nnx.Linear(3, 0, { rngs: new nnx.Rngs(0) })).toThrow(/outFeatures' must be a positive integer/);
  });
});

class MLP extends nnx.Module {
  readonly layers: nnx.Linear[];
  readonly scale = 2; // a static field
  constructor(sizes: number[], rngs: nnx.Rngs) {
    super();
    this.layers = sizes.slice(1).map((n, i) => new nnx.Linear(sizes[i]!, n, { rngs }));
  }
  override call(x: Array): Array {
    let h = x;
    this.layers.forEach((l, i) => {
      h = l.call(h);
      if (i < this.layers.length - 1) h = nnx.tanh(h);
    });
    return h;
  }
}

describe("state, update, split, merge", () => {
  it("state mirrors the module tree; update writes back by path", () => {
    const m = new MLP([3, 8, 2], new nnx.Rngs(3));
    const st = nnx.state(m, nnx.Param) as { layers: { kernel: Array; bias: Array }[] };
    expect(st.layers.length).toBe(2);
    expect(st.layers[1]!.kernel.shape).toEqual([8, 2]);
    const zeros = { layers: [{ bias: jnp.zeros([8]) }, { bias: jnp.ones([2]) }] };
    nnx.update(m, zeros);
    expect(m.layers[1]!.bias!.value.tolist()).toEqual([1, 1]);
  });
  it("update checks every value before writing any", () => {
    const m = new MLP([3, 8, 2], new nnx.Rngs(3));
    const before = m.layers[0]!.bias!.value;
    expect(() => nnx.update(m, { layers: [{ bias: jnp.ones([8]) }, { bias: jnp.ones([3]) }] })).toThrow(/layers.1.bias' is f32\[2\] but the new value is f32\[3\]/);
    expect(m.layers[0]!.bias!.value).toBe(before);
  });
  it("split and merge round-trip into an independent copy", () => {
    const m = new MLP([3, 4, 2], new nnx.Rngs(1));
    const [def, params, rest] = nnx.split(m, nnx.Param, true);
    const copy = nnx.merge(def, params!, rest!);
    expect(copy).toBeInstanceOf(MLP);
    expect(copy.call(jnp.ones([1, 3])).tolist()).toEqual(m.call(jnp.ones([1, 3])).tolist());
    copy.layers[0]!.bias!.value = jnp.ones([4]);
    expect(m.layers[0]!.bias!.value.tolist()).toEqual([0, 0, 0, 0]);
  });
});

describe("Optimizer and valueAndGrad", () => {
  it("requires wrt, with the fix in the message", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    expect(() => new nnx.Optimizer(m, optax.sgd(0.1), undefined as never)).toThrow(/wrt' is required since Flax 0.11: write new nnx.Optimizer\(model, tx, \{ wrt: nnx.Param \}\)/);
  });
  it("valueAndGrad over an argument without Params names the mistake", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const x = jnp.ones([4, 2]);
    const loss = (xb: Array) => jnp.mean(m.call(xb));
    expect(() => nnx.valueAndGrad(loss)(x)).toThrow(/a model captured from an outer scope is not differentiated/);
  });
  it("grads are a State of the Params; a failed update changes nothing", () => {
    const m = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, optax.sgd(0.1, { momentum: 0.9 }), { wrt: nnx.Param });
    const x = jnp.ones([4, 2]);
    const [, g] = nnx.valueAndGrad((mm: nnx.Linear) => jnp.mean(mm.call(x)))(m);
    expect(Object.keys(g).sort()).toEqual(["bias", "kernel"]);
    const kernelBits = bits(m.kernel.value.toTypedArray());
    const stateBits = JSON.stringify(opt.stateValues(), (_k, v) => (v && v.aval ? bits(v.toTypedArray()) : v));
    expect(() => opt.update(m, { kernel: jnp.ones([2, 1]) } as nnx.State)).toThrow(/grads' do not match the parameters selected by wrt/);
    expect(bits(m.kernel.value.toTypedArray())).toEqual(kernelBits);
    expect(JSON.stringify(opt.stateValues(), (_k, v) => (v && v.aval ? bits(v.toTypedArray()) : v))).toEqual(stateBits);
    expect(opt.step.value.item()).toBe(0);
    opt.update(m, g);
    expect(opt.step.value.item()).toBe(1);
  });
});

describe("the seed problem, eagerly, against real Flax", () => {
  const lossFn = (m: nnx.Linear, x: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(x), y)));
  for (const c of golden.train_step_loss as { seed: number; x: number[][]; y: number[][]; lr: number; num_steps: number; expected: number[] }[]) {
    it(`seed ${c.seed}, ${c.x.length}x${c.x[0]!.length} -> ${c.y[0]!.length}, lr ${c.lr}, ${c.num_steps} steps`, () => {
      const x = jnp.array(c.x, "float32");
      const y = jnp.array(c.y, "float32");
      const model = new nnx.Linear(c.x[0]!.length, c.y[0]!.length, { rngs: new nnx.Rngs(c.seed) });
      const optimizer = new nnx.Optimizer(model, optax.sgd(c.lr), { wrt: nnx.Param });
      const losses: number[] = [];
      for (let i = 0; i < c.num_steps; i++) {
        const [loss, grads] = nnx.valueAndGrad(lossFn)(model, x, y);
        optimizer.update(model, grads);
        losses.push(loss.item());
      }
      expect(Math.abs(losses[0]! - c.expected[0]!)).toBeLessThanOrEqual(1e-6 * Math.abs(c.expected[0]!));
      expect(Math.abs(losses.at(-1)! - c.expected[1]!)).toBeLessThanOrEqual(1e-5 * Math.abs(c.expected[1]!));
    });
  }
});

describe("checkpoints (safetensors)", () => {
  it("round-trip to identical bits, from a Buffer read off disk too", () => {
    const m = new nnx.Linear(5, 3, { rngs: new nnx.Rngs(2) });
    const bytes = nnx.encodeSafetensors(new Map([["kernel", m.kernel.value], ["bias", m.bias!.value]]));
    const fromDisk = Buffer.concat([Buffer.alloc(16), Buffer.from(bytes)]).subarray(16); // a view with an offset, as readFileSync gives
    const back = nnx.decodeSafetensors(fromDisk);
    expect(bits(back.get("kernel")!.toTypedArray())).toEqual(bits(m.kernel.value.toTypedArray()));
    expect(back.get("kernel")!.toTypedArray().length).toBe(15);
    expect(nnx.encodeSafetensors(back)).toEqual(bytes);
  });
  it("rejects a file that does not fit the model, changing nothing", () => {
    const m = new nnx.Linear(5, 3, { rngs: new nnx.Rngs(2) });
    const other = new nnx.Linear(5, 4, { rngs: new nnx.Rngs(2) });
    const dir = mkdtempSync(join(tmpdir(), "kiln-ckpt-"));
    nnx.saveCheckpoint(join(dir, "m.safetensors"), other);
    const before = bits(m.bias!.value.toTypedArray());
    expect(() => nnx.loadCheckpoint(join(dir, "m.safetensors"), m)).toThrow(/tensor "bias" is f32\[4\] but the model's is f32\[3\]/);
    expect(bits(m.bias!.value.toTypedArray())).toEqual(before);
  });
});
