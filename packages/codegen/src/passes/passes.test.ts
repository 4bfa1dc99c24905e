import { jnp, lax, printGraph, verifyGraph, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { aval, bind, f32, runPass, trace } from "../testing/graphs.js";
import { constantFold } from "./constant-fold.js";
import { cse } from "./cse.js";
import { dce } from "./dce.js";
import { optimize } from "./optimize.js";
import { simplify } from "./simplify.js";

const lit = (v: number, d: "float32" | "int32" = "float32") => jnp.asarray(v, d);

describe("dce", () => {
  it("drops equations that reach no output, keeps the signature", () => {
    const g = trace((x, y) => {
      lax.exp(x);
      lax.mul(y, y);
      return lax.neg(x);
    }, f32(2), f32(3));
    expect(runPass(dce, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2] b:f32[3]. let
          c:f32[2] = neg a
        in (c,) }"
    `);
  });
  it("returns the same graph when nothing is dead", () => {
    const g = trace((x) => lax.neg(x), f32(2));
    expect(dce(g)).toBe(g);
  });
});

describe("cse", () => {
  it("merges equal equations and rewrites later uses and outputs", () => {
    const g = trace((x) => {
      const a = lax.exp(x);
      const b = lax.exp(x);
      return [lax.add(a, b), b];
    }, f32(2));
    expect(runPass(cse, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2]. let
          b:f32[2] = exp a
          c:f32[2] = add b b
        in (c, b) }"
    `);
  });
  it("distinguishes params and literals (-0 vs 0)", () => {
    const g = trace((x) => [lax.reduceSum(x, [0]), lax.reduceSum(x, [1]), lax.add(x, lit(0)), lax.add(x, lit(-0))], f32(2, 3));
    expect(runPass(cse, g)).toBe(printGraph(g));
  });
  it("merges random ops only with the same params", () => {
    const g = trace((k) => [lax.randomBits(k, [3]), lax.randomBits(k, [3]), lax.randomBits(k, [4])], aval("uint32", 2));
    expect(runPass(cse, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:u32[2]. let
          b:u32[3] = random_bits[shape=(3,)] a
          c:u32[4] = random_bits[shape=(4,)] a
        in (b, b, c) }"
    `);
  });
});

describe("constant folding", () => {
  it("evaluates scalar equations on literals with the eager kernels", () => {
    const g = trace((x) => lax.mul(x, lax.add(lax.exp(lit(1)), lit(2))), f32(2));
    expect(runPass(constantFold, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2]. let
          b:f32[2] = mul a 4.7182817459106445:f32[]
        in (b,) }"
    `);
  });
  it("keeps NaN, -0 and infinities", () => {
    const g = trace((x) => [lax.add(x, lax.div(lit(0), lit(0))), lax.mul(x, lax.neg(lit(0))), lax.add(x, lax.div(lit(-1), lit(0)))], f32(2));
    expect(runPass(constantFold, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2]. let
          b:f32[2] = add a nan:f32[]
          c:f32[2] = mul a -0.0:f32[]
          d:f32[2] = add a -inf:f32[]
        in (b, c, d) }"
    `);
  });
});

describe("simplify", () => {
  it("x*1, 1*x, x-0 and x+(-0) are exact and removed", () => {
    const g = trace((x) => lax.sub(lax.add(lax.mul(lit(1), lax.mul(x, lit(1))), lit(-0)), lit(0)), f32(3));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3]. let
        in (a,) }"
    `);
  });
  it("keeps float x+0 (wrong for x = -0) unless XLA's rules are asked for; ints always", () => {
    const g = trace((x, i) => [lax.add(x, lit(0)), lax.add(lit(0, "int32"), i)], f32(3), aval("int32", 3));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3] b:i32[3]. let
          c:f32[3] = add a 0:f32[]
        in (c, b) }"
    `);
    expect(runPass((h) => simplify(h, { xlaFloat: true }), g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3] b:i32[3]. let
        in (a, b) }"
    `);
  });
  it("does not drop x*1 when the literal broadcasts x", () => {
    const g = trace((x) => lax.mul(x, jnp.ones([2, 3])), f32(3));
    expect(runPass((h) => optimize(h), g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3]. let
          b:f32[2,3] = broadcast_in_dim[shape=(2, 3) broadcastDimensions=()] 1:f32[]
          c:f32[2,3] = mul a b
        in (c,) }"
    `);
  });
  it("neg(neg x), stop_gradient and same-dtype converts vanish", () => {
    const g = trace((x) => bind("convert_element_type", [lax.stopGradient(lax.neg(lax.neg(x)))], { newDtype: "float32" })[0]!, f32(3));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3]. let
          b:f32[3] = neg a
        in (a,) }"
    `);
  });
  it("reductions over no axes: max/min always, sums only where 0 + x = x", () => {
    const g = trace((x, i) => [lax.reduceMax(x, []), lax.reduceSum(x, []), lax.reduceSum(i, [])], f32(3), aval("int32", 3));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3] b:i32[3]. let
          c:f32[3] = reduce_sum[axes=()] a
        in (a, c, b) }"
    `);
  });
  it("composes transposes and removes identity permutations", () => {
    const g = trace((x) => [lax.transpose(lax.transpose(x, [1, 2, 0]), [2, 0, 1]), lax.transpose(lax.transpose(x, [1, 0, 2]), [0, 2, 1])], f32(2, 3, 4));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2,3,4]. let
          b:f32[3,4,2] = transpose[permutation=(1, 2, 0)] a
          c:f32[3,2,4] = transpose[permutation=(1, 0, 2)] a
          d:f32[3,4,2] = transpose[permutation=(1, 2, 0)] a
        in (a, d) }"
    `);
  });
  it("collapses reshape chains", () => {
    const g = trace((x) => [lax.reshape(lax.reshape(x, [6, 4]), [24]), lax.reshape(lax.squeeze(lax.reshape(x, [1, 24]), [0]), [2, 3, 4])], f32(2, 3, 4));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2,3,4]. let
          b:f32[6,4] = reshape[newSizes=(6, 4)] a
          c:f32[24] = reshape[newSizes=(24,)] a
          d:f32[1,24] = reshape[newSizes=(1, 24)] a
          e:f32[24] = reshape[newSizes=(24,)] a
        in (c, a) }"
    `);
  });
  it("folds NumPy-compatible broadcasts into elementwise consumers", () => {
    const g = trace((x, s, b) => [
      lax.mul(lax.broadcastInDim(s, [2, 3], []), x),
      lax.add(x, lax.broadcastInDim(b, [2, 3], [1])),
      lax.add(lax.broadcastInDim(s, [2, 3], []), lax.broadcastInDim(s, [2, 3], [])),
    ], f32(2, 3), f32(), f32(3));
    expect(runPass(simplify, g)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2,3] b:f32[] c:f32[3]. let
          d:f32[2,3] = broadcast_in_dim[shape=(2, 3) broadcastDimensions=()] b
          e:f32[2,3] = mul b a
          f:f32[2,3] = broadcast_in_dim[shape=(2, 3) broadcastDimensions=(1,)] c
          g:f32[2,3] = add a c
          h:f32[2,3] = broadcast_in_dim[shape=(2, 3) broadcastDimensions=()] b
          i:f32[2,3] = broadcast_in_dim[shape=(2, 3) broadcastDimensions=()] b
          j:f32[2,3] = add b i
        in (e, g, j) }"
    `);
  });
});

describe("optimize", () => {
  it("runs the pipeline to a fixed point, verifying after every pass", () => {
    const f = (x: Array, w: Array) => {
      const scale = lax.add(lit(1), lit(0)); // folds to 1, then x*1 goes
      const h = lax.mul(lax.dotGeneral(x, w, [[1], [0]]), scale);
      const dead = lax.exp(h);
      void dead;
      return [lax.tanh(h), lax.tanh(lax.stopGradient(h))];
    };
    const g = trace(f, f32(4, 3), f32(3, 2));
    const out = optimize(g, { verify: true });
    verifyGraph(out);
    expect(printGraph(out)).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[4,3] b:f32[3,2]. let
          c:f32[4,2] = dot_general[contracting=((1,), (0,)) batch=((), ())] a b
          d:f32[4,2] = tanh c
        in (d, d) }"
    `);
    expect(optimize(out)).toBe(out);
  });
});
