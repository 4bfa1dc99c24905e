import { describe, expect, it } from "vitest";
import { Array as KArray } from "../array.js";
import { allDTypes, dtypeInfo, type DType } from "../dtype.js";
import { threefry2x32 } from "../numerics/index.js";
import { bind } from "../trace.js";
import { convertFn } from "./scalar-fns.js";
import { allOps, binaryOps, compareOps, unaryOps, type BinaryOp, type CompareOp, type OpName, type OpParams, type UnaryOp } from "./op-names.js";

/**
 * Every op that is not a plain unary/binary/comparison op (those are in elementwise-ops.test.ts),
 * eagerly, as a table of hand-computed cases. The table's type is a mapped type over the op
 * names, so adding an op without a case here is a compile error.
 */

type StructuralOp = Exclude<OpName, UnaryOp | BinaryOp | CompareOp>;
interface Case<P extends OpName> {
  readonly name: string;
  readonly inputs: readonly KArray[];
  readonly params: OpParams[P];
  /** [shape, dtype, elements] of the single output, or the error message it must throw */
  readonly want: readonly [readonly number[], DType, readonly number[]] | string;
}

const arr = (d: DType, shape: readonly number[], xs: readonly number[]): KArray => KArray.fromData(shape, d, dtypeInfo[d].from(xs));
const f32 = (shape: readonly number[], xs: readonly number[]) => arr("float32", shape, xs);
const i32 = (shape: readonly number[], xs: readonly number[]) => arr("int32", shape, xs);
const u32 = (shape: readonly number[], xs: readonly number[]) => arr("uint32", shape, xs);
const bool = (shape: readonly number[], xs: readonly number[]) => arr("bool", shape, xs);

const f = Math.fround;
const MIN = -2147483648;
const EPS24 = 2 ** -24; // half an ulp of 1 in float32
const m23 = [[2, 3], [1, 2, 3, 4, 5, 6]] as const;
const x23 = f32(...m23);
const key = u32([2], [0, 42]);
const bitsOf = (i: number): number => {
  const [b1, b2] = threefry2x32(0, 42, 0, i);
  return (b1 ^ b2) >>> 0;
};
const sq = (x: number) => f(x * x);
const powInputs = [1.1, -1.7, 3.3, 1e-20, 7e12];

const cases: { readonly [P in StructuralOp]: readonly Case<P>[] } = {
  reduce_sum: [
    { name: "axis 0", inputs: [x23], params: { axes: [0] }, want: [[3], "float32", [5, 7, 9]] },
    { name: "axis 1", inputs: [x23], params: { axes: [1] }, want: [[2], "float32", [6, 15]] },
    { name: "all axes", inputs: [x23], params: { axes: [0, 1] }, want: [[], "float32", [21]] },
    { name: "no axes", inputs: [x23], params: { axes: [] }, want: [[2, 3], "float32", m23[1]] },
    // float32 steps would give 1 (each 1 + 2^-24 ties to even); a double accumulator rounds once
    { name: "double accumulation", inputs: [f32([3], [1, EPS24, EPS24])], params: { axes: [0] }, want: [[], "float32", [1 + 2 ** -23]] },
    { name: "int32 wraps", inputs: [i32([2], [2147483647, 1])], params: { axes: [0] }, want: [[], "int32", [MIN]] },
    { name: "uint32 wraps", inputs: [u32([2], [4294967295, 2])], params: { axes: [0] }, want: [[], "uint32", [1]] },
    { name: "empty is 0", inputs: [f32([2, 0], [])], params: { axes: [1] }, want: [[2], "float32", [0, 0]] },
    { name: "bool", inputs: [bool([2], [1, 1])], params: { axes: [0] }, want: "reduce_sum: does not support dtype bool" },
    { name: "bad axis", inputs: [x23], params: { axes: [2] }, want: "reduce_sum: axis 2 is out of range for rank 2" },
  ],
  reduce_max: [
    { name: "axis 1", inputs: [x23], params: { axes: [1] }, want: [[2], "float32", [3, 6]] },
    { name: "NaN propagates", inputs: [f32([3], [1, NaN, 3])], params: { axes: [0] }, want: [[], "float32", [NaN]] },
    { name: "+0 over -0", inputs: [f32([2], [-0, 0])], params: { axes: [0] }, want: [[], "float32", [0]] },
    { name: "-inf", inputs: [f32([2], [-Infinity, -Infinity])], params: { axes: [0] }, want: [[], "float32", [-Infinity]] },
    { name: "uint32 high bit", inputs: [u32([2], [4294967295, 1])], params: { axes: [0] }, want: [[], "uint32", [4294967295]] },
    { name: "bool", inputs: [bool([3], [0, 1, 0])], params: { axes: [0] }, want: [[], "bool", [1]] },
    { name: "empty output", inputs: [f32([0, 3], [])], params: { axes: [1] }, want: [[0], "float32", []] },
    { name: "empty axis", inputs: [f32([0], [])], params: { axes: [0] }, want: "reduce_max: zero-size array f32[0] has no identity to reduce over" },
  ],
  reduce_min: [
    { name: "axis 0", inputs: [x23], params: { axes: [0] }, want: [[3], "float32", [1, 2, 3]] },
    { name: "NaN propagates", inputs: [f32([3], [1, NaN, -3])], params: { axes: [0] }, want: [[], "float32", [NaN]] },
    { name: "-0 under +0", inputs: [f32([2], [0, -0])], params: { axes: [0] }, want: [[], "float32", [-0]] },
    { name: "int32", inputs: [i32([3], [5, MIN, -1])], params: { axes: [0] }, want: [[], "int32", [MIN]] },
    { name: "empty axis", inputs: [i32([2, 0], [])], params: { axes: [1] }, want: "reduce_min: zero-size array i32[2,0] has no identity to reduce over" },
  ],
  argmax: [
    { name: "first of equal maxima", inputs: [f32([4], [1, 3, 3, 2])], params: { axis: 0, indexDtype: "int32" }, want: [[], "int32", [1]] },
    { name: "first NaN wins", inputs: [f32([4], [1, NaN, 5, NaN])], params: { axis: 0, indexDtype: "int32" }, want: [[], "int32", [1]] },
    { name: "axis 0", inputs: [f32([2, 2], [1, 5, 7, 2])], params: { axis: 0, indexDtype: "int32" }, want: [[2], "int32", [1, 0]] },
    { name: "axis 1 uint32 index", inputs: [f32([2, 2], [1, 5, 7, 2])], params: { axis: 1, indexDtype: "uint32" }, want: [[2], "uint32", [1, 0]] },
    { name: "-0 and 0 tie", inputs: [f32([2], [-0, 0])], params: { axis: 0, indexDtype: "int32" }, want: [[], "int32", [0]] },
    { name: "empty axis", inputs: [f32([0], [])], params: { axis: 0, indexDtype: "int32" }, want: "argmax: cannot take argmax of an empty axis of f32[0]" },
  ],
  argmin: [
    { name: "first of equal minima", inputs: [i32([4], [3, -1, 2, -1])], params: { axis: 0, indexDtype: "int32" }, want: [[], "int32", [1]] },
    { name: "first NaN wins", inputs: [f32([3], [-5, 0, NaN])], params: { axis: 0, indexDtype: "int32" }, want: [[], "int32", [2]] },
    { name: "axis 1", inputs: [x23], params: { axis: 1, indexDtype: "int32" }, want: [[2], "int32", [0, 0]] },
  ],
  dot_general: [
    { name: "matrix product", inputs: [x23, f32([3, 2], [1, 0, 0, 1, 1, 1])], params: { contracting: [[1], [0]], batch: [[], []] }, want: [[2, 2], "float32", [4, 5, 10, 11]] },
    { name: "contract rhs axis 1", inputs: [x23, f32([1, 3], [1, 1, 1])], params: { contracting: [[1], [1]], batch: [[], []] }, want: [[2, 1], "float32", [6, 15]] },
    { name: "batched", inputs: [f32([2, 1, 2], [1, 2, 3, 4]), f32([2, 2, 1], [5, 6, 7, 8])], params: { contracting: [[2], [1]], batch: [[0], [0]] }, want: [[2, 1, 1], "float32", [17, 53]] },
    { name: "double accumulation", inputs: [f32([3], [1, EPS24, EPS24]), f32([3], [1, 1, 1])], params: { contracting: [[0], [0]], batch: [[], []] }, want: [[], "float32", [1 + 2 ** -23]] },
    { name: "int32 wraps", inputs: [i32([2], [65536, 1]), i32([2], [65536, 5])], params: { contracting: [[0], [0]], batch: [[], []] }, want: [[], "int32", [5]] },
    { name: "uint32", inputs: [u32([2], [4294967295, 2]), u32([2], [1, 3])], params: { contracting: [[0], [0]], batch: [[], []] }, want: [[], "uint32", [5]] },
    { name: "K = 0", inputs: [f32([2, 0], []), f32([0, 2], [])], params: { contracting: [[1], [0]], batch: [[], []] }, want: [[2, 2], "float32", [0, 0, 0, 0]] },
    { name: "mismatch", inputs: [x23, f32([2, 2], [1, 2, 3, 4])], params: { contracting: [[1], [0]], batch: [[], []] }, want: "dot_general: contracting dimension 1 of lhs f32[2,3] (size 3) does not match dimension 0 of rhs f32[2,2] (size 2)" },
    { name: "bool", inputs: [bool([1], [1]), bool([1], [1])], params: { contracting: [[0], [0]], batch: [[], []] }, want: "dot_general: does not support dtype bool" },
  ],
  reshape: [
    { name: "2x3 -> 3x2", inputs: [x23], params: { newSizes: [3, 2] }, want: [[3, 2], "float32", m23[1]] },
    { name: "to scalar", inputs: [i32([1, 1], [7])], params: { newSizes: [] }, want: [[], "int32", [7]] },
    { name: "size mismatch", inputs: [x23], params: { newSizes: [4] }, want: "reshape: cannot reshape f32[2,3] (size 6) into shape (4,)" },
  ],
  transpose: [
    { name: "2-D", inputs: [x23], params: { permutation: [1, 0] }, want: [[3, 2], "float32", [1, 4, 2, 5, 3, 6]] },
    { name: "3-D", inputs: [i32([1, 2, 3], [1, 2, 3, 4, 5, 6])], params: { permutation: [2, 0, 1] }, want: [[3, 1, 2], "int32", [1, 4, 2, 5, 3, 6]] },
    { name: "not a permutation", inputs: [x23], params: { permutation: [0, 0] }, want: "transpose: permutation [0, 0] is not a permutation of the 2 axes of f32[2,3]" },
  ],
  broadcast_in_dim: [
    { name: "row", inputs: [f32([3], [1, 2, 3])], params: { shape: [2, 3], broadcastDimensions: [1] }, want: [[2, 3], "float32", [1, 2, 3, 1, 2, 3]] },
    { name: "column", inputs: [f32([2, 1], [1, 2])], params: { shape: [2, 3], broadcastDimensions: [0, 1] }, want: [[2, 3], "float32", [1, 1, 1, 2, 2, 2]] },
    { name: "scalar", inputs: [bool([], [1])], params: { shape: [2], broadcastDimensions: [] }, want: [[2], "bool", [1, 1]] },
    { name: "to empty", inputs: [f32([1], [1])], params: { shape: [0], broadcastDimensions: [0] }, want: [[0], "float32", []] },
    { name: "size mismatch", inputs: [f32([3], [1, 2, 3])], params: { shape: [3, 2], broadcastDimensions: [1] }, want: "broadcast_in_dim: cannot broadcast f32[3] to shape (3, 2) (operand axis 0 -> 1)" },
  ],
  squeeze: [
    { name: "two axes", inputs: [f32([1, 3, 1], [1, 2, 3])], params: { dimensions: [0, 2] }, want: [[3], "float32", [1, 2, 3]] },
    { name: "not size 1", inputs: [x23], params: { dimensions: [0] }, want: "squeeze: axis 0 of f32[2,3] has size 2, not 1" },
  ],
  concatenate: [
    { name: "axis 1", inputs: [f32([2, 1], [1, 2]), f32([2, 2], [3, 4, 5, 6])], params: { dimension: 1 }, want: [[2, 3], "float32", [1, 3, 4, 2, 5, 6]] },
    { name: "with empty", inputs: [i32([0], []), i32([2], [1, 2])], params: { dimension: 0 }, want: [[2], "int32", [1, 2]] },
    { name: "mismatch", inputs: [f32([2, 1], [1, 2]), f32([3, 1], [1, 2, 3])], params: { dimension: 1 }, want: "concatenate: operand 1 f32[3,1] does not match operand 0 f32[2,1] outside axis 1" },
  ],
  slice: [
    { name: "strided", inputs: [i32([10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])], params: { startIndices: [1], limitIndices: [8], strides: [3] }, want: [[3], "int32", [1, 4, 7]] },
    { name: "2-D", inputs: [x23], params: { startIndices: [1, 1], limitIndices: [2, 3], strides: [1, 1] }, want: [[1, 2], "float32", [5, 6]] },
    { name: "empty", inputs: [x23], params: { startIndices: [1, 2], limitIndices: [1, 2], strides: [1, 1] }, want: [[0, 0], "float32", []] },
    { name: "out of bounds", inputs: [x23], params: { startIndices: [0, 0], limitIndices: [3, 3], strides: [1, 1] }, want: "slice: [0:3:1] is out of bounds for axis 0 of f32[2,3]" },
  ],
  pad: [
    { name: "lo, hi, interior", inputs: [f32([3], [1, 2, 3]), f32([], [-1])], params: { lo: [1], hi: [2], interior: [1] }, want: [[8], "float32", [-1, 1, -1, 2, -1, 3, -1, -1]] },
    { name: "negative lo crops", inputs: [i32([3], [1, 2, 3]), i32([], [0])], params: { lo: [-1], hi: [0], interior: [0] }, want: [[2], "int32", [2, 3]] },
    { name: "2-D", inputs: [i32([1, 2], [1, 2]), i32([], [9])], params: { lo: [1, 0], hi: [0, 1], interior: [0, 0] }, want: [[2, 3], "int32", [9, 9, 9, 1, 2, 9]] },
    { name: "dtype mismatch", inputs: [i32([1], [1]), f32([], [0])], params: { lo: [0], hi: [0], interior: [0] }, want: "pad: operand 1 has dtype float32 but operand 0 has int32" },
  ],
  iota: [
    { name: "int32 along axis 1", inputs: [], params: { dtype: "int32", shape: [2, 3], dimension: 1 }, want: [[2, 3], "int32", [0, 1, 2, 0, 1, 2]] },
    { name: "float32 along axis 0", inputs: [], params: { dtype: "float32", shape: [2, 2], dimension: 0 }, want: [[2, 2], "float32", [0, 0, 1, 1]] },
    { name: "bad dimension", inputs: [], params: { dtype: "int32", shape: [2], dimension: 1 }, want: "iota: axis 1 is out of range for rank 1" },
  ],
  take: [
    { name: "rows", inputs: [f32([3, 2], [1, 2, 3, 4, 5, 6]), i32([3], [2, 0, 2])], params: { axis: 0 }, want: [[3, 2], "float32", [5, 6, 1, 2, 5, 6]] },
    { name: "columns, 2-D indices", inputs: [x23, u32([2, 2], [2, 0, 1, 1])], params: { axis: 1 }, want: [[2, 2, 2], "float32", [3, 1, 2, 2, 6, 4, 5, 5]] },
    { name: "out of range", inputs: [x23, i32([1], [3])], params: { axis: 1 }, want: "take: index 3 is out of bounds for an axis of size 3" },
    { name: "negative", inputs: [x23, i32([1], [-1])], params: { axis: 1 }, want: "take: index -1 is out of bounds for an axis of size 3" },
    { name: "float indices", inputs: [x23, f32([1], [0])], params: { axis: 1 }, want: "take: indices must be integers, got f32[1]" },
  ],
  scatter_add: [
    { name: "repeated index adds", inputs: [f32([3], [1, 2, 4]), i32([3], [0, 2, 0])], params: { axis: 0, shape: [3] }, want: [[3], "float32", [5, 0, 2]] },
    { name: "rows of int32", inputs: [i32([2, 2], [1, 2, 3, 4]), i32([2], [1, 1])], params: { axis: 0, shape: [2, 2] }, want: [[2, 2], "int32", [0, 0, 4, 6]] },
    { name: "bad updates shape", inputs: [f32([2], [1, 2]), i32([3], [0, 0, 0])], params: { axis: 0, shape: [3] }, want: "scatter_add: updates f32[2] do not match indices i32[3] into shape (3,)" },
  ],
  integer_pow: [
    { name: "y = 3 is (x*x)*x", inputs: [f32([5], powInputs)], params: { y: 3 }, want: [[5], "float32", powInputs.map((x) => f(sq(f(x)) * f(x)))] },
    { name: "y = 5 is x*((x*x)*(x*x))", inputs: [f32([5], powInputs)], params: { y: 5 }, want: [[5], "float32", powInputs.map((x) => f(f(x) * sq(sq(f(x)))))] },
    { name: "y = -2 is 1/(x*x)", inputs: [f32([3], [2, 0, -0.5])], params: { y: -2 }, want: [[3], "float32", [0.25, Infinity, 4]] },
    { name: "y = 0 gives 1, even for NaN", inputs: [f32([3], [NaN, 0, Infinity])], params: { y: 0 }, want: [[3], "float32", [1, 1, 1]] },
    { name: "int32 wraps", inputs: [i32([2], [2, -3])], params: { y: 31 }, want: [[2], "int32", [MIN, -1264544299]] },
    { name: "not an integer", inputs: [f32([1], [2])], params: { y: 0.5 }, want: "integer_pow: exponent 0.5 is not an integer" },
    { name: "bool", inputs: [bool([1], [1])], params: { y: 2 }, want: "integer_pow: does not support dtype bool" },
  ],
  select_n: [
    { name: "pred ? onTrue : onFalse", inputs: [bool([3], [1, 0, 1]), f32([3], [1, 2, 3]), f32([3], [-1, -2, -3])], params: {}, want: [[3], "float32", [-1, 2, -3]] },
    { name: "broadcasts", inputs: [bool([2, 1], [0, 1]), i32([], [7]), i32([3], [1, 2, 3])], params: {}, want: [[2, 3], "int32", [7, 7, 7, 1, 2, 3]] },
    { name: "non-bool predicate", inputs: [i32([1], [1]), f32([1], [1]), f32([1], [2])], params: {}, want: "select_n: predicate must be bool, got i32[1]" },
  ],
  fma: [
    // (1 + 2^-12)^2 - 1: rounding the product first loses the 2^-24 term
    { name: "rounds once", inputs: [f32([], [1 + 2 ** -12]), f32([], [1 + 2 ** -12]), f32([], [-1])], params: {}, want: [[], "float32", [2 ** -11 + 2 ** -24]] },
    { name: "broadcasts", inputs: [f32([2], [2, 3]), f32([], [4]), f32([2, 1], [1, 10])], params: {}, want: [[2, 2], "float32", [9, 13, 18, 22]] },
    { name: "int32", inputs: [i32([1], [1]), i32([1], [1]), i32([1], [1])], params: {}, want: "fma: only float32 is supported, got int32" },
  ],
  convert_element_type: [
    { name: "f32 -> i32 truncates, saturates, NaN -> 0", inputs: [f32([8], [1.7, -1.7, NaN, 3e9, -3e9, Infinity, -Infinity, -0.5])], params: { newDtype: "int32" }, want: [[8], "int32", [1, -1, 0, 2147483647, MIN, 2147483647, MIN, 0]] },
    { name: "f32 -> u32 saturates at 0", inputs: [f32([5], [1.7, -1.7, NaN, 5e9, Infinity])], params: { newDtype: "uint32" }, want: [[5], "uint32", [1, 0, 0, 4294967295, 4294967295]] },
    { name: "i32 -> u32 wraps", inputs: [i32([2], [-1, 5])], params: { newDtype: "uint32" }, want: [[2], "uint32", [4294967295, 5]] },
    { name: "u32 -> i32 wraps", inputs: [u32([1], [4294967295])], params: { newDtype: "int32" }, want: [[1], "int32", [-1]] },
    { name: "i32 -> f32 rounds", inputs: [i32([2], [16777217, 2147483647])], params: { newDtype: "float32" }, want: [[2], "float32", [16777216, 2147483648]] },
    { name: "f32 -> bool is x != 0", inputs: [f32([4], [0, -0, NaN, 0.1])], params: { newDtype: "bool" }, want: [[4], "bool", [0, 0, 1, 1]] },
    { name: "bool -> i32", inputs: [bool([2], [1, 0])], params: { newDtype: "int32" }, want: [[2], "int32", [1, 0]] },
  ],
  bitcast_convert_type: [
    { name: "f32 -> u32", inputs: [f32([4], [1, -0, Infinity, -2])], params: { newDtype: "uint32" }, want: [[4], "uint32", [0x3f800000, 0x80000000, 0x7f800000, 0xc0000000]] },
    { name: "u32 -> f32", inputs: [u32([2], [0x3f800000, 0x00000001])], params: { newDtype: "float32" }, want: [[2], "float32", [1, 1.401298464324817e-45]] },
    { name: "i32 -> u32", inputs: [i32([1], [-1])], params: { newDtype: "uint32" }, want: [[1], "uint32", [4294967295]] },
    { name: "bool", inputs: [bool([1], [1])], params: { newDtype: "int32" }, want: "bitcast_convert_type: bool -> int32 is not between 32-bit dtypes" },
  ],
  random_bits: [
    { name: "partitionable threefry", inputs: [key], params: { shape: [2, 2] }, want: [[2, 2], "uint32", [0, 1, 2, 3].map(bitsOf)] },
    { name: "bad key", inputs: [u32([3], [0, 0, 0])], params: { shape: [1] }, want: "random_bits: key must be u32[2] (threefry key data), got u32[3]" },
  ],
  random_split: [
    { name: "key i = threefry(key, (0, i))", inputs: [key], params: { num: 2 }, want: [[2, 2], "uint32", [...threefry2x32(0, 42, 0, 0), ...threefry2x32(0, 42, 0, 1)]] },
  ],
  random_fold_in: [
    { name: "threefry(key, (0, data))", inputs: [key, u32([], [7])], params: {}, want: [[2], "uint32", threefry2x32(0, 42, 0, 7)] },
    { name: "data must be u32[]", inputs: [key, i32([], [7])], params: {}, want: "random_fold_in: data must be a u32 scalar, got i32[]" },
  ],
};

describe("the op table", () => {
  it("partitions allOps: elementwise groups plus the ops tabled here", () => {
    const tabled = Object.keys(cases);
    expect([...unaryOps, ...binaryOps, ...compareOps, ...tabled].sort()).toEqual([...allOps].sort());
    expect(new Set(allOps).size).toBe(allOps.length);
  });
});

const rows = (Object.keys(cases) as StructuralOp[]).flatMap((op) =>
  (cases[op] as readonly Case<OpName>[]).map((c) => [op, c.name, c] as const),
);

describe("eager structural ops", () => {
  it.each(rows)("%s: %s", (op, _name, c) => {
    if (typeof c.want === "string") {
      expect(() => bind(op, c.inputs, c.params)).toThrow(c.want);
      return;
    }
    const [shape, dtype, values] = c.want;
    const outs = bind(op, c.inputs, c.params);
    expect(outs).toHaveLength(1);
    expect(outs[0]!.shape).toEqual(shape);
    expect(outs[0]!.dtype).toBe(dtype);
    expect(Array.from(outs[0]!.toTypedArray())).toEqual(values);
  });
});

describe("conversions", () => {
  const samples: { readonly [D in DType]: readonly number[] } = {
    float32: [0, -0, 0.5, -0.5, 1.5, -1.5, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 32, 3e38, 16777217],
    int32: [0, 1, -1, MIN, 2147483647, 16777217],
    uint32: [0, 1, 2147483648, 4294967295, 16777217],
    bool: [0, 1],
  };
  const pairs = allDTypes.flatMap((from) => allDTypes.map((to) => [from, to] as const));

  it.each(pairs)("%s -> %s: the scalar function returns exactly what the kernel stores", (from, to) => {
    const xs = Array.from(dtypeInfo[from].from(samples[from]));
    const out = Array.from(bind("convert_element_type", [arr(from, [xs.length], xs)], { newDtype: to })[0]!.toTypedArray());
    const scalar = xs.map(convertFn(from, to));
    expect(scalar.map((v, i) => Object.is(v, out[i]) || (Number.isNaN(v) && Number.isNaN(out[i])))).toEqual(xs.map(() => true));
  });

  it("bitcast u32 -> f32 -> u32 keeps every bit pattern, NaN payloads and signaling NaNs included", () => {
    const patterns = [0, 1, 0x7f800000, 0x7f800001, 0x7fbfffff, 0x7fc00000, 0x7fc00001, 0xff800001, 0xffc12345, 0xffffffff, 0x80000000, 0x3f800000];
    for (let i = 0; i < 1000; i++) patterns.push(Math.imul(i + 1, 0x9e3779b9) >>> 0);
    const asF32 = bind("bitcast_convert_type", [u32([patterns.length], patterns)], { newDtype: "float32" })[0]!;
    const back = bind("bitcast_convert_type", [asF32], { newDtype: "uint32" })[0]!;
    expect(Array.from(back.toTypedArray())).toEqual(patterns);
    const asI32 = bind("bitcast_convert_type", [back], { newDtype: "int32" })[0]!;
    expect(Array.from(asI32.toTypedArray())).toEqual(patterns.map((p) => p | 0));
  });
});
