import { argumentError, Array, checkShape, currentTrace, finiteNumber, jnp, lax, numerics, optionsOf, type Shape } from "@kiln/core";
import { checkKey, split, type Key } from "./key.js";

/**
 * Samplers written with primitives (so they run the same eagerly and inside jit) in exactly
 * JAX's float32 order of operations: see tests/reference/jax-parity.md section 4.
 */
const f32 = (v: number) => jnp.asarray(Math.fround(v), "float32");
const u32 = (v: number) => jnp.asarray(v >>> 0, "uint32");

function shapeArg(fn: string, shape: Shape | undefined): Shape {
  return checkShape(fn, "shape", shape === undefined ? [] : shape);
}

function finite(fn: string, name: string, v: number): number {
  if (typeof v !== "number" || Number.isNaN(v)) throw argumentError(fn, name, `must be a number, got ${v}`);
  return v;
}

/** random.bits(key, shape): uniform uint32 words (partitionable threefry). */
export function bits(key: Key, shape?: Shape): Array {
  return lax.randomBits(checkKey("random.bits", key), shapeArg("random.bits", shape));
}

/** Floats in [0, 1) from the top 23 bits: bitcast((bits >> 9) | 0x3F800000) - 1. */
function unitFloats(key: Key, shape: Shape): Array {
  const b = lax.randomBits(key, shape);
  const mantissa = lax.bitwiseOr(lax.shiftRightLogical(b, u32(9)), u32(0x3f800000));
  return lax.sub(lax.bitcastConvertType(mantissa, "float32"), f32(1));
}

/** max(lo, fma(f, range, lo)) with lo and range already float32: uniform's last step. */
function scaledUniform(key: Key, shape: Shape, lo: number, range: number): Array {
  const f = unitFloats(key, shape);
  // XLA:CPU contracts f * range + minval into an FMA
  return lax.max(f32(lo), lax.fma(f, f32(range), f32(lo)));
}

function uniformRange(key: Key, shape: Shape, minval: number, maxval: number): Array {
  const lo = Math.fround(minval);
  return scaledUniform(key, shape, lo, Math.fround(Math.fround(maxval) - lo));
}

export interface UniformOptions {
  minval?: number;
  maxval?: number;
}

/** random.uniform(key, shape, { minval = 0, maxval = 1 }). */
export function uniform(key: Key, shape?: Shape, options: UniformOptions = {}): Array {
  const fn = "random.uniform";
  checkKey(fn, key);
  optionsOf(fn, options, ["minval", "maxval"]);
  const minval = finiteNumber(fn, "minval", options.minval ?? 0);
  const maxval = finiteNumber(fn, "maxval", options.maxval ?? 1);
  return uniformRange(key, shapeArg(fn, shape), minval, maxval);
}

/** random.normal(key, shape): sqrt(2) * erf_inv(uniform(nextafter(-1, 0), 1)). */
export function normal(key: Key, shape?: Shape): Array {
  checkKey("random.normal", key);
  const u = uniformRange(key, shapeArg("random.normal", shape), numerics.NORMAL_UNIFORM_LO, 1);
  return lax.mul(f32(numerics.SQRT2_F32), lax.erfInv(u));
}

/** random.truncatedNormal(key, lower, upper, shape): JAX's inverse-CDF sampler, clipped inside (lower, upper). */
export function truncatedNormal(key: Key, lower: number, upper: number, shape?: Shape): Array {
  const fn = "random.truncatedNormal";
  checkKey(fn, key);
  finite(fn, "lower", lower);
  finite(fn, "upper", upper);
  const p = numerics.truncatedNormalParams(lower, upper);
  const v = scaledUniform(key, shapeArg(fn, shape), p.a, p.range);
  const out = lax.mul(f32(numerics.SQRT2_F32), lax.erfInv(v));
  return lax.min(lax.max(out, f32(p.lo)), f32(p.hi));
}

/** random.bernoulli(key, p = 0.5, shape): uniform < p. */
export function bernoulli(key: Key, p = 0.5, shape?: Shape): Array {
  const fn = "random.bernoulli";
  checkKey(fn, key);
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw argumentError(fn, "p", `must be a probability in [0, 1], got ${p}`);
  return lax.lt(uniformRange(key, shapeArg(fn, shape), 0, 1), f32(p));
}

/** random.gumbel(key, shape): -log(-log(uniform(tiny, 1))). */
export function gumbel(key: Key, shape?: Shape): Array {
  checkKey("random.gumbel", key);
  const u = uniformRange(key, shapeArg("random.gumbel", shape), 1.1754943508222875e-38, 1);
  return lax.neg(lax.log(lax.neg(lax.log(u))));
}

/**
 * random.categorical(key, logits, { axis = -1, shape }): argmax(gumbel + logits), with JAX's
 * handling of a sample shape that extends the logits' batch shape on the left.
 */
export function categorical(key: Key, logits: Array, options: { axis?: number; shape?: Shape } = {}): Array {
  const fn = "random.categorical";
  checkKey(fn, key);
  optionsOf(fn, options, ["axis", "shape"]);
  const l = jnp.asarray(logits, "float32", fn, "logits");
  const axis = (options.axis ?? -1) < 0 ? (options.axis ?? -1) + l.ndim : options.axis!;
  if (axis < 0 || axis >= l.ndim) throw argumentError(fn, "axis", `${options.axis} is out of range for logits of rank ${l.ndim}`);
  const batch = l.shape.filter((_, i) => i !== axis);
  const shape = options.shape === undefined ? batch : shapeArg(fn, options.shape);
  if (shape.length < batch.length || batch.some((d, i) => shape[shape.length - batch.length + i] !== d)) {
    throw argumentError(fn, "shape", `[${shape.join(", ")}] must end with the logits' batch shape [${batch.join(", ")}]`);
  }
  const prefix = shape.slice(0, shape.length - batch.length);
  const logitsShape = [...shape.slice(shape.length - batch.length)];
  logitsShape.splice(axis, 0, l.shape[axis]!);
  const g = gumbel(key, [...prefix, ...logitsShape]);
  const expanded = prefix.length > 0 ? lax.reshape(l, [...prefix.map(() => 1), ...l.shape]) : l;
  return lax.argmax(lax.add(g, expanded), prefix.length + axis);
}

/**
 * random.permutation(key, x): a shuffled copy of x along axis 0 (or of arange(x) for an
 * integer), with JAX's algorithm: ceil(3 * ln(n) / ln(2^32 - 1)) rounds of stable sorts by
 * fresh random keys. Eagerly the rounds sort on the host; inside jit each stable sort is a
 * rank computation with primitives (O(n^2), so up to 4096 elements), giving the same order.
 */
export function permutation(key: Key, x: number | Array): Array {
  const fn = "random.permutation";
  checkKey(fn, key);
  const arr = typeof x === "number" ? jnp.arange(x) : x;
  if (typeof x === "number" && (!Number.isInteger(x) || x < 0)) throw argumentError(fn, "x", `must be a non-negative integer or an Array, got ${x}`);
  if (arr.ndim === 0) throw argumentError(fn, "x", "must be an integer or an array of rank >= 1");
  const n = arr.shape[0]!;
  const rounds = Math.ceil((3 * Math.log(Math.max(1, n))) / Math.log(4294967295));
  if (currentTrace() !== null) return lax.take(arr, tracedOrder(fn, key, n, rounds), 0);
  let order = globalThis.Array.from({ length: n }, (_, i) => i);
  let k = key;
  for (let r = 0; r < rounds; r++) {
    const [next, sub] = split(k);
    k = next!;
    const sortKeys = lax.randomBits(sub!, [n]).toTypedArray();
    const idx = globalThis.Array.from({ length: n }, (_, i) => i).sort((a, b) => sortKeys[a]! - sortKeys[b]! || a - b);
    order = idx.map((i) => order[i]!);
  }
  return lax.take(arr, jnp.array(Int32Array.from(order)), 0);
}

/** The permutation's index order as primitives: each round ranks the keys stably and reorders. */
function tracedOrder(fn: string, key: Key, n: number, rounds: number): Array {
  if (n > 4096) throw argumentError(fn, "x", `has ${n} entries; inside jit permutation ranks in O(n^2) and supports up to 4096 (call it outside jit)`);
  const rows = lax.iota("int32", [n, 1], 0);
  const cols = lax.iota("int32", [1, n], 1);
  let order = lax.iota("int32", [n], 0);
  let k = key;
  for (let r = 0; r < rounds; r++) {
    const [next, sub] = split(k);
    k = next!;
    const b = lax.randomBits(sub!, [n]);
    const bi = lax.reshape(b, [n, 1]);
    const bj = lax.reshape(b, [1, n]);
    // j sorts before i: a smaller key, or an equal key at a smaller index (a stable sort)
    const before = lax.bitwiseOr(lax.lt(bj, bi), lax.bitwiseAnd(lax.eq(bj, bi), lax.lt(cols, rows)));
    const rank = lax.reduceSum(lax.convertElementType(before, "int32"), [1]);
    // the index whose rank is r goes to position r
    const at = lax.convertElementType(lax.eq(lax.reshape(rank, [n, 1]), cols), "int32");
    const idx = lax.reduceSum(lax.mul(at, rows), [0]);
    order = lax.take(order, idx, 0);
  }
  return order;
}
