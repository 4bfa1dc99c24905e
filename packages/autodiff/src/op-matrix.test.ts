import { describe, expect, it } from "vitest";
import { jnp, lax, nn, type Array } from "@kiln/core";
import { grad } from "./index.js";

/**
 * The VJP of every differentiable op against central finite differences in float64.
 * Each case builds L(x...) = sum(w * op(x...)) with fixed random weights w. Nonlinear ops have
 * a float64 reference written with Math; linear (structural) ops run on small-integer data,
 * where float32 arithmetic is exact, so differencing kiln's own forward pass is exact too.
 */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Domain = [number, number];
interface Case {
  name: string;
  shapes: number[][];
  domain?: Domain | Domain[];
  /** kiln forward */
  f: (...xs: Array[]) => Array;
  /** float64 elementwise reference (for elementwise cases) */
  ref?: (...xs: number[]) => number;
  /** treat as linear: integer data, FD through kiln */
  linear?: boolean;
  rtol?: number;
}

const unary = (name: string, f: (x: Array) => Array, ref: (x: number) => number, domain: Domain = [-2, 2]): Case =>
  ({ name, shapes: [[3, 4]], domain, f, ref });
const binary = (name: string, f: (x: Array, y: Array) => Array, ref: (x: number, y: number) => number, domain: Domain | Domain[] = [-2, 2]): Case =>
  ({ name, shapes: [[3, 4], [4]], domain, f, ref });

const erfRef = (x: number) => {
  // erf in float64 via its series / continued fraction is overkill: integrate exp(-t^2) with Simpson
  const n = 2000;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return (2 / Math.sqrt(Math.PI)) * (h / 3) * s;
};
const erfInvRef = (y: number) => {
  let x = 0;
  for (let i = 0; i < 60; i++) x -= (erfRef(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
};

const cases: Case[] = [
  unary("neg", jnp.negative, (x) => -x),
  unary("exp", jnp.exp, Math.exp),
  unary("log", jnp.log, Math.log, [0.2, 3]),
  unary("log1p", jnp.log1p, Math.log1p, [-0.5, 3]),
  unary("expm1", jnp.expm1, Math.expm1),
  unary("tanh", jnp.tanh, Math.tanh),
  unary("logistic", jnp.sigmoid, (x) => 1 / (1 + Math.exp(-x))),
  unary("sin", jnp.sin, Math.sin),
  unary("cos", jnp.cos, Math.cos),
  unary("sqrt", jnp.sqrt, Math.sqrt, [0.2, 3]),
  unary("rsqrt", jnp.rsqrt, (x) => 1 / Math.sqrt(x), [0.2, 3]),
  unary("abs", jnp.abs, Math.abs, [0.2, 2]),
  unary("erf", jnp.erf, erfRef, [-1.5, 1.5]),
  unary("erfc", jnp.erfc, (x) => 1 - erfRef(x), [-1.5, 1.5]),
  unary("erfc, |x| > 1 (the exp(-x^2) branch)", jnp.erfc, (x) => 1 - erfRef(x), [1.1, 2.5]),
  unary("erf_inv", jnp.erfinv, erfInvRef, [-0.8, 0.8]),
  unary("square", jnp.square, (x) => x * x),
  unary("integer_pow 3", (x) => jnp.power(x, 3), (x) => x ** 3),
  unary("integer_pow -2", (x) => jnp.power(x, -2), (x) => x ** -2, [0.5, 2]),
  unary("relu", nn.relu, (x) => Math.max(x, 0), [0.1, 2]),
  unary("gelu", (x) => nn.gelu(x, false), (x) => 0.5 * x * (1 + erfRef(x / Math.SQRT2)), [-1.5, 1.5]),
  unary("gelu, x < -1.5", (x) => nn.gelu(x, false), (x) => 0.5 * x * (1 + erfRef(x / Math.SQRT2)), [-4, -1.5]),
  unary("silu", nn.silu, (x) => x / (1 + Math.exp(-x))),
  unary("softplus", nn.softplus, (x) => Math.log1p(Math.exp(x))),
  binary("add", jnp.add, (x, y) => x + y),
  binary("sub", jnp.subtract, (x, y) => x - y),
  binary("mul", jnp.multiply, (x, y) => x * y),
  binary("div", jnp.divide, (x, y) => x / y, [[-2, 2], [0.5, 2]]),
  binary("pow", jnp.power, (x, y) => x ** y, [[0.5, 2], [-1.5, 1.5]]),
  binary("max", jnp.maximum, Math.max),
  binary("min", jnp.minimum, Math.min),
  binary("atan2", jnp.arctan2, Math.atan2, [[0.5, 2], [0.5, 2]]),
  binary("rem", jnp.remainder, (x, y) => x % y, [[0.1, 0.9], [1.1, 1.9]]),
  { name: "fma", shapes: [[5], [5], [5]], f: (a, b, c) => lax.fma(a, b, c), ref: (a, b, c) => a * b + c },
  { name: "where", shapes: [[6], [6]], f: (x, y) => jnp.where(jnp.greater(x, 0), x, y), ref: (x, y) => (x > 0 ? x : y), domain: [[0.1, 1], [-1, 1]] },
  { name: "clip", shapes: [[6]], f: (x) => jnp.clip(x, -0.5, 0.5), ref: (x) => Math.min(Math.max(x, -0.5), 0.5), domain: [-0.4, 0.4] },
];

const linear: Case[] = [
  { name: "reduce_sum", shapes: [[3, 4]], f: (x) => jnp.sum(x, { axis: 1 }), linear: true },
  { name: "mean", shapes: [[4, 4]], f: (x) => jnp.mean(x, { axis: 0, keepdims: true }), linear: true },
  { name: "reshape", shapes: [[3, 4]], f: (x) => jnp.reshape(x, [2, 6]), linear: true },
  { name: "transpose", shapes: [[2, 3, 4]], f: (x) => jnp.transpose(x, [2, 0, 1]), linear: true },
  { name: "broadcast_in_dim", shapes: [[3, 1]], f: (x) => jnp.broadcastTo(x, [2, 3, 4]), linear: true },
  { name: "expandDims+squeeze", shapes: [[3, 4]], f: (x) => jnp.squeeze(jnp.expandDims(x, 1), 1), linear: true },
  { name: "concatenate", shapes: [[2, 3], [4, 3]], f: (a, b) => jnp.concatenate([a, b], 0), linear: true },
  { name: "stack", shapes: [[3], [3]], f: (a, b) => jnp.stack([a, b], 1), linear: true },
  { name: "slice", shapes: [[5, 6]], f: (x) => jnp.index(x, jnp.s(1, 4), jnp.s(0, 6, 2)), linear: true },
  { name: "index int", shapes: [[5, 6]], f: (x) => jnp.index(x, -1), linear: true },
  { name: "pad", shapes: [[2, 3]], f: (x) => lax.pad(x, jnp.asarray(0, "float32"), [[1, 2, 1], [0, 1, 0]]), linear: true },
  { name: "take", shapes: [[4, 3]], f: (x) => jnp.take(x, jnp.array([3, 0, 3]), 0), linear: true },
  { name: "matmul", shapes: [[3, 4], [4, 2]], f: jnp.matmul, linear: true },
  { name: "matmul batched", shapes: [[2, 3, 4], [4, 2]], f: jnp.matmul, linear: true },
  { name: "matmul vector", shapes: [[4], [4, 2]], f: jnp.matmul, linear: true },
  { name: "dot_general batch", shapes: [[2, 3, 4], [2, 4, 5]], f: jnp.matmul, linear: true },
  { name: "dot_general x^T y", shapes: [[4, 3], [4, 2]], f: (x, y) => lax.dotGeneral(x, y, [[0], [0]]), linear: true },
];

const nonElementwise: Case[] = [
  { name: "reduce_max", shapes: [[3, 4]], f: (x) => jnp.max(x, { axis: 1 }), ref: undefined },
  { name: "reduce_min", shapes: [[3, 4]], f: (x) => jnp.min(x, { axis: 0 }), ref: undefined },
  { name: "softmax", shapes: [[2, 5]], f: (x) => nn.softmax(x), ref: undefined },
  { name: "logSoftmax", shapes: [[2, 5]], f: (x) => nn.logSoftmax(x), ref: undefined },
  { name: "logsumexp", shapes: [[2, 5]], f: (x) => jnp.logsumexp(x, { axis: 1 }), ref: undefined },
];

/** float64 references for the non-elementwise nonlinear cases, on row-major data. */
const refs: Record<string, (x: Float64Array, shape: number[]) => Float64Array> = {
  reduce_max: (x, [r, c]) => Float64Array.from({ length: r! }, (_, i) => Math.max(...x.subarray(i * c!, i * c! + c!))),
  reduce_min: (x, [r, c]) => Float64Array.from({ length: c! }, (_, j) => Math.min(...globalThis.Array.from({ length: r! }, (_, i) => x[i * c! + j]!))),
  softmax: (x, [r, c]) => rowwise(x, r!, c!, (row) => { const e = row.map(Math.exp); const s = e.reduce((a, b) => a + b); return e.map((v) => v / s); }),
  logSoftmax: (x, [r, c]) => rowwise(x, r!, c!, (row) => { const s = Math.log(row.map(Math.exp).reduce((a, b) => a + b)); return row.map((v) => v - s); }),
  logsumexp: (x, [r, c]) => Float64Array.from({ length: r! }, (_, i) => Math.log(globalThis.Array.from(x.subarray(i * c!, i * c! + c!)).map(Math.exp).reduce((a, b) => a + b))),
};
function rowwise(x: Float64Array, r: number, c: number, f: (row: number[]) => number[]): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) out.set(f(globalThis.Array.from(x.subarray(i * c, i * c + c))), i * c);
  return out;
}

function sample(shape: number[], domain: Domain, next: () => number, integer: boolean): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return Float64Array.from({ length: n }, () => (integer ? Math.floor(next() * 7) - 3 : Math.fround(domain[0] + (domain[1] - domain[0]) * next())));
}

function check(c: Case, seed: number) {
  const next = rng(seed);
  const domains = c.shapes.map((_, i) => (globalThis.Array.isArray(c.domain?.[0]) ? (c.domain as Domain[])[i]! : ((c.domain as Domain) ?? [-2, 2])));
  const isLinear = !!c.linear;
  const xs = c.shapes.map((s, i) => sample(s, domains[i]!, next, isLinear));
  const arrays = xs.map((x, i) => jnp.reshape(jnp.array(Float32Array.from(x)), c.shapes[i]!));
  const outShape = c.f(...arrays).shape as number[];
  const w = sample(outShape, [-1, 1], next, isLinear);
  const wArr = jnp.reshape(jnp.array(Float32Array.from(w)), outShape);
  const loss = (...a: Array[]) => jnp.sum(jnp.multiply(c.f(...a), wArr));
  const grads = grad(loss, { argnums: c.shapes.map((_, i) => i) })(...arrays) as Array[];

  // float64 objective for finite differences
  const objective = (inputs: Float64Array[]): number => {
    let out: Float64Array;
    if (c.ref) {
      const n = outShape.reduce((a, b) => a * b, 1);
      const reads = inputs.map((x, k) => broadcastReader(c.shapes[k]!, outShape, x));
      out = Float64Array.from({ length: n }, (_, i) => c.ref!(...reads.map((r) => r(i))));
    } else if (isLinear) {
      const a = inputs.map((x, k) => jnp.reshape(jnp.array(Float32Array.from(x)), c.shapes[k]!));
      out = Float64Array.from(c.f(...a).toTypedArray());
    } else {
      out = refs[c.name]!(inputs[0]!, c.shapes[0]!);
    }
    return out.reduce((acc, v, i) => acc + v * w[i]!, 0);
  };
  const h = isLinear ? 1 : 1e-6;
  xs.forEach((x, k) => {
    const g = grads[k]!.toTypedArray();
    for (let i = 0; i < x.length; i++) {
      const plus = xs.map((v) => v.slice());
      const minus = xs.map((v) => v.slice());
      plus[k]![i]! += h;
      minus[k]![i]! -= h;
      const fd = (objective(plus) - objective(minus)) / (2 * h);
      const tol = isLinear ? 0 : (c.rtol ?? 2e-5) * Math.max(1, Math.abs(fd));
      expect(Math.abs(g[i]! - fd), `${c.name}: d/dx${k}[${i}] = ${g[i]} vs finite difference ${fd}`).toBeLessThanOrEqual(tol + (isLinear ? 0 : 1e-6));
    }
  });
}

function broadcastReader(shape: number[], outShape: number[], x: Float64Array): (i: number) => number {
  const lead = outShape.length - shape.length;
  return (i) => {
    let idx = 0;
    let rem = i;
    let stride = 1;
    const coords = new globalThis.Array<number>(outShape.length);
    for (let d = outShape.length - 1; d >= 0; d--) {
      coords[d] = rem % outShape[d]!;
      rem = Math.floor(rem / outShape[d]!);
    }
    for (let d = shape.length - 1; d >= 0; d--) {
      idx += (shape[d] === 1 ? 0 : coords[d + lead]!) * stride;
      stride *= shape[d]!;
    }
    return x[idx]!;
  };
}

describe("VJP of every differentiable op against float64 finite differences", () => {
  for (const c of [...cases, ...linear, ...nonElementwise]) {
    it(c.name, () => {
      check(c, 1234);
      check(c, 99);
    });
  }
});
