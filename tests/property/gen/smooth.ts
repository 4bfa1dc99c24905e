import { jnp, lax, nn, type Array } from "@kiln/core";
import * as f64 from "./f64.js";

/**
 * Smooth programs for the gradient property: only C-infinity operations, written so every
 * input is in a safe domain (log(1 + x^2), x / (1 + y^2), (1 + x^2) ** tanh(y), ...), with a
 * bound on every value's magnitude kept small so float32 stays well conditioned. Each op has a
 * kiln form and an independent float64 form.
 */
type P = Readonly<Record<string, unknown>>;
interface OpDef {
  readonly kiln: (xs: Array[], p: P) => Array;
  readonly f64: (xs: f64.Nd[], p: P) => f64.Nd;
}

const onePlusSq = (x: Array) => jnp.add(1, jnp.square(x));
const unaryDefs = {
  neg: [jnp.negative, (v: number) => -v],
  tanh: [jnp.tanh, Math.tanh],
  sin: [jnp.sin, Math.sin],
  cos: [jnp.cos, Math.cos],
  logistic: [jnp.logistic, (v: number) => 1 / (1 + Math.exp(-v))],
  square: [jnp.square, (v: number) => v * v],
  cube: [(x: Array) => jnp.power(x, 3), (v: number) => v * v * v],
  expTanh: [(x: Array) => jnp.exp(jnp.tanh(x)), (v: number) => Math.exp(Math.tanh(v))],
  expm1Tanh: [(x: Array) => jnp.expm1(jnp.tanh(x)), (v: number) => Math.expm1(Math.tanh(v))],
  logOnePlusSq: [(x: Array) => jnp.log(onePlusSq(x)), (v: number) => Math.log(1 + v * v)],
  log1pSq: [(x: Array) => jnp.log1p(jnp.square(x)), (v: number) => Math.log1p(v * v)],
  sqrtOnePlusSq: [(x: Array) => jnp.sqrt(onePlusSq(x)), (v: number) => Math.sqrt(1 + v * v)],
  rsqrtOnePlusSq: [(x: Array) => jnp.rsqrt(onePlusSq(x)), (v: number) => 1 / Math.sqrt(1 + v * v)],
  erf: [jnp.erf, f64.erf],
} as const satisfies Record<string, readonly [(x: Array) => Array, (v: number) => number]>;
type UnaryName = keyof typeof unaryDefs;

/** Bound of the result given the operand's bound, or null where the op is not allowed. */
const unaryBounds: { readonly [K in UnaryName]: (b: number) => number | null } = {
  neg: (b) => b, tanh: () => 1, sin: () => 1, cos: () => 1, logistic: () => 1,
  square: (b) => (b <= 5 ? b * b : null), cube: (b) => (b <= 3 ? b ** 3 : null),
  expTanh: () => Math.E, expm1Tanh: () => Math.E - 1, logOnePlusSq: (b) => Math.log1p(b * b), log1pSq: (b) => Math.log1p(b * b),
  sqrtOnePlusSq: (b) => Math.sqrt(1 + b * b), rsqrtOnePlusSq: () => 1, erf: (b) => (b <= 3 ? 1 : null),
};

const sumAll = (vals: number[]) => f64.sumOf(vals);
const axesP = (p: P) => p["axes"] as number[];
const opDefs: Readonly<Record<string, OpDef>> = {
  ...Object.fromEntries(Object.entries(unaryDefs).map(([k, [kf, sf]]) => [k, { kiln: ([x]: Array[]) => kf(x!), f64: ([x]: f64.Nd[]) => f64.map(x!, sf) }])),
  add: { kiln: ([x, y]) => jnp.add(x!, y!), f64: (xs) => f64.zip(xs, (a, b) => a! + b!) },
  sub: { kiln: ([x, y]) => jnp.subtract(x!, y!), f64: (xs) => f64.zip(xs, (a, b) => a! - b!) },
  mul: { kiln: ([x, y]) => jnp.multiply(x!, y!), f64: (xs) => f64.zip(xs, (a, b) => a! * b!) },
  divSafe: { kiln: ([x, y]) => jnp.divide(x!, onePlusSq(y!)), f64: (xs) => f64.zip(xs, (a, b) => a! / (1 + b! * b!)) },
  powSafe: { kiln: ([x, y]) => jnp.power(onePlusSq(x!), jnp.tanh(y!)), f64: (xs) => f64.zip(xs, (a, b) => Math.pow(1 + a! * a!, Math.tanh(b!))) },
  atan2Safe: { kiln: ([x, y]) => jnp.arctan2(x!, onePlusSq(y!)), f64: (xs) => f64.zip(xs, (a, b) => Math.atan2(a!, 1 + b! * b!)) },
  fma: { kiln: ([x, y, z]) => lax.fma(x!, y!, z!), f64: (xs) => f64.zip(xs, (a, b, c) => a! * b! + c!) },
  sum: { kiln: ([x], p) => jnp.sum(x!, { axis: axesP(p), keepdims: p["keepdims"] as boolean }), f64: ([x], p) => f64.reduce(x!, axesP(p), p["keepdims"] as boolean, sumAll) },
  mean: {
    kiln: ([x], p) => jnp.mean(x!, { axis: axesP(p), keepdims: p["keepdims"] as boolean }),
    f64: ([x], p) => f64.reduce(x!, axesP(p), p["keepdims"] as boolean, (v) => sumAll(v) / v.length),
  },
  logsumexp: {
    kiln: ([x], p) => jnp.logsumexp(x!, { axis: axesP(p), keepdims: p["keepdims"] as boolean }),
    f64: ([x], p) => f64.reduce(x!, axesP(p), p["keepdims"] as boolean, (v) => Math.log(sumAll(v.map(Math.exp)))),
  },
  softmax: {
    kiln: ([x], p) => nn.softmax(x!, p["axis"] as number),
    f64: ([x], p) => {
      const e = f64.map(x!, Math.exp);
      return f64.zip([e, f64.reduce(e, [p["axis"] as number], true, sumAll)], (a, s) => a! / s!);
    },
  },
  transpose: { kiln: ([x], p) => jnp.transpose(x!, p["perm"] as number[]), f64: ([x], p) => f64.transpose(x!, p["perm"] as number[]) },
  reshape: { kiln: ([x], p) => jnp.reshape(x!, p["shape"] as number[]), f64: ([x], p) => f64.reshape(x!, p["shape"] as number[]) },
  broadcast: {
    kiln: ([x], p) => lax.broadcastInDim(x!, p["shape"] as number[], p["dims"] as number[]),
    f64: ([x], p) => f64.broadcastInDim(x!, p["shape"] as number[], p["dims"] as number[]),
  },
  slice: {
    kiln: ([x], p) => lax.slice(x!, p["start"] as number[], p["limit"] as number[], p["strides"] as number[]),
    f64: ([x], p) => f64.slice(x!, p["start"] as number[], p["limit"] as number[], p["strides"] as number[]),
  },
  concat: { kiln: (xs, p) => jnp.concatenate(xs, p["axis"] as number), f64: (xs, p) => f64.concat(xs, p["axis"] as number) },
  where: {
    kiln: ([x, y], p) => jnp.where(jnp.reshape(jnp.array(p["mask"] as number[], "bool"), p["maskShape"] as number[]), x!, y!),
    f64: ([x, y], p) => f64.zip([f64.nd(p["maskShape"] as number[], p["mask"] as number[]), x!, y!], (m, a, b) => (m ? a! : b!)),
  },
  pad: {
    kiln: ([x], p) => lax.pad(x!, jnp.array(p["value"] as number, "float32"), (p["lo"] as number[]).map((l, i) => [l, (p["hi"] as number[])[i]!, (p["interior"] as number[])[i]!] as const)),
    f64: ([x], p) => f64.pad(x!, p["value"] as number, p["lo"] as number[], p["hi"] as number[], p["interior"] as number[]),
  },
  take: {
    kiln: ([x], p) => jnp.take(x!, jnp.reshape(jnp.array(p["indices"] as number[], "int32"), p["indexShape"] as number[]), p["axis"] as number),
    f64: ([x], p) => f64.take(x!, p["indices"] as number[], p["indexShape"] as number[], p["axis"] as number),
  },
  dot: {
    kiln: ([x, y], p) => lax.dotGeneral(x!, y!, p["contracting"] as [number[], number[]], p["batch"] as [number[], number[]]),
    f64: ([x, y], p) => f64.dotGeneral(x!, y!, p["contracting"] as [number[], number[]], p["batch"] as [number[], number[]]),
  },
  matmul: { kiln: ([x, y]) => jnp.matmul(x!, y!), f64: ([x, y]) => f64.matmul(x!, y!) },
};

export interface SmoothInstr {
  readonly op: string;
  readonly args: readonly number[];
  readonly params: P;
  readonly shape: readonly number[];
}

export interface SmoothProgram {
  readonly inputs: readonly { readonly shape: readonly number[]; readonly values: readonly number[] }[];
  readonly instrs: readonly SmoothInstr[];
  /** The loss is sum(value[output] * weights), weights cycling through [1, -0.5, 0.25, -1, 0.75]. */
  readonly output: number;
}

const weightCycle = [1, -0.5, 0.25, -1, 0.75];
const weightsFor = (n: number) => globalThis.Array.from({ length: n }, (_, i) => weightCycle[i % weightCycle.length]!);

/** The loss with kiln, in float32 (eager or traced). */
export function kilnLoss(p: SmoothProgram): (...xs: Array[]) => Array {
  return (...xs) => {
    const vals = [...xs];
    p.instrs.forEach((ins, k) => {
      const out = opDefs[ins.op]!.kiln(ins.args.map((a) => vals[a]!), ins.params);
      if (out.shape.join() !== ins.shape.join()) throw new Error(`smooth harness: instruction ${k} (${ins.op}) gave ${out.aval}, expected [${ins.shape}]`);
      vals.push(out);
    });
    const out = vals[p.output]!;
    return jnp.sum(jnp.multiply(out, jnp.reshape(jnp.array(weightsFor(out.size), "float32"), out.shape)));
  };
}

/** The same loss in float64. */
export function f64Loss(p: SmoothProgram, xs: readonly f64.Nd[]): number {
  const vals = [...xs];
  for (const ins of p.instrs) vals.push(opDefs[ins.op]!.f64(ins.args.map((a) => vals[a]!), ins.params));
  const w = weightsFor(vals[p.output]!.data.length);
  return f64.sumOf(globalThis.Array.from(vals[p.output]!.data, (v, i) => v * w[i]!));
}

export { opDefs as smoothOpDefs, unaryBounds, unaryDefs, type UnaryName };
