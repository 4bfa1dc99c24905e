import { describe, expect, it } from "vitest";
import { ArgumentError, ShapedArray, exportStablehlo, jit, jnp, nnx, optax, type Array } from "kiln";

describe("exportStablehlo and the lower().asStablehlo() entry points", () => {
  const f = (p: { w: Array; b: Array }, x: Array, scale: number) => ({ y: jnp.multiply(jnp.add(jnp.matmul(x, p.w), p.b), scale), norm: jnp.sum(jnp.square(p.w)) });
  const params = { w: jnp.ones([3, 2]), b: jnp.zeros([2]) };

  it("traces pytree arguments (non-Array leaves static) and records their paths like JAX's keystr", () => {
    const m = exportStablehlo(f, params, new ShapedArray([4, 3], "float32"), 0.5);
    expect(m.inputs.map((s) => s.path)).toEqual(['args[0]["b"]', 'args[0]["w"]', "args[1]"]);
    expect(m.outputs.map((s) => [s.path, s.shape])).toEqual([['result["norm"]', []], ['result["y"]', [4, 2]]]);
    expect(m.text).toContain("func.func public @main(%arg0: tensor<2xf32>, %arg1: tensor<3x2xf32>, %arg2: tensor<4x3xf32>) -> (tensor<f32>, tensor<4x2xf32>)");
    expect(m.text).toContain("dense<5.000000e-01>"); // the static scale is a constant
    expect(m.name).toBe("jit_f");
  });

  it("jit(f).lower(...).asStablehlo() exports the same module as exportStablehlo", () => {
    const jitted = jit(f, { staticArgnums: [2] });
    const lowered = jitted.lower(params, new ShapedArray([4, 3], "float32"), 0.5);
    const m = lowered.asStablehlo();
    const direct = exportStablehlo(f, params, new ShapedArray([4, 3], "float32"), 0.5);
    expect(m.text).toBe(direct.text);
    expect(m.inputs).toEqual(direct.inputs);
    expect(lowered.asStablehlo({ name: "other", precision: "HIGHEST" }).text).toContain("module @other ");
  });

  it("exports an nnx train step with the variables as inputs and the changed ones as outputs", () => {
    const model = new nnx.Linear(3, 2, { rngs: new nnx.Rngs(0) });
    const optimizer = new nnx.Optimizer(model, optax.adam(1e-3), { wrt: nnx.Param });
    const loss = (m: nnx.Linear, x: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(x), y)));
    const step = (m: nnx.Linear, opt: nnx.Optimizer, x: Array, y: Array) => {
      const [value, grads] = nnx.valueAndGrad(loss)(m, x, y);
      opt.update(m, grads);
      return value;
    };
    const x = jnp.ones([5, 3]);
    const y = jnp.zeros([5, 2]);
    const kernelBefore = model.kernel.value.toTypedArray();
    const viaLower = nnx.jit(step).lower(model, optimizer, x, y).asStablehlo({ argNames: ["model", "opt", "x", "y"] });
    const m = exportStablehlo(step, model, optimizer, x, y);
    expect([...model.kernel.value.toTypedArray()]).toEqual([...kernelBefore]); // exporting runs nothing
    expect(viaLower.text).toBe(m.text); // the paths differ, the module does not
    expect(viaLower.inputs.map((s) => s.path)).toEqual([
      "model.bias", "model.kernel", "opt.optState.0.count", "opt.optState.0.mu.bias", "opt.optState.0.mu.kernel",
      "opt.optState.0.nu.bias", "opt.optState.0.nu.kernel", "opt.step", "x", "y",
    ]);
    expect(m.inputs[0]!.path).toBe("arg0.bias");
    expect(viaLower.inputs.map((s) => s.variable)).toEqual(["Param", "Param", "OptState", "OptState", "OptState", "OptState", "OptState", "OptState", undefined, undefined]);
    const updated = viaLower.outputs.slice(1).map((o) => [o.path, viaLower.inputs[o.updates!]!.path]);
    expect(updated.every(([a, b]) => a === b)).toBe(true);
    expect(updated.length).toBe(8);
    expect(viaLower.outputs[0]).toEqual({ path: "result", shape: [], dtype: "float32" });
  });

  it("rejects a non-function with one line naming the argument", () => {
    expect(() => exportStablehlo(3 as never)).toThrow(ArgumentError);
    expect(() => exportStablehlo(3 as never)).toThrow(/exportStablehlo: argument 'fn' must be a function, got number/);
  });
});
