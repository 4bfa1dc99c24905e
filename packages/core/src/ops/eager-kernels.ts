import type { ShapedArray } from "../aval.js";
import { dtypeInfo, type TypedArray } from "../dtype.js";
import { binaryOps, compareOps, unaryOps, type OpName, type OpParams } from "./op-names.js";
import { binaryFn, compareFns, convertFn, fmaFn, integerPowFn, unaryFn } from "./scalar-fns.js";
import { dotGeneral } from "./kernels/dot-general.js";
import { mapElementwise, type Operand } from "./kernels/elementwise.js";
import { argExtreme, reduceExtreme, reduceSum } from "./kernels/reductions.js";
import { randomBits, randomFoldIn, randomSplit } from "./kernels/random.js";
import { broadcastInDim, concatenate, iota, pad, scatterAdd, slice, take, transpose } from "./kernels/structural.js";

/** Computes an op on concrete operands. Shapes were already checked by the op's shape rule. */
export type EagerKernel<P extends OpName> = (inputs: readonly Operand[], params: OpParams[P], out: readonly ShapedArray[]) => TypedArray[];

function tableOf<K extends OpName>(names: readonly K[], make: (op: K) => EagerKernel<K>): { [P in K]: EagerKernel<P> } {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as unknown as { [P in K]: EagerKernel<P> };
}

const first = (out: readonly ShapedArray[]) => out[0]!;

export const eagerKernels: { readonly [P in OpName]: EagerKernel<P> } = {
  ...tableOf(unaryOps, (op) => (inputs, _p, out) => [mapElementwise(first(out), inputs, unaryFn(op, inputs[0]!.aval.dtype)!)]),
  ...tableOf(binaryOps, (op) => (inputs, _p, out) => [mapElementwise(first(out), inputs, binaryFn(op, inputs[0]!.aval.dtype)!)]),
  ...tableOf(compareOps, (op) => (inputs, _p, out) => [mapElementwise(first(out), inputs, compareFns[op])]),
  reduce_sum: ([x], { axes }, out) => [reduceSum(x!, axes, first(out))],
  reduce_max: ([x], { axes }, out) => [reduceExtreme(x!, axes, first(out), true)],
  reduce_min: ([x], { axes }, out) => [reduceExtreme(x!, axes, first(out), false)],
  integer_pow: (inputs, { y }, out) => [mapElementwise(first(out), inputs, integerPowFn(y, inputs[0]!.aval.dtype))],
  select_n: (inputs, _p, out) => [mapElementwise(first(out), inputs, (p, a, b) => (p ? b! : a!))],
  fma: (inputs, _p, out) => [mapElementwise(first(out), inputs, (a, b, c) => fmaFn(a!, b!, c!))],
  convert_element_type: (inputs, { newDtype }, out) => [mapElementwise(first(out), inputs, convertFn(inputs[0]!.aval.dtype, newDtype))],
  // copies the bytes: going through JS numbers would quiet signaling NaNs and lose their bits
  bitcast_convert_type: ([x], { newDtype }) => {
    const out = dtypeInfo[newDtype].create(x!.data.length);
    new Uint8Array(out.buffer).set(new Uint8Array(x!.data.buffer, x!.data.byteOffset, x!.data.byteLength));
    return [out];
  },
  argmax: ([x], { axis }, out) => [argExtreme(x!, axis, first(out), true)],
  argmin: ([x], { axis }, out) => [argExtreme(x!, axis, first(out), false)],
  dot_general: ([l, r], p, out) => [dotGeneral(l!, r!, p, first(out))],
  // reshape and squeeze keep the row-major order, so the immutable buffer is shared
  reshape: ([x]) => [x!.data],
  squeeze: ([x]) => [x!.data],
  transpose: ([x], { permutation }, out) => [transpose(x!, permutation, first(out))],
  broadcast_in_dim: ([x], p, out) => [broadcastInDim(x!, p, first(out))],
  concatenate: (xs, { dimension }, out) => [concatenate(xs, dimension, first(out))],
  slice: ([x], p, out) => [slice(x!, p, first(out))],
  pad: ([x, v], p, out) => [pad(x!, v!.data[0]!, p, first(out))],
  iota: (_inputs, p, out) => [iota(p, first(out))],
  take: ([x, idx], { axis }, out) => [take(x!, idx!, axis, first(out))],
  scatter_add: ([u, idx], p, out) => [scatterAdd(u!, idx!, p, first(out))],
  random_bits: ([key], _p, out) => [randomBits(key!, first(out).size)],
  random_split: ([key], { num }) => [randomSplit(key!, num)],
  random_fold_in: ([key, data]) => [randomFoldIn(key!, data!)],
};
