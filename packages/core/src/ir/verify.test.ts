import { describe, expect, it } from "vitest";
import type { Array as KArray } from "../array.js";
import { ShapedArray } from "../aval.js";
import * as jnp from "../jnp/index.js";
import * as lax from "../lax.js";
import { makeGraph } from "../make-graph.js";
import * as nn from "../jnp/nn.js";
import type { Atom, Eqn, Graph, Literal, Var } from "./graph.js";
import { VerifyError, verifyGraph } from "./verify.js";

/** The IR verifier accepts every traced graph and rejects hand-broken ones with a clear message. */

const f32 = (...shape: number[]) => new ShapedArray(shape, "float32");

const traced: [string, Graph][] = [
  ["elementwise", makeGraph((x: KArray, y: KArray) => jnp.tanh(jnp.add(jnp.multiply(x, y), 1)))(f32(3), f32(3))],
  ["broadcasting", makeGraph((x: KArray, y: KArray) => jnp.subtract(x, y))(f32(2, 1), f32(3))],
  ["reductions", makeGraph((x: KArray) => [jnp.mean(x, { axis: 0 }), jnp.max(x, { keepdims: true }), jnp.argmin(x, { axis: 1 })])(f32(2, 3))],
  ["matmul", makeGraph((a: KArray, b: KArray) => jnp.matmul(a, b))(f32(2, 2, 3), f32(3))],
  ["softmax", makeGraph((x: KArray) => nn.softmax(x))(f32(4, 5))],
  ["indexing", makeGraph((x: KArray) => jnp.take(jnp.index(x, jnp.s(1), 0), jnp.array([1, 0])))(f32(3, 2))],
  ["constants", makeGraph((x: KArray) => jnp.add(x, jnp.array([1, 2, 3], "float32")))(f32(3))],
  ["structural", makeGraph((x: KArray) => lax.pad(jnp.concatenate([x, x]), jnp.array(0, "float32"), [[1, 1, 1]]))(f32(2))],
  ["random", makeGraph((k: KArray) => lax.randomBits(lax.randomFoldIn(k, jnp.array(3, "uint32")), [4]))(new ShapedArray([2], "uint32"))],
];

describe("verifyGraph accepts traced graphs", () => {
  it.each(traced)("%s", (_name, g) => {
    expect(() => verifyGraph(g)).not.toThrow();
  });
});

/** x:f32[3] -> neg -> exp, as a plain Graph to break by hand. */
function base(): { x: Var; y: Var; z: Var; g: Graph } {
  const x: Var = { kind: "var", id: 0, aval: f32(3) };
  const y: Var = { kind: "var", id: 1, aval: f32(3) };
  const z: Var = { kind: "var", id: 2, aval: f32(3) };
  const eqns: Eqn[] = [
    { op: "neg", inputs: [x], params: {}, out: [y] },
    { op: "exp", inputs: [y], params: {}, out: [z] },
  ];
  return { x, y, z, g: { constVars: [], inputs: [x], eqns, outputs: [z] } };
}

describe("verifyGraph rejects broken graphs", () => {
  it("the unbroken base graph is fine", () => {
    expect(() => verifyGraph(base().g)).not.toThrow();
  });

  const broken: [string, () => Graph, string][] = [
    [
      "use before def (equations swapped)",
      () => {
        const { g } = base();
        return { ...g, eqns: [g.eqns[1]!, g.eqns[0]!] };
      },
      "verify: var 1 (f32[3]) used in equation 0 (exp) before it is defined",
    ],
    [
      "an output that is never defined",
      () => {
        const { g } = base();
        return { ...g, outputs: [{ kind: "var", id: 9, aval: f32(3) }] };
      },
      "verify: var 9 (f32[3]) used in outputs before it is defined",
    ],
    [
      "double def by two equations",
      () => {
        const { x, y, g } = base();
        return { ...g, eqns: [...g.eqns, { op: "neg", inputs: [x], params: {}, out: [y] }] };
      },
      "verify: var 1 defined twice (equation 2 (neg))",
    ],
    [
      "double def of an input",
      () => {
        const { x, g } = base();
        return { ...g, inputs: [x, x] };
      },
      "verify: var 0 defined twice (input)",
    ],
    [
      "an equation redefining an input",
      () => {
        const { x, y, g } = base();
        return { ...g, eqns: [{ op: "neg", inputs: [y], params: {}, out: [x] }] };
      },
      "verify: var 1 (f32[3]) used in equation 0 (neg) before it is defined",
    ],
    [
      "wrong output aval (shape)",
      () => {
        const { x, g } = base();
        const bad: Var = { kind: "var", id: 1, aval: f32(4) };
        return { ...g, eqns: [{ op: "neg", inputs: [x], params: {}, out: [bad] }], outputs: [bad] };
      },
      "verify: equation 0 (neg) declares outputs f32[4] but its rule gives f32[3]",
    ],
    [
      "wrong output aval (dtype)",
      () => {
        const { x, g } = base();
        const bad: Var = { kind: "var", id: 1, aval: new ShapedArray([3], "int32") };
        return { ...g, eqns: [{ op: "lt", inputs: [x, x], params: {}, out: [bad] }], outputs: [bad] };
      },
      "verify: equation 0 (lt) declares outputs i32[3] but its rule gives bool[3]",
    ],
    [
      "an ill-typed equation",
      () => {
        const { x, g } = base();
        const n: Var = { kind: "var", id: 5, aval: new ShapedArray([3], "int32") };
        const out: Var = { kind: "var", id: 6, aval: f32(3) };
        return { ...g, inputs: [x, n], eqns: [{ op: "add", inputs: [x, n], params: {}, out: [out] }], outputs: [out] };
      },
      "verify: equation 0 (add) is ill-typed: add: operand 1 has dtype int32 but operand 0 has float32",
    ],
    [
      "bad params",
      () => {
        const { x, g } = base();
        const out: Var = { kind: "var", id: 1, aval: f32() };
        return { ...g, eqns: [{ op: "reduce_sum", inputs: [x], params: { axes: [1] }, out: [out] }], outputs: [out] };
      },
      "verify: equation 0 (reduce_sum) is ill-typed: reduce_sum: axis 1 is out of range for rank 1",
    ],
    [
      "a non-scalar literal",
      () => {
        const { x, g } = base();
        const lit: Literal = { kind: "literal", value: 1, aval: f32(3) };
        const out: Var = { kind: "var", id: 1, aval: f32(3) };
        const inputs: Atom[] = [x, lit];
        return { ...g, eqns: [{ op: "add", inputs, params: {}, out: [out] }], outputs: [out] };
      },
      "verify: literal 1 in equation 0 (add) is not a scalar",
    ],
    [
      "wrong number of outputs",
      () => {
        const { x, y, z, g } = base();
        return { ...g, eqns: [{ op: "neg", inputs: [x], params: {}, out: [y, z] }], outputs: [y] };
      },
      "verify: equation 0 (neg) declares outputs f32[3], f32[3] but its rule gives f32[3]",
    ],
  ];

  it.each(broken)("%s", (_name, make, message) => {
    const g = make();
    expect(() => verifyGraph(g)).toThrow(VerifyError);
    expect(() => verifyGraph(g)).toThrow(message);
  });
});
