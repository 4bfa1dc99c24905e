import { jnp, lax, type Array, type DType } from "@kiln/core";
import * as random from "@kiln/random";

/**
 * Small graphs that together use every op, each on edge values. tools/stablehlo-cases.ts
 * exports them and records kiln's outputs; tools/stablehlo_xla.py runs the modules on XLA and
 * writes the golden text and XLA's outputs (tests/stablehlo/golden/ops); export.test.ts pins the
 * text and compares kiln's outputs with XLA's.
 */
export interface OpCase {
  readonly name: string;
  readonly fn: (...args: Array[]) => Array | Array[];
  readonly args: () => Array[];
  /**
   * Largest difference in float32 units in the last place between kiln and XLA:CPU, for ops
   * whose float32 algorithm kiln does not copy from XLA (kiln rounds the double result of
   * Math.sin etc.); 0, the default, is bit-exact.
   */
  readonly ulps?: number;
}

const f32 = (values: number[], shape = [values.length]) => jnp.reshape(jnp.array(values, "float32"), shape);
const ints = (values: number[], dtype: DType = "int32", shape = [values.length]) => jnp.reshape(jnp.array(values, dtype), shape);
const bools = (values: boolean[]) => jnp.array(values, "bool");

/** Float edge values: signed zeros, tiny and huge magnitudes, halves, infinities and a NaN. */
const edges = [-Infinity, -1e30, -2.5, -1.5, -1, -0.5, -1e-30, -0, 0, 1e-30, 0.5, 1, 1.5, 2.5, 3.75, 1e30, Infinity, NaN];
/** Values inside (-1, 1) for erf_inv, and a range for the smooth functions. */
const unit = [-0.999, -0.9, -0.5, -0.1, -0, 0, 1e-7, 0.1, 0.3, 0.5, 0.75, 0.9, 0.999];
const smooth = [-20, -5.5, -2, -1, -0.25, -1e-6, 0, 1e-6, 0.25, 1, 2, 5.5, 20, 80];
const positive = [1e-30, 1e-6, 0.01, 0.25, 0.5, 1, 1.5, 2, 10, 1e6, 1e30];
const signedInts = [-2147483648, -65536, -7, -3, -1, 0, 1, 2, 3, 7, 65535, 2147483647];
const unsignedInts = [0, 1, 2, 3, 7, 255, 65536, 2147483647, 2147483648, 4294967295];

/** Arrays a function closes over: exported as constants (a splat, nested lists, hex above 100 elements, empty). */
const captured = {
  floats: jnp.reshape(jnp.array([0.1, -2.5, 1e-7, 3.4e38, -0, 16777216], "float32"), [2, 3]),
  manyFloats: jnp.multiply(jnp.arange(120, undefined, undefined, "float32"), 0.37),
  ints: jnp.array([-2147483648, 0, 2147483647], "int32"),
  manyUints: jnp.multiply(jnp.arange(101, undefined, undefined, "uint32"), 42949672),
  bools: jnp.array([true, false, true], "bool"),
  manyBools: jnp.equal(jnp.remainder(jnp.arange(130, undefined, undefined, "int32"), 3), 0),
  splat: jnp.full([2, 2], -1.5, "float32"),
  empty: jnp.zeros([2, 0], "int32"),
};

const unaryFloat = (name: string, fn: (x: Array) => Array, values: number[], ulps = 0): OpCase => ({ name, fn, args: () => [f32(values)], ulps });

export const opCases: readonly OpCase[] = [
  unaryFloat("neg", lax.neg, edges),
  unaryFloat("exp", lax.exp, smooth),
  unaryFloat("log", lax.log, [...positive, 0, -1, Infinity]),
  unaryFloat("log1p", lax.log1p, [-0.999, -0.5, ...smooth.filter((x) => x > -1)]),
  unaryFloat("expm1", lax.expm1, smooth),
  unaryFloat("tanh", lax.tanh, smooth),
  unaryFloat("logistic", lax.logistic, smooth),
  unaryFloat("sin", lax.sin, smooth),
  unaryFloat("cos", lax.cos, smooth),
  unaryFloat("sqrt", lax.sqrt, [...positive, 0, -1]),
  unaryFloat("rsqrt", lax.rsqrt, positive, 1),
  unaryFloat("abs", lax.abs, edges),
  unaryFloat("sign", lax.sign, edges),
  unaryFloat("floor_ceil_round", (x) => jnp.stack([lax.floor(x), lax.ceil(x), lax.round(x)]), edges),
  unaryFloat("erf", lax.erf, smooth),
  unaryFloat("erfc", lax.erfc, smooth),
  unaryFloat("erf_inv", lax.erfInv, unit),
  { name: "stop_gradient", fn: (x) => lax.mul(lax.stopGradient(x), x), args: () => [f32([1, 2, 3])] },
  {
    name: "int_unary",
    fn: (i, u, b) => [lax.neg(i), lax.abs(i), lax.sign(i), lax.bitwiseNot(i), lax.floor(i), lax.round(i), lax.neg(u), lax.abs(u), lax.sign(u), lax.bitwiseNot(u), lax.ceil(u), lax.bitwiseNot(b)],
    args: () => [ints(signedInts), ints(unsignedInts, "uint32"), bools([true, false, true, false, false, true, true, false, true, true, false, false])],
  },
  {
    name: "float_binary",
    fn: (x, y) => [lax.add(x, y), lax.sub(x, y), lax.mul(x, y), lax.div(x, y), lax.rem(x, y), lax.max(x, y), lax.min(x, y)],
    args: () => [f32([1.5, -2, 0, -0, 7, -7, 1e30, Infinity, NaN, 3]), f32([0.25, 3, -0, 0, 2.5, 2.5, 1e30, 2, 1, NaN])],
  },
  { name: "pow", fn: (x, y) => lax.pow(x, y), args: () => [f32([2, 2, 0.5, 10, 1.5, 0, 3, 1]), f32([3, -1, 0.5, -2, 2.5, 2, 0, 100])] },
  // not atan2(-0, x < 0): XLA:CPU gives +pi there, kiln (IEEE, Math.atan2) -pi (docs/stablehlo.md)
  { name: "atan2", fn: (y, x) => lax.atan2(y, x), args: () => [f32([1, -1, 0, -0, 2, -3, 1e-6, 5]), f32([1, 1, -1, 1, -0.5, 0, 1, -1e-3])], ulps: 1 },
  {
    name: "int_binary",
    fn: (x, y) => [lax.add(x, y), lax.sub(x, y), lax.mul(x, y), lax.div(x, y), lax.rem(x, y), lax.max(x, y), lax.min(x, y), lax.bitwiseAnd(x, y), lax.bitwiseOr(x, y), lax.bitwiseXor(x, y)],
    args: () => [ints([7, -7, 7, -7, -2147483648, 2147483647, 5, 0, 12, -1]), ints([2, 2, -2, -2, -1, 2, 0, 3, 5, 7])],
  },
  {
    name: "uint_binary",
    fn: (x, y) => [lax.add(x, y), lax.sub(x, y), lax.mul(x, y), lax.div(x, y), lax.rem(x, y), lax.max(x, y), lax.min(x, y)],
    args: () => [ints([7, 0, 4294967295, 2147483648, 5, 9], "uint32"), ints([2, 1, 2, 3, 0, 4294967295], "uint32")],
  },
  { name: "int_pow", fn: (x, y) => lax.pow(x, y), args: () => [ints([2, -3, 1, -1, -1, 5, 0, 7]), ints([10, 3, -5, -3, -4, -1, 0, 11])] },
  {
    name: "shifts",
    fn: (i, u, s, su) => [lax.shiftLeft(i, s), lax.shiftRightArithmetic(i, s), lax.shiftRightLogical(i, s), lax.shiftLeft(u, su), lax.shiftRightLogical(u, su), lax.shiftRightArithmetic(u, su)],
    args: () => [ints([1, -8, 12345, -1, 7, -2147483648]), ints([1, 2147483648, 12345, 4294967295, 7, 3], "uint32"), ints([0, 3, 31, 32, -1, 40]), ints([0, 3, 31, 32, 4294967295, 40], "uint32")],
  },
  { name: "bool_binary", fn: (a, b) => [lax.bitwiseAnd(a, b), lax.bitwiseOr(a, b), lax.bitwiseXor(a, b), lax.max(a, b), lax.min(a, b)], args: () => [bools([true, true, false, false]), bools([true, false, true, false])] },
  {
    name: "compare",
    fn: (x, y, i, j, u, v, a, b) => [x, i, u, a].flatMap((l, k) => {
      const r = [y, j, v, b][k]!;
      return [lax.eq(l, r), lax.ne(l, r), lax.lt(l, r), lax.le(l, r), lax.gt(l, r), lax.ge(l, r)];
    }),
    args: () => [f32([1, -0, NaN, 2, -Infinity]), f32([1, 0, NaN, 3, -1]), ints([1, -5, 3, 0, 2]), ints([1, 5, -3, 0, 3]), ints([1, 4294967295, 3, 0, 2], "uint32"), ints([1, 5, 2147483648, 0, 3], "uint32"), bools([true, false, true, false, true]), bools([true, true, false, false, false])],
  },
  {
    name: "integer_pow",
    fn: (x, i) => [lax.integerPow(x, 0), lax.integerPow(x, 1), lax.integerPow(x, 2), lax.integerPow(x, 3), lax.integerPow(x, 5), lax.integerPow(x, -1), lax.integerPow(x, -2), lax.integerPow(i, 3)],
    args: () => [f32([-2.5, -1, 0, 0.5, 1.1, 3, 1e10]), ints([-3, -1, 0, 1, 2, 1000, 2000])],
  },
  { name: "select_n", fn: (p, a, b) => lax.select(p, a, b), args: () => [bools([true, false, true, false]), f32([1, 2, 3, 4]), f32([-1, -2, -3, -4])] },
  // broadcasting operands (a scalar predicate and a row) and a literal
  { name: "select_n_broadcast", fn: (p, a) => jnp.where(p, a, 0), args: () => [bools([true, false, true]), f32([1.5, 2, -3, 4, 5, 6], [2, 3])] },
  { name: "fma", fn: (a, b, c) => lax.fma(a, b, c), args: () => [f32([1.1, 3.3, 1e-4, -2]), f32([1.3, 7.7, 3e5, 0.3]), f32([-1.43, 2, 1, 0.6])] },
  {
    name: "convert_element_type",
    fn: (x, i, u, b) => [
      lax.convertElementType(x, "int32"), lax.convertElementType(x, "uint32"), lax.convertElementType(x, "bool"),
      lax.convertElementType(i, "float32"), lax.convertElementType(i, "uint32"), lax.convertElementType(i, "bool"),
      lax.convertElementType(u, "float32"), lax.convertElementType(u, "int32"), lax.convertElementType(b, "float32"), lax.convertElementType(b, "int32"), lax.convertElementType(x, "float32"),
    ],
    args: () => [f32([-1e10, -2.7, -0.5, -0, 0.5, 2.7, 3e9, 5e9, NaN, Infinity]), ints([-2147483648, -7, -1, 0, 1, 7, 16777217, 65536, 2147483647, 3]), ints([0, 1, 7, 16777217, 2147483648, 4294967295, 3, 9, 10, 11], "uint32"), bools([true, false, true, true, false, false, true, false, true, false])],
  },
  {
    name: "bitcast_convert_type",
    fn: (x, i) => [lax.bitcastConvertType(x, "uint32"), lax.bitcastConvertType(x, "int32"), lax.bitcastConvertType(i, "float32"), lax.bitcastConvertType(i, "uint32")],
    args: () => [f32([1, -0, -2.5, Infinity]), ints([1065353216, -1082130432, 0, 1])],
  },
  {
    name: "reductions",
    fn: (x, i, u, b) => [lax.reduceSum(x, [1]), lax.reduceMax(x, [0]), lax.reduceMin(x, [0, 1]), lax.reduceSum(i, [0]), lax.reduceMax(i, [1]), lax.reduceMin(u, [1]), lax.reduceMax(u, [0, 1]), lax.reduceMax(b, [1]), lax.reduceMin(b, [1]), lax.reduceSum(x, [])],
    args: () => [f32([1.5, -2, 0.25, 3, -7, 0.5], [2, 3]), ints([5, -3, 2147483647, 1, 1, 2], "int32", [2, 3]), ints([5, 4294967295, 0, 1, 7, 2], "uint32", [2, 3]), jnp.reshape(bools([true, false, false, false, false, false]), [2, 3])],
  },
  {
    name: "argmax_argmin",
    fn: (x, i) => [lax.argmax(x, 1), lax.argmin(x, 1), lax.argmax(x, 0, "uint32"), lax.argmin(i, 0), lax.argmax(i, 1)],
    args: () => [f32([1, 3, 3, -1, NaN, 2, 5, 0, -Infinity, -2, -2, 7], [3, 4]), ints([1, 9, -3, 9, 0, 2, -3, 9, 4, 4, 1, -8], "int32", [3, 4])],
  },
  {
    name: "dot_general",
    fn: (a, b, c, d) => [
      lax.dotGeneral(a, b, [[1], [0]]),
      lax.dotGeneral(c, d, [[2], [1]], [[0], [0]]),
      lax.dotGeneral(jnp.reshape(a, [6]), jnp.reshape(b, [6]), [[], []]),
    ],
    args: () => [f32([1, 2, 3, 4, 5, 6], [2, 3]), f32([0.5, -1, 2, 0.25, 3, -0.125], [3, 2]), f32(globalThis.Array.from({ length: 12 }, (_, k) => k / 4 - 1), [2, 2, 3]), f32(globalThis.Array.from({ length: 12 }, (_, k) => 1 - k / 8), [2, 3, 2])],
  },
  { name: "int_dot", fn: (a, b) => jnp.matmul(a, b), args: () => [ints([1, -2, 3, 4, 5, -6], "int32", [2, 3]), ints([7, 8, -9, 10, 11, 12], "int32", [3, 2])] },
  {
    name: "shape_ops",
    fn: (x) => [lax.reshape(x, [3, 2]), lax.transpose(x, [1, 0]), lax.broadcastInDim(lax.reshape(x, [2, 1, 3]), [2, 4, 3], [0, 1, 2]), lax.squeeze(lax.reshape(x, [1, 2, 3]), [0])],
    args: () => [f32([1, 2, 3, 4, 5, 6], [2, 3])],
  },
  {
    name: "concatenate_slice_pad",
    fn: (x, y) => [
      lax.concatenate([x, y, x], 1), lax.slice(x, [0, 1], [2, 3]), lax.slice(lax.concatenate([x, y], 1), [0, 0], [2, 5], [1, 2]),
      lax.pad(x, jnp.asarray(0.5, "float32"), [[1, -1, 0], [0, 2, 1]]),
    ],
    args: () => [f32([1, 2, 3, 4, 5, 6], [2, 3]), f32([-1, -2, -3, -4], [2, 2])],
  },
  { name: "iota", fn: () => [lax.iota("int32", [4]), lax.iota("float32", [2, 3], 1), lax.iota("uint32", [3, 2], 0), lax.iota("bool", [3])], args: () => [] },
  {
    name: "take",
    fn: (x, idx, idx2) => [lax.take(x, idx, 0), lax.take(x, idx2, 1), lax.take(lax.reshape(x, [12]), jnp.asarray(5, "int32"), 0)],
    args: () => [f32(globalThis.Array.from({ length: 12 }, (_, k) => k - 0.5), [3, 4]), ints([2, 0, 2, 1]), ints([3, 0, 1, 1, 2, 3], "uint32", [2, 3])],
  },
  {
    name: "scatter_add",
    fn: (u, idx, u2, idx2) => [lax.scatterAdd(u, idx, 0, [3, 2]), lax.scatterAdd(u2, idx2, 1, [2, 4])],
    args: () => [f32([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), ints([2, 0, 2, 1]), f32(globalThis.Array.from({ length: 12 }, (_, k) => k), [2, 2, 3]), ints([3, 0, 1, 1, 3, 3], "int32", [2, 3])],
  },
  // zero-size arrays: an empty input, a sum over an empty axis (an empty constant is in "constants")
  { name: "empty", fn: (x) => [lax.reduceSum(x, [0]), lax.add(x, x), lax.concatenate([x, x], 0)], args: () => [jnp.zeros([0, 3])] },
  { name: "constants", fn: () => Object.values(captured).map((a) => lax.stopGradient(a)), args: () => [] },
  {
    name: "random",
    fn: (k) => [lax.randomBits(k, [3, 4]), lax.randomBits(k, []), lax.randomSplit(k, 3), lax.randomFoldIn(k, jnp.asarray(7, "uint32"))],
    args: () => [random.keyData(random.key(42))],
  },
  {
    name: "random_samplers",
    fn: (k) => [random.uniform(random.wrapKeyData(k), [5]), random.normal(random.wrapKeyData(k), [2, 3]), random.keyData(random.split(random.wrapKeyData(k), 4)[3]!)],
    args: () => [random.keyData(random.key(0))],
  },
];
