import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jnp, makeGraph, nn, ShapedArray, type Array } from "@kiln/core";
import { grad, stopGradient, valueAndGrad, vjp } from "./index.js";

const golden = JSON.parse(readFileSync(new URL("../../../tests/reference/jax-golden.json", import.meta.url), "utf8"));
const f32 = (shape: number[]) => new ShapedArray(shape, "float32");

describe("grad / valueAndGrad / vjp semantics", () => {
  it("valueAndGrad returns the value and the gradient", () => {
    const [v, g] = valueAndGrad((x: Array) => jnp.sum(jnp.square(x)))(jnp.array([1, 2, 3], "float32"));
    expect((v as Array).item()).toBe(14);
    expect((g as Array).tolist()).toEqual([2, 4, 6]);
  });

  it("argnums as a list gives a list of gradients; pytrees keep their structure", () => {
    const f = (p: { w: Array; b: Array }, x: Array) => jnp.sum(jnp.add(jnp.multiply(p.w, x), p.b));
    const p = { w: jnp.array([1, 2], "float32"), b: jnp.array([0.5, 0.5], "float32") };
    const x = jnp.array([3, 4], "float32");
    const [gp, gx] = grad(f, { argnums: [0, 1] })(p, x) as [{ w: Array; b: Array }, Array];
    expect(gp.w.tolist()).toEqual([3, 4]);
    expect(gp.b.tolist()).toEqual([1, 1]);
    expect(gx.tolist()).toEqual([1, 2]);
  });

  it("hasAux returns [[value, aux], grads] like JAX", () => {
    const f = (x: Array) => [jnp.sum(x), { double: jnp.multiply(x, 2) }];
    const [[value, aux], g] = valueAndGrad(f, { hasAux: true })(jnp.array([1, 2], "float32")) as [[Array, { double: Array }], Array];
    expect(value.item()).toBe(3);
    expect(aux.double.tolist()).toEqual([2, 4]);
    expect(g.tolist()).toEqual([1, 1]);
    const [g2, aux2] = grad(f, { hasAux: true })(jnp.array([1, 2], "float32")) as [Array, { double: Array }];
    expect(g2.tolist()).toEqual([1, 1]);
    expect(aux2.double.tolist()).toEqual([2, 4]);
  });

  it("unused inputs get zero gradients", () => {
    const g = grad((x: Array, _y: Array) => jnp.sum(x), { argnums: [0, 1] })(jnp.ones([2]), jnp.ones([3])) as Array[];
    expect(g[1]!.tolist()).toEqual([0, 0, 0]);
  });

  it("stopGradient blocks the gradient", () => {
    const g = grad((x: Array) => jnp.sum(jnp.add(x, stopGradient(jnp.multiply(x, 2)))))(jnp.array([1, 2], "float32")) as Array;
    expect(g.tolist()).toEqual([1, 1]);
  });

  it("vjp pulls back an arbitrary cotangent", () => {
    const [out, pull] = vjp((x: Array) => jnp.multiply(x, x), jnp.array([1, 2, 3], "float32"));
    expect((out as Array).tolist()).toEqual([1, 4, 9]);
    const [ct] = pull(jnp.array([1, 0, 2], "float32")) as [Array];
    expect(ct.tolist()).toEqual([2, 0, 12]);
  });

  it("second derivatives: grad(grad(f)) of tanh, exp, log, x**3, sigmoid", () => {
    const d2 = (f: (x: Array) => Array, x: number) =>
      (grad(grad((y: Array) => f(y)) as (y: Array) => Array)(jnp.asarray(x, "float32")) as Array).item();
    const t = Math.tanh(0.7);
    expect(d2(jnp.tanh, 0.7)).toBeCloseTo(-2 * t * (1 - t * t), 5);
    expect(d2(jnp.exp, 0.3)).toBeCloseTo(Math.exp(0.3), 5);
    expect(d2(jnp.log, 2)).toBeCloseTo(-0.25, 6);
    expect(d2((x) => jnp.power(x, 3), 1.5)).toBeCloseTo(9, 5);
    const s = 1 / (1 + Math.exp(-0.4));
    expect(d2(jnp.sigmoid, 0.4)).toBeCloseTo(s * (1 - s) * (1 - 2 * s), 6);
  });

  it("second derivative through a matmul chain (Hessian-vector style)", () => {
    // f(w) = sum((A w)^3); grad f = 3 A^T (A w)^2; d/dw of sum(grad f) = 6 A^T diag(Aw) A 1
    const A = jnp.array([[1, 2], [0.5, -1], [2, 0]], "float32");
    const w = jnp.array([0.3, -0.2], "float32");
    const f = (v: Array) => jnp.sum(jnp.power(jnp.matmul(A, v), 3));
    const g2 = grad((v: Array) => jnp.sum(grad(f)(v) as Array))(w) as Array;
    const Aw = [1 * 0.3 + 2 * -0.2, 0.5 * 0.3 + 1 * 0.2, 2 * 0.3];
    const rows = [[1, 2], [0.5, -1], [2, 0]];
    const expected = [0, 1].map((j) => rows.reduce((acc, r, i) => acc + 6 * r[j]! * Aw[i]! * (r[0]! + r[1]!), 0));
    (g2.tolist() as number[]).forEach((v, j) => expect(v).toBeCloseTo(expected[j]!, 4));
  });

  it("the golden second derivative d2/ds2 s*tanh(s) from JAX", () => {
    const entry = golden.grads.find((e: { name: string }) => e.name.startsWith("d2/ds2"));
    const v = (grad(grad((s: Array) => jnp.multiply(s, jnp.tanh(s))) as (s: Array) => Array)(jnp.asarray(0.7, "float32")) as Array).item();
    const expected = entry.value ?? entry.grads?.[0] ?? entry.d2;
    expect(Math.abs(v - expected)).toBeLessThan(2e-6 * Math.abs(expected));
  });

  it("works the same under tracing: the backward pass is ordinary IR", () => {
    const loss = (x: Array, w: Array, b: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(jnp.add(jnp.matmul(x, w), b), y)));
    const g = makeGraph(grad(loss, { argnums: [1, 2] }))(f32([4, 3]), f32([3, 2]), f32([2]), f32([4, 2]));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[4,3] b:f32[3,2] c:f32[2] d:f32[4,2]. let
          e:f32[4,2] = dot_general[contracting=((1,), (0,)) batch=((), ())] a b
          f:f32[4,2] = add e c
          g:f32[4,2] = sub f d
          h:f32[4,2] = integer_pow[y=2] g
          i:f32[] = reduce_sum[axes=(0, 1)] h
          j:f32[] = mul i 0.125:f32[]
          k:f32[] = mul 1:f32[] 0.125:f32[]
          l:f32[4,2] = broadcast_in_dim[shape=(4, 2) broadcastDimensions=()] k
          m:f32[4,2] = mul 2:f32[] g
          n:f32[4,2] = mul l m
          o:f32[2] = reduce_sum[axes=(0,)] n
          p:f32[3,2] = dot_general[contracting=((0,), (0,)) batch=((), ())] a n
        in (p, o) }"
    `);
  });
});

describe("errors", () => {
  it("grad of a non-scalar output", () => {
    expect(() => grad((x: Array) => jnp.multiply(x, 2))(jnp.ones([3]))).toThrow(/must return a scalar, got f32\[3\]/);
  });
  it("grad of a non-float output", () => {
    expect(() => grad((x: Array) => jnp.sum(jnp.astype(x, "int32")))(jnp.ones([3]))).toThrow(/float32 scalar, got i32\[\]/);
  });
  it("argnums out of range", () => {
    expect(() => grad((x: Array) => jnp.sum(x), { argnums: 2 })(jnp.ones([3]))).toThrow(/argnums' 2 is out of range/);
  });
  it("grad with respect to an integer input", () => {
    expect(() => grad((x: Array) => jnp.sum(jnp.astype(x, "float32")))(jnp.array([1, 2]))).toThrow(/dtype int32; grad requires float32/);
  });
  it("unknown option", () => {
    expect(() => grad((x: Array) => x, { argnum: 0 } as never)).toThrow(/unknown key 'argnum'/);
  });
});

describe("gradients equal real JAX's (jax-golden.json)", () => {
  const fns: Record<string, (...a: Array[]) => Array> = {
    "mean(exp(a) * log(a + 2))": (a) => jnp.mean(jnp.multiply(jnp.exp(a!), jnp.log(jnp.add(a!, 2)))),
    "sum(softmax(z) * [1,2,3])": (z) => jnp.sum(jnp.multiply(nn.softmax(z!), jnp.array([1, 2, 3], "float32"))),
    "sum(sqrt(a) / (1 + a))": (a) => jnp.sum(jnp.divide(jnp.sqrt(a!), jnp.add(1, a!))),
    "max(a) + min(a) (ties split)": (a) => jnp.add(jnp.max(a!), jnp.min(a!)),
  };
  for (const entry of golden.grads as { name: string; args: unknown[]; value: number; grads: unknown[] }[]) {
    const fn = fns[entry.name];
    if (!fn) continue;
    it(entry.name, () => {
      const args = entry.args.map((a) => jnp.array(a as number[], "float32"));
      const [value, grads] = valueAndGrad(fn, { argnums: args.map((_, i) => i) })(...args) as [Array, Array[]];
      expect(Math.abs(value.item() - entry.value)).toBeLessThanOrEqual(2e-7 * Math.max(1, Math.abs(entry.value)));
      grads.forEach((g, i) => {
        const expected = (entry.grads[i] as number[]).flat(3) as number[];
        const got = globalThis.Array.from(g.toTypedArray());
        got.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[k]!))));
      });
    });
  }
});
