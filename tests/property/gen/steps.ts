import { allDTypes, binaryOps, compareOps, reduceOps, scalarFns, unaryOps, type DType } from "@kiln/core";
import { axesFromBits, broadcastable, broadcastTarget, Dice, permutation, type Aval, type Builder } from "./builder.js";
import type { Ref } from "./program.js";

/** One generated step: which kind of operation, which operands (a, b) and two parameter seeds. */
export interface Choice {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly p: number;
  readonly q: number;
}

type Step = (b: Builder, c: Choice) => number | null;

const sizeOf = (shape: readonly number[]) => shape.reduce((x, y) => x * y, 1);
const ranked = (v: Aval) => v.shape.length >= 1;

/** A second operand for an elementwise op on x: a value converted to x's dtype, or a literal. */
function partner(b: Builder, x: number, c: Choice): Ref {
  const d = b.vals[x]!.dtype;
  if (c.q % 4 === 0) return b.literal(d, c.q >> 2);
  const y = b.pick(c.b)!;
  const conv = broadcastable(b.vals[x]!.shape, b.vals[y]!.shape) ? b.as(y, d) : null;
  return conv ?? b.literal(d, c.q >> 2);
}

const unary: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const ops = unaryOps.filter((op) => scalarFns.unaryFn(op, b.vals[x]!.dtype) !== null);
  return b.emit(ops[c.p % ops.length]!, [x], {});
};

const binary: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const ops = binaryOps.filter((op) => scalarFns.binaryFn(op, b.vals[x]!.dtype) !== null);
  const y = partner(b, x, c);
  const args: Ref[] = c.q % 4 === 1 && typeof y !== "number" ? [y, x] : [x, y];
  return b.emit(ops[c.p % ops.length]!, args, {});
};

const compare: Step = (b, c) => {
  const x = b.pick(c.a)!;
  return b.emit(compareOps[c.p % compareOps.length]!, [x, partner(b, x, c)], {});
};

/** A bool value to select with: an existing one, or a comparison made for the purpose. */
function predicate(b: Builder, c: Choice): Ref | null {
  const existing = b.pick(c.p, (v) => v.dtype === "bool");
  if (existing !== null && c.p % 3 !== 0) return existing;
  const x = b.pick(c.p)!;
  return b.emit(compareOps[c.q % compareOps.length]!, [x, b.literal(b.vals[x]!.dtype, c.q >> 3)], {});
}

const select: Step = (b, c) => {
  const pred = predicate(b, c);
  const x = b.pick(c.a)!;
  const y = partner(b, x, c);
  if (pred === null || !broadcastable(b.avalOf(pred).shape, b.vals[x]!.shape, b.avalOf(y).shape)) return null;
  return b.emit("select_n", c.q % 2 ? [pred, x, y] : [pred, y, x], {});
};

const integerPow: Step = (b, c) => {
  const x = b.pick(c.a, (v) => v.dtype !== "bool");
  return x === null ? null : b.emit("integer_pow", [x], { y: [2, 3, 0, 1, -1, 5, -2, 4, -3][c.p % 9]! });
};

const convert: Step = (b, c) => b.emit("convert_element_type", [b.pick(c.a)!], { newDtype: allDTypes[c.p % allDTypes.length]! });

/** bitcast between 32-bit types; NaNs are replaced by 0 first (their payload bits are not part of the contract). */
const bitcast: Step = (b, c) => {
  let x: Ref | null = b.pick(c.a, (v) => v.dtype !== "bool");
  if (x === null) return null;
  const from = b.avalOf(x).dtype;
  if (from === "float32") {
    const nan = b.emit("ne", [x, x], {});
    x = nan === null ? null : b.emit("select_n", [nan, x, b.literal("float32", 0)], {});
  }
  const targets = (["float32", "int32", "uint32"] as const).filter((d) => d !== from);
  return x === null ? null : b.emit("bitcast_convert_type", [x], { newDtype: targets[c.p % 2]! });
};

const reduce: Step = (b, c) => {
  let x: Ref | null = b.pick(c.a)!;
  const shape = b.vals[x]!.shape;
  const op = reduceOps[c.q % reduceOps.length]!;
  if (op === "reduce_sum" && b.vals[x]!.dtype === "bool") x = b.as(x, "int32");
  const axes = axesFromBits(shape.length, c.p);
  const r = x === null ? null : b.emit(op, [x], { axes });
  if (r === null || !((c.q >> 2) & 1)) return r;
  return b.emit("reshape", [r], { newSizes: shape.map((d, i) => (axes.includes(i) ? 1 : d)) });
};

const argExtreme: Step = (b, c) => {
  const x = b.pick(c.a, (v) => ranked(v) && sizeOf(v.shape) > 0);
  if (x === null) return null;
  const axis = c.p % b.vals[x]!.shape.length;
  const indexDtype: DType = (c.q >> 1) & 1 ? "uint32" : "int32";
  return b.emit(c.q & 1 ? "argmin" : "argmax", [x], { axis, indexDtype });
};

/** dot_general with batch and contracting pairs chosen among the axes of equal size. */
const dot: Step = (b, c) => {
  const xi = b.pick(c.a)!;
  const d = b.vals[xi]!.dtype === "bool" ? "float32" : b.vals[xi]!.dtype;
  const x = b.as(xi, d);
  const y = b.as(b.pick(c.b)!, d);
  if (x === null || y === null) return null;
  const [xs, ys] = [b.avalOf(x).shape, b.avalOf(y).shape];
  const pairs: [number, number][] = [];
  xs.forEach((n, i) => ys.forEach((m, j) => n === m && pairs.push([i, j])));
  const dice = new Dice(c.q);
  const used = [new Set<number>(), new Set<number>()];
  const take = (): [number, number] | null => {
    const free = pairs.filter(([i, j]) => !used[0]!.has(i) && !used[1]!.has(j));
    if (free.length === 0) return null;
    const pair = free[dice.next(free.length)]!;
    used[0]!.add(pair[0]);
    used[1]!.add(pair[1]);
    return pair;
  };
  const batch = c.p & 1 ? [take()].filter((p): p is [number, number] => p !== null) : [];
  const contracting = globalThis.Array.from({ length: (c.p >> 1) % 3 }, take).filter((p): p is [number, number] => p !== null);
  return b.emit("dot_general", [x, y], {
    contracting: [contracting.map((p) => p[0]), contracting.map((p) => p[1])],
    batch: [batch.map((p) => p[0]), batch.map((p) => p[1])],
  });
};

const reshape: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const shape = [...b.vals[x]!.shape];
  const n = sizeOf(shape);
  const options: number[][] = [[n], [1, ...shape], [...shape, 1], permutation(shape.length, c.q).map((i) => shape[i]!)];
  if (shape.length >= 2) options.push([shape[0]! * shape[1]!, ...shape.slice(2)]);
  const split = shape.findIndex((d) => d % 2 === 0 && d > 2);
  if (split >= 0) options.push([...shape.slice(0, split), 2, shape[split]! / 2, ...shape.slice(split + 1)]);
  return b.emit("reshape", [x], { newSizes: options[c.p % options.length]! });
};

const transpose: Step = (b, c) => {
  const x = b.pick(c.a)!;
  return b.emit("transpose", [x], { permutation: permutation(b.vals[x]!.shape.length, c.p) });
};

/** broadcast_in_dim: new axes inserted anywhere, size-1 axes stretched. */
const broadcast: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const { shape, dims } = broadcastTarget(b.vals[x]!.shape, c.p, c.q);
  return b.emit("broadcast_in_dim", [x], { shape, broadcastDimensions: dims });
};

const squeeze: Step = (b, c) => {
  const x = b.pick(c.a, (v) => v.shape.includes(1));
  if (x === null) return null;
  const ones = b.vals[x]!.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  return b.emit("squeeze", [x], { dimensions: ones.filter((_, k) => (c.p >> k) & 1) });
};

const slice: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const dice = new Dice(c.p);
  const shape = b.vals[x]!.shape;
  const startIndices = shape.map((d) => dice.next(d + 1));
  const limitIndices = shape.map((d, i) => d - dice.next(d - startIndices[i]! + 1));
  return b.emit("slice", [x], { startIndices, limitIndices, strides: shape.map(() => 1 + dice.next(3)) });
};

const concatenate: Step = (b, c) => {
  const x = b.pick(c.a, ranked);
  if (x === null) return null;
  const { dtype, shape } = b.vals[x]!;
  const dimension = c.p % shape.length;
  const fits = (v: Aval) => v.dtype === dtype && v.shape.length === shape.length && v.shape.every((d, i) => i === dimension || d === shape[i]);
  const others: Ref[] = [];
  for (let k = 0; k <= c.q % 2; k++) others.push(b.pick(c.b + k, fits)!);
  return b.emit("concatenate", [x, ...others], { dimension });
};

const pad: Step = (b, c) => {
  const x = b.pick(c.a)!;
  const dice = new Dice(c.p);
  const shape = b.vals[x]!.shape;
  const lo = shape.map(() => dice.next(4) - 1);
  const hi = shape.map(() => dice.next(4) - 1);
  const interior = shape.map(() => dice.next(3));
  return b.emit("pad", [x, b.literal(b.vals[x]!.dtype, c.q)], { lo, hi, interior });
};

const iota: Step = (b, c) => {
  const like = b.vals[b.pick(c.a)!]!.shape;
  const shape = like.length > 0 ? like : [1 + (c.q % 4)];
  return b.emit("iota", [], { dtype: allDTypes[c.q % allDTypes.length]!, shape: [...shape], dimension: c.p % shape.length });
};

/** Indices in range for an axis of size n, as a captured constant of the given shape. */
function indexConst(b: Builder, dice: Dice, n: number, shape: number[], dtype: DType): Ref {
  const values = globalThis.Array.from({ length: sizeOf(shape) }, () => dice.next(n));
  return b.constant({ dtype, shape, values });
}

const take: Step = (b, c) => {
  const x = b.pick(c.a, (v) => ranked(v) && v.shape.every((d) => d > 0));
  if (x === null) return null;
  const axis = c.p % b.vals[x]!.shape.length;
  const shape = c.q & 1 ? [c.q % 4] : [1 + (c.q % 3), 1 + ((c.q >> 2) % 2)];
  const idx = indexConst(b, new Dice(c.q), b.vals[x]!.shape[axis]!, shape, (c.q >> 3) & 1 ? "uint32" : "int32");
  return b.emit("take", [x, idx], { axis });
};

const scatterAdd: Step = (b, c) => {
  const xi = b.pick(c.a, ranked);
  const x = xi === null ? null : b.as(xi, b.vals[xi]!.dtype === "int32" ? "int32" : "float32");
  if (x === null) return null;
  const shape = b.avalOf(x).shape;
  const axis = c.p % shape.length;
  const n = 1 + (c.q % 4);
  const idx = indexConst(b, new Dice(c.q), n, [shape[axis]!], "int32");
  return b.emit("scatter_add", [x, idx], { axis, shape: shape.map((d, i) => (i === axis ? n : d)) });
};

const fma: Step = (b, c) => {
  const x = b.as(b.pick(c.a)!, "float32");
  if (x === null) return null;
  const y = partner(b, b.pick(c.a)!, { ...c, q: c.q >> 1 });
  const yf = b.as(y, "float32");
  const z = b.literal("float32", c.p);
  return yf === null ? null : b.emit("fma", c.p & 1 ? [x, yf, z] : [z, x, yf], {});
};

const randomOp: Step = (b, c) => {
  const words = [[0, 0], [0, 42], [0xffffffff, 7]][c.p % 3]!;
  let key: Ref = b.constant({ dtype: "uint32", shape: [2], values: words });
  if ((c.q >> 4) & 1) key = b.emit("random_fold_in", [key, b.literal("uint32", c.q)], {}) ?? key;
  switch (c.q % 3) {
    case 0: return b.emit("random_bits", [key], { shape: c.q & 8 ? [2, 3] : [1 + (c.q % 5)] });
    case 1: return b.emit("random_split", [key], { num: 1 + ((c.q >> 2) % 3) });
    default: return b.emit("random_fold_in", [key, b.literal("uint32", c.q >> 2)], {});
  }
};

export const primitiveSteps: readonly Step[] = [
  unary, unary, unary, binary, binary, binary, compare, select, integerPow, convert, bitcast, reduce, reduce, argExtreme, dot, dot,
  reshape, transpose, broadcast, squeeze, slice, concatenate, pad, iota, take, scatterAdd, fma, randomOp,
];
