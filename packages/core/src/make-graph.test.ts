import { describe, expect, it } from "vitest";
import { Array as KArray, isArray } from "./array.js";
import { ShapedArray } from "./aval.js";
import { TraceError } from "./errors.js";
import { verifyGraph } from "./ir/verify.js";
import * as jnp from "./jnp/index.js";
import * as nn from "./jnp/nn.js";
import * as lax from "./lax.js";
import { makeGraph } from "./make-graph.js";
import { treeFlatten, treeUnflatten } from "./pytree.js";
import { evalGraph } from "./trace.js";

/**
 * Traced, then interpreted, equals eager, bit for bit: for each function f and concrete inputs,
 * evalGraph(makeGraph(f)(inputs), constValues, flat inputs) gives exactly f(inputs).
 */

function seq(shape: number[], seed: number, dtype: "float32" | "int32" = "float32"): KArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.37) * 4);
  return jnp.reshape(jnp.array(dtype === "int32" ? vals.map(Math.round) : vals, dtype), shape);
}

const w1 = seq([4, 8], 1);
const b1 = seq([8], 2);
const labels = jnp.array([3, 0, 7]);
const key = jnp.array([0, 1234], "uint32");

const cases: [string, (...args: KArray[]) => unknown, KArray[]][] = [
  ["mlp + cross entropy (captured weights)", (x) => {
    const h = nn.relu(jnp.add(jnp.matmul(x, w1), b1));
    return jnp.mean(jnp.negative(jnp.sum(jnp.multiply(nn.logSoftmax(h), nn.oneHot(labels, 8)), { axis: -1 })));
  }, [seq([3, 4], 3)]],
  ["gelu, softplus, silu, sigmoid", (x) => [nn.gelu(x), nn.gelu(x, false), nn.softplus(x), nn.silu(x), nn.sigmoid(x)], [seq([5], 4)]],
  ["transcendentals", (x) => [jnp.exp(x), jnp.log(jnp.abs(x)), jnp.tanh(x), jnp.sin(x), jnp.cos(x), jnp.sqrt(jnp.abs(x)), jnp.rsqrt(x), jnp.log1p(x), jnp.expm1(x), jnp.erf(x), jnp.erfinv(jnp.divide(x, 5))], [seq([6], 5)]],
  ["mean, var, std, logsumexp with axes", (x) => [jnp.mean(x, { axis: 0 }), jnp.var(x, { axis: -1, keepdims: true }), jnp.std(x), jnp.logsumexp(x, { axis: 1 })], [seq([3, 5], 6)]],
  ["batched matmul, dot, outer, vdot", (a, b) => [jnp.matmul(a, b), jnp.dot(a, b), jnp.outer(jnp.ravel(a), b), jnp.vdot(a, a)], [seq([2, 3, 4], 7), seq([4, 2], 8)]],
  ["integer arithmetic with wrap-around and division by zero", (a, b) => [
    jnp.multiply(a, 1 << 30), jnp.floorDivide(a, b), jnp.remainder(a, b), lax.div(a, b), lax.rem(a, b), jnp.power(a, 3), jnp.square(a),
  ], [seq([7], 9, "int32"), jnp.array([2, -3, 0, 1, -1, 0, 5])]],
  ["shifts and bitwise ops", (a, b) => [lax.shiftLeft(a, b), lax.shiftRightArithmetic(a, b), lax.shiftRightLogical(a, b), jnp.bitwiseXor(a, b)], [
    jnp.array([-8, 8, 1, -1, 12345]), jnp.array([1, 33, -1, 31, 4]),
  ]],
  ["conversions and bitcast", (x) => [jnp.astype(jnp.multiply(x, 1e9), "int32"), jnp.astype(x, "uint32"), jnp.astype(x, "bool"), lax.bitcastConvertType(x, "uint32")], [
    jnp.array([1.5, -2.5, NaN, Infinity, -0, 3e9]),
  ]],
  ["comparisons, where, clip, isnan, isfinite", (x, y) => [
    jnp.where(jnp.less(x, y), x, y), jnp.clip(x, -1, 1), jnp.isnan(jnp.divide(x, x)), jnp.isfinite(jnp.divide(1, x)), jnp.equal(x, y),
  ], [jnp.array([0, 1, -2, NaN]), jnp.array([0, -1, 3, 1])]],
  ["argmax / argmin / max / min", (x) => [jnp.argmax(x), jnp.argmin(x, { axis: 0 }), jnp.max(x, { axis: 1 }), jnp.min(x)], [seq([4, 3], 10)]],
  ["reshape, transpose, broadcast, expand, squeeze", (x) => {
    const t = jnp.transpose(jnp.reshape(x, [3, -1]));
    return [jnp.squeeze(jnp.expandDims(t, 0)), jnp.broadcastTo(jnp.sum(t, { axis: 0 }), [2, 3]), jnp.swapaxes(x, 0, 1)];
  }, [seq([2, 3], 11)]],
  ["index, take, concatenate, stack, pad", (x) => [
    jnp.index(x, jnp.s(null, null, 2), -1), jnp.take(x, jnp.array([2, 0]), 1), jnp.concatenate([x, x], 1), jnp.stack([x, x], -1),
    lax.pad(x, jnp.array(-1, "float32"), [[1, 0, 1], [0, 2, 0]]), lax.scatterAdd(x, jnp.array([1, 1, 0]), 1, [3, 2]),
  ], [seq([3, 3], 12)]],
  ["creation inside a trace", (x) => [jnp.add(x, jnp.zerosLike(x)), jnp.multiply(x, jnp.ones([2])), jnp.add(jnp.full([2], 0.1), x), jnp.arange(2), jnp.eye(2)], [seq([2], 13)]],
  ["random bits, split and fold_in", (k) => [lax.randomBits(k, [3, 2]), lax.randomSplit(k, 3), lax.randomFoldIn(k, jnp.array(7, "uint32"))], [key]],
  ["fma and integer_pow", (a, b) => [lax.fma(a, b, a), lax.integerPow(a, -3), lax.integerPow(a, 7)], [seq([4], 14), seq([4], 15)]],
  ["pytree output", (x) => ({ y: jnp.exp(x), aux: [x, null, 2], n: 1.5 }), [seq([2], 16)]],
];

describe("traced then interpreted equals eager, bit for bit", () => {
  it.each(cases)("%s", (_name, f, inputs) => {
    const eager = f(...inputs);
    const g = makeGraph(f)(...inputs);
    verifyGraph(g);
    const outs = evalGraph(g, g.constValues, inputs);
    const [eagerLeaves, eagerTree] = treeFlatten(eager);
    expect(g.outTree.key).toBe(eagerTree.key);
    expect(outs.length).toBe(eagerLeaves.length);
    outs.forEach((o, i) => {
      const e = eagerLeaves[i];
      const want = isArray(e) ? e : jnp.asarray(e as number);
      expect([o.shape, o.dtype]).toEqual([want.shape, want.dtype]);
      // compare the raw bits, so NaN payloads and -0 count too
      const bits = (a: KArray) => Array.from(new Uint8Array(a.toTypedArray().buffer));
      expect(bits(o)).toEqual(bits(want));
    });
    const rebuilt = treeUnflatten(g.outTree, outs);
    expect(treeFlatten(rebuilt)[1].key).toBe(eagerTree.key);
  });
});

describe("makeGraph", () => {
  it("traces on avals alone, and on concrete arrays as if they were avals", () => {
    const f = (x: KArray) => jnp.multiply(x, 2);
    const onAval = makeGraph(f)(new ShapedArray([3], "int32")).toString();
    expect(makeGraph(f)(jnp.array([1, 2, 3])).toString()).toBe(onAval);
  });

  it("passes non-array leaves through as static values", () => {
    const g = makeGraph((x: KArray, opts: { power: number; name: string }) => {
      expect(opts.name).toBe("cube");
      return jnp.power(x, opts.power);
    })(new ShapedArray([2], "float32"), { power: 3, name: "cube" });
    expect(g.inputs).toHaveLength(1);
    expect(g.eqns.map((e) => [e.op, e.params])).toEqual([["integer_pow", { y: 3 }]]);
    expect(g.inTree.key).toBe("[*,{\"name\":*,\"power\":*}]");
  });

  it("rejects outputs that are not arrays or numbers", () => {
    expect(() => makeGraph(() => "text")()).toThrow(TraceError);
    expect(() => makeGraph(() => "text")()).toThrow("makeGraph: a traced function must return Arrays (or numbers), got string");
  });

  it("withGraph keeps the closure's constants and trees", () => {
    const c = jnp.array([1, 2], "float32");
    const g = makeGraph((x: KArray) => jnp.add(x, c))(new ShapedArray([2], "float32"));
    const h = g.withGraph({ constVars: g.constVars, inputs: g.inputs, eqns: [], outputs: [g.inputs[0]!] });
    expect(h.constValues).toBe(g.constValues);
    expect(h.outTree).toBe(g.outTree);
    expect(evalGraph(h, h.constValues, [c])[0]).toBe(c);
  });
});
