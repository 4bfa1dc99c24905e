import { axesFromBits, broadcastable, broadcastTarget, Dice, permutation } from "./builder.js";
import * as f64 from "./f64.js";
import { smoothOpDefs, unaryBounds, unaryDefs, type SmoothInstr, type SmoothProgram, type UnaryName } from "./smooth.js";
import type { Choice } from "./steps.js";

/** Limits that keep float32 well conditioned: every |value| <= MAX_BOUND, every value small. */
const MAX_BOUND = 64;
const MAX_SIZE = 256;

interface Val {
  readonly nd: f64.Nd;
  readonly bound: number;
}

/** Tracks values (computed in float64 on the actual inputs) and their magnitude bounds while generating. */
class Gen {
  readonly vals: Val[];
  readonly instrs: SmoothInstr[] = [];
  constructor(inputs: readonly f64.Nd[]) {
    this.vals = inputs.map((nd) => ({ nd, bound: 2 }));
  }
  pick(a: number, ok: (v: Val) => boolean = () => true): number | null {
    const idx = this.vals.map((_, i) => i).filter((i) => ok(this.vals[i]!)).reverse();
    return idx.length === 0 ? null : idx[a % idx.length]!;
  }
  shape(i: number): readonly number[] {
    return this.vals[i]!.nd.shape;
  }
  bound(i: number): number {
    return this.vals[i]!.bound;
  }
  emit(op: string, args: number[], params: Readonly<Record<string, unknown>>, bound: number | null): void {
    if (bound === null || !(bound <= MAX_BOUND)) return;
    const nd = smoothOpDefs[op]!.f64(args.map((a) => this.vals[a]!.nd), params);
    if (nd.data.length > MAX_SIZE) return;
    this.instrs.push({ op, args, params, shape: nd.shape });
    this.vals.push({ nd, bound });
  }
}

type Step = (g: Gen, c: Choice) => void;
const size = f64.sizeOf;
const unaryNames = Object.keys(unaryDefs) as UnaryName[];

const unary: Step = (g, c) => {
  const op = unaryNames[c.p % unaryNames.length]!;
  const x = g.pick(c.a)!;
  g.emit(op, [x], {}, unaryBounds[op](g.bound(x)));
};

const binary: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const y = g.pick(c.b, (v) => broadcastable(v.nd.shape, g.shape(x)))!;
  const [l, r] = c.q & 1 ? [y, x] : [x, y];
  const [bl, br] = [g.bound(l), g.bound(r)];
  const ops: [string, number | null][] = [
    ["add", bl + br], ["sub", bl + br], ["mul", bl * br], ["divSafe", bl], ["powSafe", bl <= 5 ? 1 + bl * bl : null], ["atan2Safe", Math.PI / 2],
  ];
  const [op, bound] = ops[c.p % ops.length]!;
  g.emit(op, [l, r], {}, bound);
};

const fma: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const y = g.pick(c.b, (v) => broadcastable(v.nd.shape, g.shape(x)))!;
  const z = g.pick(c.q, (v) => broadcastable(v.nd.shape, g.shape(x), g.shape(y)))!;
  g.emit("fma", [x, y, z], {}, g.bound(x) * g.bound(y) + g.bound(z));
};

const reduce: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const shape = g.shape(x);
  const axes = axesFromBits(shape.length, c.p);
  const n = size(axes.map((a) => shape[a]!));
  const op = (["sum", "mean", "logsumexp"] as const)[c.q % 3];
  const bound = op === "sum" ? g.bound(x) * n : op === "mean" ? g.bound(x) : g.bound(x) + Math.log(n);
  g.emit(op, [x], { axes, keepdims: ((c.q >> 2) & 1) === 1 }, bound);
};

const softmax: Step = (g, c) => {
  const x = g.pick(c.a, (v) => v.nd.shape.length >= 1);
  if (x !== null) g.emit("softmax", [x], { axis: c.p % g.shape(x).length }, 1);
};

const transpose: Step = (g, c) => {
  const x = g.pick(c.a)!;
  g.emit("transpose", [x], { perm: permutation(g.shape(x).length, c.p) }, g.bound(x));
};

const reshape: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const shape = [...g.shape(x)];
  const options = [[size(shape)], [1, ...shape], [...shape, 1], permutation(shape.length, c.q).map((i) => shape[i]!)];
  if (shape.length >= 2) options.push([shape[0]! * shape[1]!, ...shape.slice(2)]);
  g.emit("reshape", [x], { shape: options[c.p % options.length]! }, g.bound(x));
};

const broadcast: Step = (g, c) => {
  const x = g.pick(c.a)!;
  g.emit("broadcast", [x], broadcastTarget(g.shape(x), c.p, c.q), g.bound(x));
};

const slice: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const dice = new Dice(c.p);
  const shape = g.shape(x);
  const start = shape.map((d) => dice.next(d));
  const limit = shape.map((d, i) => d - dice.next(d - start[i]!));
  g.emit("slice", [x], { start, limit, strides: shape.map(() => 1 + dice.next(3)) }, g.bound(x));
};

const concat: Step = (g, c) => {
  const x = g.pick(c.a, (v) => v.nd.shape.length >= 1);
  if (x === null) return;
  const shape = g.shape(x);
  const axis = c.p % shape.length;
  const y = g.pick(c.b, (v) => v.nd.shape.length === shape.length && v.nd.shape.every((d, i) => i === axis || d === shape[i]))!;
  g.emit("concat", c.q & 1 ? [y, x] : [x, y], { axis }, Math.max(g.bound(x), g.bound(y)));
};

const where: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const y = g.pick(c.b, (v) => broadcastable(v.nd.shape, g.shape(x)))!;
  const dice = new Dice(c.q);
  const maskShape = g.shape(x).map((d, i) => ((c.p >> i) & 1 ? 1 : d));
  const mask = globalThis.Array.from({ length: size(maskShape) }, () => dice.next(2));
  g.emit("where", [x, y], { mask, maskShape }, Math.max(g.bound(x), g.bound(y)));
};

const pad: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const dice = new Dice(c.p);
  const shape = g.shape(x);
  const lo = shape.map(() => dice.next(4) - 1);
  const hi = shape.map(() => dice.next(4) - 1);
  const interior = shape.map(() => dice.next(3));
  if (shape.some((d, i) => lo[i]! + hi[i]! + d + Math.max(0, d - 1) * interior[i]! < 1)) return; // smooth values are never empty
  const value = [0, 0.5, -1][c.q % 3]!;
  g.emit("pad", [x], { lo, hi, interior, value }, Math.max(g.bound(x), Math.abs(value)));
};

const take: Step = (g, c) => {
  const x = g.pick(c.a, (v) => v.nd.shape.length >= 1);
  if (x === null) return;
  const axis = c.p % g.shape(x).length;
  const dice = new Dice(c.q);
  const indexShape = c.q & 1 ? [1 + (c.q % 3)] : [1 + (c.q % 2), 2];
  const indices = globalThis.Array.from({ length: size(indexShape) }, () => dice.next(g.shape(x)[axis]!));
  g.emit("take", [x], { axis, indices, indexShape }, g.bound(x));
};

const dot: Step = (g, c) => {
  const x = g.pick(c.a)!;
  const y = g.pick(c.b)!;
  const [xs, ys] = [g.shape(x), g.shape(y)];
  const pairs: [number, number][] = [];
  xs.forEach((n, i) => ys.forEach((m, j) => n === m && pairs.push([i, j])));
  const dice = new Dice(c.q);
  const used = [new Set<number>(), new Set<number>()];
  const take = (): [number, number][] => {
    const free = pairs.filter(([i, j]) => !used[0]!.has(i) && !used[1]!.has(j));
    if (free.length === 0) return [];
    const pair = free[dice.next(free.length)]!;
    used[0]!.add(pair[0]);
    used[1]!.add(pair[1]);
    return [pair];
  };
  const batch = c.p & 1 ? take() : [];
  const contracting = globalThis.Array.from({ length: (c.p >> 1) % 3 }, take).flat();
  const k = size(contracting.map(([i]) => xs[i]!));
  const params = { contracting: [contracting.map((p) => p[0]), contracting.map((p) => p[1])], batch: [batch.map((p) => p[0]), batch.map((p) => p[1])] };
  g.emit("dot", [x, y], params, g.bound(x) * g.bound(y) * k);
};

/** x @ y when the shapes fit, else x @ swapaxes(x, -1, -2) (x @ x for a vector). */
const matmul: Step = (g, c) => {
  const x = g.pick(c.a, (v) => v.nd.shape.length >= 1);
  if (x === null) return;
  const xs = g.shape(x);
  const inner = (s: readonly number[], lhs: boolean) => (s.length === 1 ? s[0] : lhs ? s[s.length - 1] : s[s.length - 2]);
  const fits = (s: readonly number[]) => s.length >= 1 && inner(s, false) === inner(xs, true) && broadcastable(xs.slice(0, -2), s.slice(0, -2));
  let y = g.pick(c.b, (v) => fits(v.nd.shape));
  if (y === null || c.q & 1) {
    if (xs.length >= 2) {
      const n = g.vals.length;
      g.emit("transpose", [x], { perm: [...permutation(xs.length - 2, 0), xs.length - 1, xs.length - 2] }, g.bound(x));
      if (g.vals.length === n) return;
      y = n;
    } else y = x;
  }
  g.emit("matmul", [x, y], {}, g.bound(x) * g.bound(y) * inner(xs, true)!);
};

const steps: readonly Step[] = [unary, unary, unary, binary, binary, fma, reduce, softmax, transpose, reshape, broadcast, slice, concat, where, pad, take, dot, matmul];
export const smoothStepCount = steps.length;

export interface SmoothChoices {
  readonly base: readonly number[];
  readonly inputs: readonly { readonly drop: number; readonly ones: number; readonly values: readonly number[] }[];
  readonly steps: readonly Choice[];
  readonly output: number;
}

export function generateSmooth(ch: SmoothChoices): SmoothProgram {
  const inputs = ch.inputs.map((c) => {
    const shape = ch.base.slice(Math.min(c.drop, ch.base.length)).map((d, i) => ((c.ones >> i) & 1 ? 1 : d));
    const values = globalThis.Array.from({ length: size(shape) }, (_, i) => Math.fround(c.values[i % c.values.length]!));
    return { shape, values };
  });
  const g = new Gen(inputs.map((s) => f64.nd(s.shape, s.values)));
  for (const c of ch.steps) steps[c.kind % steps.length]!(g, c);
  const output = ch.output === 0 ? g.vals.length - 1 : g.pick(ch.output)!;
  return { inputs, instrs: g.instrs, output };
}
