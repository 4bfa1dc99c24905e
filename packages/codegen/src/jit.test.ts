import { Array, jnp, lax, makeGraph, ShapedArray } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { jit } from "./jit.js";
import { expectSameBits } from "./testing/check.js";
import { arrayOf, randomArray, Rng } from "./testing/values.js";

const rng = new Rng(3);
const f32 = (...shape: number[]) => randomArray(rng, "float32", shape);

describe("jit", () => {
  it("equals eager and reuses the compiled function for the same signature", () => {
    const f = (x: Array, y: Array) => jnp.sum(jnp.multiply(jnp.exp(x), y), { axis: 1 });
    const jf = jit(f);
    for (let i = 0; i < 3; i++) {
      const [x, y] = [f32(3, 4), f32(3, 4)];
      expectSameBits(jf(x, y)._data!, f(x, y)._data!);
    }
    expect(jf.traceCount).toBe(1);
    expect(jf.cacheSize).toBe(1);
  });

  it("retraces for a new shape, dtype or tree structure, never reusing a stale function", () => {
    const jf = jit((t: { a: Array; b?: Array }) => (t.b ? jnp.add(t.a, t.b) : jnp.negative(t.a)));
    jf({ a: f32(2) });
    jf({ a: f32(2) });
    expect(jf.traceCount).toBe(1);
    jf({ a: f32(3) });
    expect(jf.traceCount).toBe(2);
    const i = jf({ a: arrayOf("int32", [3], [1, 2, 3]) });
    expect(i.dtype).toBe("int32");
    expect(i.tolist()).toEqual([-1, -2, -3]);
    expect(jf.traceCount).toBe(3);
    jf({ a: f32(3), b: f32(3) });
    expect(jf.traceCount).toBe(4);
    expect(jf.cacheSize).toBe(4);
  });

  it("static argnums and non-array leaves are part of the key", () => {
    const jf = jit((x: Array, n: number, opts: { scale: number }) => jnp.multiply(jnp.power(x, n), opts.scale), { staticArgnums: [1] });
    const x = f32(4);
    expectSameBits(jf(x, 2, { scale: 3 })._data!, jnp.multiply(jnp.power(x, 2), 3)._data!);
    jf(x, 2, { scale: 3 });
    expect(jf.traceCount).toBe(1);
    expectSameBits(jf(x, 3, { scale: 3 })._data!, jnp.multiply(jnp.power(x, 3), 3)._data!);
    expectSameBits(jf(x, 3, { scale: 0.5 })._data!, jnp.multiply(jnp.power(x, 3), 0.5)._data!);
    expect(jf.traceCount).toBe(3);
    jf(x, -0, { scale: 1 });
    jf(x, 0, { scale: 1 });
    expect(jf.traceCount).toBe(5);
  });

  it("returns pytrees of fresh arrays, even for outputs that are inputs", () => {
    const jf = jit((p: { w: Array; b: Array }) => ({ same: p.w, sum: jnp.add(p.w, p.b), n: 2 }));
    const p = { w: f32(2), b: f32(2) };
    const out = jf(p);
    expect(out.same._data).not.toBe(p.w._data);
    expect(out.same.tolist()).toEqual(p.w.tolist());
    expect((out.n as unknown as Array).item()).toBe(2); // numbers come back as Arrays, as in JAX
  });

  it("lower() gives the graphs and the generated source for given arguments", () => {
    const jf = jit((x: Array) => jnp.tanh(x));
    const lowered = jf.lower(f32(5));
    expect(lowered.source).toContain("rt.tanh32(");
    expect(lowered.graph.toString()).toContain("tanh");
    expect(jf.traceCount).toBe(1);
    jf(f32(5));
    expect(jf.traceCount).toBe(1);
    expect(jf.lower(new ShapedArray([5], "float32")).executable).toBe(lowered.executable);
    expect(jf.traceCount).toBe(1);
    expect(() => jf(new ShapedArray([5], "float32") as unknown as Array)).toThrow(/no values to run on/);
  });

  it("inside another trace (jit in jit, jit in a traced function) it inlines", () => {
    const inner = jit((x: Array) => jnp.multiply(x, 2));
    const outer = jit((x: Array) => jnp.add(inner(x), 1));
    const x = f32(3);
    expectSameBits(outer(x)._data!, jnp.add(jnp.multiply(x, 2), 1)._data!);
    expect(inner.traceCount).toBe(0);
    const g = makeGraph((y: Array) => inner(y))(new ShapedArray([3], "float32"));
    expect(g.toString()).toContain("mul");
  });

  it("constants captured by the traced function", () => {
    const c = arrayOf("float32", [2], [NaN, -0]);
    const jf = jit((x: Array) => lax.add(x, c));
    expectSameBits(jf(arrayOf("float32", [2], [1, -0]))._data!, Float32Array.of(NaN, -0));
  });
});
