import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ShapedArray } from "../aval.js";
import * as jnp from "../jnp/index.js";
import * as lax from "../lax.js";
import { makeGraph } from "../make-graph.js";
import { printGraph } from "./print.js";
import type { Graph, Var } from "./graph.js";

/** The printed form of traced graphs, pinned as text (the jaxpr-like form in docs and DESIGN.md). */

const f32 = (...shape: number[]) => new ShapedArray(shape, "float32");
const i32 = (...shape: number[]) => new ShapedArray(shape, "int32");

describe("printed graphs", () => {
  it("an elementwise chain with a weak scalar", () => {
    const g = makeGraph((x: KArray, y: KArray) => jnp.add(jnp.multiply(x, y), 1))(f32(3), f32(3));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[3] b:f32[3]. let
          c:f32[3] = mul a b
          d:f32[3] = add c 1:f32[]
        in (d,) }"
    `);
  });

  it("mean with keepdims: reduce_sum, multiplication by fround(1/N), reshape", () => {
    const g = makeGraph((x: KArray) => jnp.mean(x, { axis: -1, keepdims: true }))(f32(2, 3));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2,3]. let
          b:f32[2] = reduce_sum[axes=(1,)] a
          c:f32[2] = mul b 0.3333333432674408:f32[]
          d:f32[2,1] = reshape[newSizes=(2, 1)] c
        in (d,) }"
    `);
  });

  it("batched matmul with a broadcast batch axis", () => {
    const g = makeGraph((a: KArray, b: KArray) => jnp.matmul(a, b))(f32(1, 2, 3), f32(4, 3, 5));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[1,2,3] b:f32[4,3,5]. let
          c:f32[4,2,3] = broadcast_in_dim[shape=(4, 2, 3) broadcastDimensions=(0, 1, 2)] a
          d:f32[4,2,5] = dot_general[contracting=((2,), (1,)) batch=((0,), (0,))] c b
        in (d,) }"
    `);
  });

  it("a dense layer and argmax, on a pytree of parameters (keys in sorted order)", () => {
    const g = makeGraph((params: { w: KArray; b: KArray }, x: KArray) => {
      const h = jnp.add(jnp.matmul(x, params.w), params.b);
      return jnp.argmax(h, { axis: 1 });
    })({ w: f32(3, 2), b: f32(2) }, f32(4, 3));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2] b:f32[3,2] c:f32[4,3]. let
          d:f32[4,2] = dot_general[contracting=((1,), (0,)) batch=((), ())] c b
          e:f32[4,2] = add d a
          f:i32[4] = argmax[axis=1 indexDtype=int32] e
        in (f,) }"
    `);
  });

  it("captured concrete arrays are constVars; concrete scalars are literals", () => {
    const table = jnp.array([1, 2, 3], "float32");
    const g = makeGraph((i: KArray) => jnp.multiply(jnp.take(table, i), jnp.array(0.5)))(i32(2));
    expect(g.constVars).toHaveLength(1);
    expect(g.constValues[0]).toBe(table);
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda a:f32[3] ; b:i32[2]. let
          c:f32[3] = reshape[newSizes=(3,)] a
          d:f32[2] = take[axis=0] c b
          e:f32[2] = mul d 0.5:f32[]
        in (e,) }"
    `);
  });

  it("structural ops print their params", () => {
    const g = makeGraph((x: KArray) => {
      const t = lax.transpose(x, [1, 0]);
      const s = lax.slice(t, [0, 1], [3, 2], [2, 1]);
      const p = lax.pad(s, jnp.array(0, "float32"), [[1, 0, 0], [0, 1, 1]]);
      const c = lax.convertElementType(p, "int32");
      return [lax.concatenate([c, c], 0), lax.iota("uint32", [2], 0)];
    })(f32(2, 3));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2,3]. let
          b:f32[3,2] = transpose[permutation=(1, 0)] a
          c:f32[2,1] = slice[startIndices=(0, 1) limitIndices=(3, 2) strides=(2, 1)] b
          d:f32[3,2] = pad[lo=(1, 0) hi=(0, 1) interior=(0, 1)] c 0:f32[]
          e:i32[3,2] = convert_element_type[newDtype=int32] d
          f:i32[6,2] = concatenate[dimension=0] e e
          g:u32[2] = iota[dtype=uint32 shape=(2,) dimension=0]
        in (f, g) }"
    `);
  });

  it("literals: NaN, infinities, -0, and integer, unsigned and bool scalars", () => {
    const g = makeGraph((x: KArray, n: KArray, u: KArray, b: KArray) => [
      jnp.add(jnp.multiply(x, NaN), jnp.maximum(x, -Infinity)),
      jnp.minimum(jnp.multiply(x, -0), Infinity),
      jnp.add(n, -7),
      lax.shiftRightLogical(u, jnp.array(4294967295, "uint32")),
      jnp.logicalAnd(b, true),
    ])(f32(2), i32(2), new ShapedArray([2], "uint32"), new ShapedArray([2], "bool"));
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2] b:i32[2] c:u32[2] d:bool[2]. let
          e:f32[2] = mul a nan:f32[]
          f:f32[2] = max a -inf:f32[]
          g:f32[2] = add e f
          h:f32[2] = mul a -0.0:f32[]
          i:f32[2] = min h inf:f32[]
          j:i32[2] = add b -7:i32[]
          k:u32[2] = shift_right_logical c 4294967295:u32[]
          l:bool[2] = and d 1:bool[]
        in (g, i, j, k, l) }"
    `);
  });

  it("outputs that are inputs, literals or null", () => {
    const g = makeGraph((x: KArray) => ({ same: x, one: 1, half: 0.5, none: null }))(f32());
    expect(g.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[]. let
        in (0.5:f32[], 1:i32[], a) }"
    `);
    expect(makeGraph(() => 3)().toString()).toMatchInlineSnapshot(`
      "{ lambda ; . let
        in (3:i32[],) }"
    `);
  });
});

describe("names", () => {
  const chain = (n: number) => (x: KArray) => {
    let y = x;
    for (let i = 0; i < n; i++) y = lax.neg(y);
    return y;
  };

  it("go a..z, then ba, bb, ... as jaxprs do", () => {
    const text = makeGraph(chain(30))(f32()).toString();
    const defined = [...text.matchAll(/(\w+):f32\[\]/g)].map((m) => m[1]);
    expect(defined.slice(0, 3)).toEqual(["a", "b", "c"]);
    expect(defined.slice(24, 31)).toEqual(["y", "z", "ba", "bb", "bc", "bd", "be"]);
  });

  it("do not depend on what was traced before (a counter local to each graph)", () => {
    const f = (x: KArray) => jnp.tanh(jnp.add(x, x));
    const first = makeGraph(f)(f32(2)).toString();
    makeGraph(chain(50))(f32());
    jnp.add(jnp.ones([2]), 1); // eager work in between
    expect(makeGraph(f)(f32(2)).toString()).toBe(first);
  });

  it("come from the order of definition, not from var ids", () => {
    const v = (id: number): Var => ({ kind: "var", id, aval: f32() });
    const [x, y] = [v(41), v(7)];
    const g: Graph = { constVars: [], inputs: [x], eqns: [{ op: "neg", inputs: [x], params: {}, out: [y] }], outputs: [y] };
    expect(printGraph(g)).toBe("{ lambda ; a:f32[]. let\n    b:f32[] = neg a\n  in (b,) }");
  });
});
