import { inWasmMemory, updateSettings, type BackendChoice } from "@kiln/codegen";
import { jnp, type Array } from "@kiln/core";
import * as optax from "@kiln/optax";
import { describe, expect, it } from "vitest";
import * as nnx from "../index.js";

/** A Linear + MSE + SGD step large enough for the cost model to put its dots in wasm. */
function setup() {
  const model = new nnx.Linear(48, 40, { rngs: new nnx.Rngs(0) });
  const optimizer = new nnx.Optimizer(model, optax.sgd(0.05), { wrt: nnx.Param });
  const x = jnp.reshape(jnp.asarray(Float32Array.from({ length: 64 * 48 }, (_, i) => Math.sin(i))), [64, 48]);
  const y = jnp.reshape(jnp.asarray(Float32Array.from({ length: 64 * 40 }, (_, i) => Math.cos(i))), [64, 40]);
  const mse = (m: nnx.Linear, xb: Array, yb: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(xb), yb)));
  const step = (m: nnx.Linear, o: nnx.Optimizer, xb: Array, yb: Array) => {
    const [loss, grads] = nnx.valueAndGrad(mse)(m, xb, yb);
    o.update(m, grads);
    return loss;
  };
  return { model, optimizer, x, y, step };
}

describe("nnx.jit with wasm kernels", () => {
  it("moves the parameters into the wasm memory once and updates them there in place", () => {
    if (process.env["KILN_BACKEND"] === "js") return;
    const { model, optimizer, x, y, step } = setup();
    const jitted = nnx.jit(step);
    const before = model.kernel.value; // a user's reference: must never change
    const saved = before.toTypedArray();
    jitted(model, optimizer, x, y);
    const kernel = model.kernel._array._data!;
    expect(inWasmMemory(kernel)).toBe(true);
    jitted(model, optimizer, x, y);
    expect(model.kernel._array._data).toBe(kernel); // same buffer, updated in place
    expect([...before.toTypedArray()]).toEqual([...saved]);
    const read = model.kernel.value; // copy-on-write: the next step must not change `read`
    const readValues = read.toTypedArray();
    jitted(model, optimizer, x, y);
    expect([...read.toTypedArray()]).toEqual([...readValues]);
    expect(inWasmMemory(model.kernel._array._data!)).toBe(true);
  });

  it("trains like the JS lowering, within the float32 summation tolerance", () => {
    const run = (backend: BackendChoice) => {
      const saved = updateSettings({ backend });
      try {
        const { model, optimizer, x, y, step } = setup();
        const jitted = nnx.jit(step);
        return globalThis.Array.from({ length: 5 }, () => jitted(model, optimizer, x, y).item());
      } finally {
        updateSettings(saved);
      }
    };
    const js = run("js");
    const wasm = run("wasm");
    wasm.forEach((l, i) => expect(Math.abs(l - js[i]!)).toBeLessThanOrEqual(1e-5 * js[i]!));
  });
});

describe("batch arrays and wasm memory", () => {
  it("moves a batch the wasm kernels read into the wasm memory once, with the same values", () => {
    if (process.env["KILN_BACKEND"] === "js") return;
    const { model, optimizer, x, y, step } = setup();
    const jitted = nnx.jit(step);
    const xValues = x.toTypedArray();
    const first = jitted(model, optimizer, x, y).item();
    expect(inWasmMemory(x._data!)).toBe(true); // the same batch is not copied on later steps
    expect(x.toTypedArray()).toEqual(xValues);
    const second = jitted(model, optimizer, x, y).item();
    expect(second).toBeLessThan(first);
  });
});
