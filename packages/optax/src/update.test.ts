import { describe, expect, it } from "vitest";
import { ShapedArray, jnp, makeGraph, type Array } from "@kiln/core";
import { applyUpdates } from "./index.js";

describe("applyUpdates", () => {
  it("computes RN(p + u) leaf by leaf and keeps the pytree structure", () => {
    const params = { w: jnp.array([1, 2], "float32"), nested: [jnp.array(0.1, "float32")] };
    const updates = { w: jnp.array([0.5, -0.25], "float32"), nested: [jnp.array(0.2, "float32")] };
    const out = applyUpdates(params, updates);
    expect(out.w.tolist()).toEqual([1.5, 1.75]);
    expect(out.nested[0]!.item()).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it("casts each sum back to the parameter's dtype", () => {
    const out = applyUpdates({ f: jnp.array([1], "float32"), i: jnp.array([3, -3], "int32") }, {
      f: jnp.array([0.5], "float32"),
      i: jnp.array([0.75, 0.75], "float32"),
    });
    expect(out.f.dtype).toBe("float32");
    expect(out.i.dtype).toBe("int32");
    expect(out.i.tolist()).toEqual([3, -2]); // 3.75 and -2.25 truncate toward zero
  });

  it("skips null leaves, as optax skips None", () => {
    const out = applyUpdates({ a: jnp.array([1], "float32"), frozen: null }, { a: jnp.array([1], "float32"), frozen: null });
    expect(out.frozen).toBeNull();
    expect(out.a.tolist()).toEqual([2]);
  });

  it("does not modify its inputs", () => {
    const p = jnp.array([1, 2], "float32");
    applyUpdates(p, jnp.array([5, 5], "float32"));
    expect(p.tolist()).toEqual([1, 2]);
  });

  it("traces: the graph adds then converts", () => {
    const g = makeGraph((p: Array, u: Array) => applyUpdates(p, u))(new ShapedArray([2], "float32"), new ShapedArray([2], "float32"));
    expect(g.eqns.map((e) => e.op)).toEqual(["add"]); // convert to the same dtype is a no-op
  });

  it("rejects mismatched trees with the argument's name", () => {
    expect(() => applyUpdates({ a: jnp.array([1], "float32") }, { b: jnp.array([1], "float32") })).toThrow(
      "applyUpdates: argument 'updates' must have the tree structure of 'params'",
    );
    expect(() => applyUpdates(jnp.array([1, 2], "float32"), jnp.array([1, 2, 3], "float32"))).toThrow(
      "applyUpdates: argument 'updates' leaf 0 has shape [3] but 'params' has [2]",
    );
    expect(() => applyUpdates({ a: 1 }, { a: jnp.array([1], "float32") })).toThrow(
      "applyUpdates: argument 'params' must be a pytree of Arrays, but leaf 0 is number",
    );
  });
});
