import type { DType } from "../dtype.js";
import type { Shape } from "../shape.js";

/** Elementwise ops of one operand; the result has the operand's shape and dtype. */
export const unaryOps = [
  "neg", "exp", "log", "log1p", "expm1", "tanh", "logistic", "sin", "cos", "sqrt", "rsqrt",
  "abs", "sign", "floor", "ceil", "round", "erf", "erfc", "erf_inv", "not", "stop_gradient",
] as const;
export type UnaryOp = (typeof unaryOps)[number];

/** Elementwise ops of two operands of one dtype, NumPy-broadcast; the result has that dtype. */
export const binaryOps = [
  "add", "sub", "mul", "div", "rem", "pow", "max", "min", "atan2",
  "and", "or", "xor", "shift_left", "shift_right_logical", "shift_right_arithmetic",
] as const;
export type BinaryOp = (typeof binaryOps)[number];

/** Comparisons: two operands of one dtype, NumPy-broadcast; the result is bool. */
export const compareOps = ["eq", "ne", "lt", "le", "gt", "ge"] as const;
export type CompareOp = (typeof compareOps)[number];

export const reduceOps = ["reduce_sum", "reduce_max", "reduce_min"] as const;
export type ReduceOp = (typeof reduceOps)[number];

/** Parameters of every op, by name. Ops without parameters take `{}`. */
export interface OpParams
  extends Record<UnaryOp | BinaryOp | CompareOp, Record<string, never>>,
    Record<ReduceOp, { readonly axes: readonly number[] }> {
  integer_pow: { readonly y: number };
  select_n: Record<string, never>; // (pred, onFalse, onTrue)
  fma: Record<string, never>; // float32 fused multiply-add, rounded once (XLA:CPU contracts a*b+c)
  convert_element_type: { readonly newDtype: DType };
  bitcast_convert_type: { readonly newDtype: DType };
  argmax: { readonly axis: number; readonly indexDtype: DType };
  argmin: { readonly axis: number; readonly indexDtype: DType };
  dot_general: {
    readonly contracting: readonly [readonly number[], readonly number[]];
    readonly batch: readonly [readonly number[], readonly number[]];
  };
  reshape: { readonly newSizes: Shape };
  transpose: { readonly permutation: readonly number[] };
  broadcast_in_dim: { readonly shape: Shape; readonly broadcastDimensions: readonly number[] };
  squeeze: { readonly dimensions: readonly number[] };
  concatenate: { readonly dimension: number };
  slice: { readonly startIndices: readonly number[]; readonly limitIndices: readonly number[]; readonly strides: readonly number[] };
  pad: { readonly lo: readonly number[]; readonly hi: readonly number[]; readonly interior: readonly number[] }; // (operand, paddingValue)
  iota: { readonly dtype: DType; readonly shape: Shape; readonly dimension: number };
  take: { readonly axis: number }; // (operand, integer indices): a gather along one axis
  scatter_add: { readonly axis: number; readonly shape: Shape }; // (updates, indices) -> zeros(shape) with updates added
  random_bits: { readonly shape: Shape }; // (key u32[2]) -> u32[shape], threefry partitionable
  random_split: { readonly num: number }; // (key u32[2]) -> u32[num,2]
  random_fold_in: Record<string, never>; // (key u32[2], data u32[]) -> u32[2]
}

export type OpName = keyof OpParams;

const structuralOps = [
  "integer_pow", "select_n", "fma", "convert_element_type", "bitcast_convert_type", "argmax", "argmin",
  "dot_general", "reshape", "transpose", "broadcast_in_dim", "squeeze", "concatenate", "slice", "pad",
  "iota", "take", "scatter_add", "random_bits", "random_split", "random_fold_in",
] as const satisfies readonly OpName[];

export const allOps: readonly OpName[] = [...unaryOps, ...binaryOps, ...compareOps, ...reduceOps, ...structuralOps];

export function isUnaryOp(op: OpName): op is UnaryOp {
  return (unaryOps as readonly string[]).includes(op);
}
export function isBinaryOp(op: OpName): op is BinaryOp {
  return (binaryOps as readonly string[]).includes(op);
}
export function isCompareOp(op: OpName): op is CompareOp {
  return (compareOps as readonly string[]).includes(op);
}
export function isReduceOp(op: OpName): op is ReduceOp {
  return (reduceOps as readonly string[]).includes(op);
}
/** Elementwise ops: one output element depends only on the same-index (broadcast) input elements. */
export function isElementwiseOp(op: OpName): boolean {
  return isUnaryOp(op) || isBinaryOp(op) || isCompareOp(op) || op === "integer_pow" || op === "select_n" ||
    op === "fma" || op === "convert_element_type" || op === "bitcast_convert_type";
}
