import type { BinaryOp, CompareOp, OpName, ReduceOp, UnaryOp } from "@kiln/core";

/**
 * How fusion treats each op, independently of any backend:
 * - view: read through strides by its consumers (views.ts), never a loop of its own;
 * - elementwise: one element of the result from the same element of each (broadcast) operand,
 *   so it joins a region of its shape (an elementwise loop, a reduction's prologue or epilogue,
 *   a dot's epilogue);
 * - reduce: a reduction over some axes, which takes its elementwise producers as its prologue;
 * - dot: dot_general, which takes its elementwise consumers as its epilogue;
 * - op: a kernel of its own (structural, gather/scatter, random, arg-reductions).
 * Each backend gives every op of a class the rule that class needs, in a table typed over the
 * class's ops, so classifying a new op here makes every backend's missing rule a compile error.
 */
export type OpClass = "view" | "elementwise" | "reduce" | "dot" | "op";

export type ElementwiseOp = UnaryOp | BinaryOp | CompareOp | "integer_pow" | "select_n" | "fma" | "convert_element_type" | "bitcast_convert_type";
export type ViewOp = "reshape" | "squeeze" | "transpose" | "broadcast_in_dim" | "slice" | "iota";
export type DotOp = "dot_general";
/** Ops with a kernel of their own. */
export type KernelOp = Exclude<OpName, ElementwiseOp | ViewOp | ReduceOp | DotOp>;

export type OpClassOf<P extends OpName> =
  P extends ElementwiseOp ? "elementwise" : P extends ViewOp ? "view" : P extends ReduceOp ? "reduce" : P extends DotOp ? "dot" : "op";

const elementwise = "elementwise" as const;

/** The class of every op. A missing entry is a type error. */
export const opClass: { readonly [P in OpName]: OpClassOf<P> } = {
  neg: elementwise, exp: elementwise, log: elementwise, log1p: elementwise, expm1: elementwise, tanh: elementwise,
  logistic: elementwise, sin: elementwise, cos: elementwise, sqrt: elementwise, rsqrt: elementwise, abs: elementwise,
  sign: elementwise, floor: elementwise, ceil: elementwise, round: elementwise, erf: elementwise, erfc: elementwise,
  erf_inv: elementwise, not: elementwise, stop_gradient: elementwise,
  add: elementwise, sub: elementwise, mul: elementwise, div: elementwise, rem: elementwise, pow: elementwise,
  max: elementwise, min: elementwise, atan2: elementwise, and: elementwise, or: elementwise, xor: elementwise,
  shift_left: elementwise, shift_right_logical: elementwise, shift_right_arithmetic: elementwise,
  eq: elementwise, ne: elementwise, lt: elementwise, le: elementwise, gt: elementwise, ge: elementwise,
  integer_pow: elementwise, select_n: elementwise, fma: elementwise, convert_element_type: elementwise, bitcast_convert_type: elementwise,
  reduce_sum: "reduce", reduce_max: "reduce", reduce_min: "reduce",
  dot_general: "dot",
  reshape: "view", squeeze: "view", transpose: "view", broadcast_in_dim: "view", slice: "view", iota: "view",
  argmax: "op", argmin: "op", concatenate: "op", pad: "op", take: "op", scatter_add: "op",
  random_bits: "op", random_split: "op", random_fold_in: "op",
};
