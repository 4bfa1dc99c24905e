import type { Array } from "./array.js";
import type { DType } from "./dtype.js";
import type { BinaryOp, CompareOp, UnaryOp } from "./ops/op-names.js";
import { bind1, bind } from "./trace.js";
import type { Shape } from "./shape.js";

/**
 * `lax`: one function per primitive, strict about dtypes (no promotion), as jax.lax is.
 * jnp builds NumPy semantics (promotion, weak scalars, axis arguments) on top of these.
 */
const un = (op: UnaryOp) => (x: Array): Array => bind1(op, [x], {});
const bin = (op: BinaryOp | CompareOp) => (x: Array, y: Array): Array => bind1(op, [x, y], {});

export const neg = un("neg");
export const exp = un("exp");
export const log = un("log");
export const log1p = un("log1p");
export const expm1 = un("expm1");
export const tanh = un("tanh");
export const logistic = un("logistic");
export const sin = un("sin");
export const cos = un("cos");
export const sqrt = un("sqrt");
export const rsqrt = un("rsqrt");
export const abs = un("abs");
export const sign = un("sign");
export const floor = un("floor");
export const ceil = un("ceil");
export const round = un("round");
export const erf = un("erf");
/** lax.erfc: 1 - erf(x), computed without the cancellation (XLA's chlo.erfc, float32). */
export const erfc = un("erfc");
export const erfInv = un("erf_inv");
export const bitwiseNot = un("not");
/** Identity whose derivative is zero. */
export const stopGradient = un("stop_gradient");

export const add = bin("add");
export const sub = bin("sub");
export const mul = bin("mul");
export const div = bin("div");
export const rem = bin("rem");
export const pow = bin("pow");
export const max = bin("max");
export const min = bin("min");
export const atan2 = bin("atan2");
export const bitwiseAnd = bin("and");
export const bitwiseOr = bin("or");
export const bitwiseXor = bin("xor");
export const shiftLeft = bin("shift_left");
export const shiftRightLogical = bin("shift_right_logical");
export const shiftRightArithmetic = bin("shift_right_arithmetic");
export const eq = bin("eq");
export const ne = bin("ne");
export const lt = bin("lt");
export const le = bin("le");
export const gt = bin("gt");
export const ge = bin("ge");

export const integerPow = (x: Array, y: number): Array => bind1("integer_pow", [x], { y });
/** `pred ? onTrue : onFalse`, elementwise (lax.select). */
export const select = (pred: Array, onTrue: Array, onFalse: Array): Array => bind1("select_n", [pred, onFalse, onTrue], {});
/** float32 a*b+c rounded once. */
export const fma = (a: Array, b: Array, c: Array): Array => bind1("fma", [a, b, c], {});
export const convertElementType = (x: Array, newDtype: DType): Array =>
  x.dtype === newDtype ? x : bind1("convert_element_type", [x], { newDtype });
export const bitcastConvertType = (x: Array, newDtype: DType): Array => bind1("bitcast_convert_type", [x], { newDtype });

export const reduceSum = (x: Array, axes: readonly number[]): Array => bind1("reduce_sum", [x], { axes });
export const reduceMax = (x: Array, axes: readonly number[]): Array => bind1("reduce_max", [x], { axes });
export const reduceMin = (x: Array, axes: readonly number[]): Array => bind1("reduce_min", [x], { axes });
export const argmax = (x: Array, axis: number, indexDtype: DType = "int32"): Array => bind1("argmax", [x], { axis, indexDtype });
export const argmin = (x: Array, axis: number, indexDtype: DType = "int32"): Array => bind1("argmin", [x], { axis, indexDtype });

export const dotGeneral = (
  lhs: Array,
  rhs: Array,
  contracting: readonly [readonly number[], readonly number[]],
  batch: readonly [readonly number[], readonly number[]] = [[], []],
): Array => bind1("dot_general", [lhs, rhs], { contracting, batch });

export const reshape = (x: Array, newSizes: Shape): Array => bind1("reshape", [x], { newSizes: [...newSizes] });
export const transpose = (x: Array, permutation: readonly number[]): Array => bind1("transpose", [x], { permutation: [...permutation] });
export const broadcastInDim = (x: Array, shape: Shape, broadcastDimensions: readonly number[]): Array =>
  bind1("broadcast_in_dim", [x], { shape: [...shape], broadcastDimensions: [...broadcastDimensions] });
export const squeeze = (x: Array, dimensions: readonly number[]): Array => bind1("squeeze", [x], { dimensions: [...dimensions] });
export const concatenate = (xs: readonly Array[], dimension: number): Array => bind1("concatenate", xs, { dimension });
export const slice = (x: Array, startIndices: readonly number[], limitIndices: readonly number[], strides?: readonly number[]): Array =>
  bind1("slice", [x], { startIndices: [...startIndices], limitIndices: [...limitIndices], strides: strides ? [...strides] : startIndices.map(() => 1) });
export const pad = (x: Array, paddingValue: Array, config: readonly (readonly [number, number, number])[]): Array =>
  bind1("pad", [x, paddingValue], { lo: config.map((c) => c[0]), hi: config.map((c) => c[1]), interior: config.map((c) => c[2]) });
export const iota = (dtype: DType, shape: Shape, dimension = 0): Array => bind1("iota", [], { dtype, shape: [...shape], dimension });
export const take = (x: Array, indices: Array, axis: number): Array => bind1("take", [x, indices], { axis });
export const scatterAdd = (updates: Array, indices: Array, axis: number, shape: Shape): Array =>
  bind1("scatter_add", [updates, indices], { axis, shape: [...shape] });

export const randomBits = (keyData: Array, shape: Shape): Array => bind1("random_bits", [keyData], { shape: [...shape] });
export const randomSplit = (keyData: Array, num: number): Array => bind1("random_split", [keyData], { num });
export const randomFoldIn = (keyData: Array, data: Array): Array => bind1("random_fold_in", [keyData, data], {});

export { bind };
