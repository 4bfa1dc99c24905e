import {
  allDTypes, allOps, binaryOps, compareOps, scalarFns, unaryOps, type Array, type DType, type OpName, type OpParams,
} from "@kiln/core";
import { describe, expect, it } from "vitest";
import { expectJitEqualsEager, opFn } from "./testing/check.js";
import { arrayOf, edgePairs, edgeValues, randomArray, Rng } from "./testing/values.js";

/** One op application: its inputs and params. */
interface Case {
  readonly label: string;
  readonly inputs: readonly Array[];
  readonly params: object;
}

const rng = new Rng(12345);
const none = {} as Record<string, never>;
const edges = (d: DType) => arrayOf(d, [edgeValues[d].length], edgeValues[d]);

function unaryCases(op: (typeof unaryOps)[number]): Case[] {
  return allDTypes.filter((d) => scalarFns.unaryFn(op, d)).flatMap((d) => [
    { label: `${d} edges`, inputs: [edges(d)], params: none },
    { label: `${d} [3,4]`, inputs: [randomArray(rng, d, [3, 4])], params: none },
    { label: `${d} empty`, inputs: [randomArray(rng, d, [0, 3])], params: none },
  ]);
}

function pairCases(d: DType): Case[] {
  return [
    { label: `${d} edge pairs`, inputs: edgePairs(d), params: none },
    { label: `${d} broadcast`, inputs: [randomArray(rng, d, [3, 1, 4]), randomArray(rng, d, [5, 4])], params: none },
    { label: `${d} scalar`, inputs: [randomArray(rng, d, []), randomArray(rng, d, [2, 3])], params: none },
    { label: `${d} empty`, inputs: [randomArray(rng, d, [0, 3]), randomArray(rng, d, [1, 3])], params: none },
  ];
}

const binaryCases = (op: (typeof binaryOps)[number]) => allDTypes.filter((d) => scalarFns.binaryFn(op, d)).flatMap(pairCases);
const compareCases = () => allDTypes.flatMap(pairCases);

function reduceCases(op: "reduce_sum" | "reduce_max" | "reduce_min"): Case[] {
  const dtypes: DType[] = op === "reduce_sum" ? ["float32", "int32", "uint32"] : [...allDTypes];
  return dtypes.flatMap((d) => [
    ...[[0], [1], [2], [0, 2], [1, 2], [0, 1, 2], []].map((axes) => ({ label: `${d} axes ${axes}`, inputs: [randomArray(rng, d, [3, 4, 5])], params: { axes } })),
    { label: `${d} edges`, inputs: [edges(d)], params: { axes: [0] } },
    ...(op === "reduce_sum" ? [{ label: `${d} empty`, inputs: [randomArray(rng, d, [3, 0])], params: { axes: [1] } }] : []),
  ]);
}

const dotCase = (label: string, a: Array, b: Array, contracting: OpParams["dot_general"]["contracting"], batch: OpParams["dot_general"]["batch"] = [[], []]): Case =>
  ({ label, inputs: [a, b], params: { contracting, batch } });

const f32 = (shape: number[]) => randomArray(rng, "float32", shape);

type Cases<K extends string> = { readonly [P in K]: () => readonly Case[] };
const casesOf = <K extends string>(ops: readonly K[], make: (op: K) => readonly Case[]) =>
  Object.fromEntries(ops.map((op) => [op, () => make(op)])) as unknown as Cases<K>;

/** Every op's cases: the mapped type makes a missing op a type error. */
const cases: Cases<OpName> = {
  ...casesOf(unaryOps, unaryCases),
  ...casesOf(binaryOps, binaryCases),
  ...casesOf(compareOps, compareCases),
  reduce_sum: () => reduceCases("reduce_sum"),
  reduce_max: () => reduceCases("reduce_max"),
  reduce_min: () => reduceCases("reduce_min"),
  integer_pow: () => [
    ...[-3, -1, 0, 1, 2, 3, 5, 7].map((y) => ({ label: `f32 y=${y}`, inputs: [edges("float32")], params: { y } })),
    ...[0, 1, 2, 3, 13].flatMap((y) => (["int32", "uint32"] as const).map((d) => ({ label: `${d} y=${y}`, inputs: [edges(d)], params: { y } }))),
    { label: "i32 y=-2", inputs: [edges("int32")], params: { y: -2 } },
  ],
  select_n: () => [
    { label: "edges", inputs: [arrayOf("bool", [4], [1, 0, 1, 0]), arrayOf("float32", [4], [NaN, -0, 1, 2]), arrayOf("float32", [4], [0, 5, -Infinity, 3])], params: none },
    { label: "broadcast", inputs: [randomArray(rng, "bool", [3, 1]), randomArray(rng, "int32", [1, 4]), randomArray(rng, "int32", [3, 4])], params: none },
  ],
  fma: () => [
    { label: "edges", inputs: [...edgePairs("float32"), f32([400])], params: none },
    { label: "broadcast", inputs: [f32([3, 1]), f32([4]), f32([])], params: none },
  ],
  convert_element_type: () => allDTypes.flatMap((from) => allDTypes.map((to) => ({ label: `${from}->${to}`, inputs: [edges(from)], params: { newDtype: to } }))),
  bitcast_convert_type: () => (["float32", "int32", "uint32"] as const).flatMap((from) => (["float32", "int32", "uint32"] as const).map((to) => ({
    label: `${from}->${to}`, inputs: [from === "float32" ? edges(from) : arrayOf(from, [5], [0x7fc00001, 0xff800000, 1, 0x80000000, 0x7f800001])], params: { newDtype: to },
  }))),
  argmax: () => argCases(),
  argmin: () => argCases(),
  dot_general: () => [
    dotCase("matmul", f32([4, 3]), f32([3, 2]), [[1], [0]]),
    dotCase("x^T g", f32([6, 3]), f32([6, 2]), [[0], [0]]),
    dotCase("g W^T", f32([5, 2]), f32([3, 2]), [[1], [1]]),
    dotCase("batched", f32([2, 4, 3]), f32([2, 3, 5]), [[2], [1]], [[0], [0]]),
    dotCase("batch in the middle", f32([4, 2, 3]), f32([3, 2, 5]), [[2], [0]], [[1], [1]]),
    dotCase("two contracting axes", f32([3, 4, 5]), f32([5, 3, 2]), [[0, 2], [1, 0]]),
    dotCase("vector", f32([7]), f32([7]), [[0], [0]]),
    dotCase("outer (no contraction)", f32([3]), f32([4]), [[], []]),
    dotCase("empty K", f32([3, 0]), f32([0, 2]), [[1], [0]]),
    dotCase("tiled 37x41x23", f32([37, 23]), f32([23, 41]), [[1], [0]]),
    dotCase("tiled transposed 41x19x64", f32([64, 41]), f32([64, 19]), [[0], [0]]),
    dotCase("tiled batched", f32([3, 17, 30]), f32([3, 30, 9]), [[2], [1]], [[0], [0]]),
    dotCase("int32 tiled", randomArray(rng, "int32", [20, 30]), randomArray(rng, "int32", [30, 10]), [[1], [0]]),
    dotCase("uint32", randomArray(rng, "uint32", [5, 3]), randomArray(rng, "uint32", [3, 2]), [[1], [0]]),
    dotCase("edges", arrayOf("float32", [2, 3], [NaN, 1, 2, Infinity, -0, 1]), arrayOf("float32", [3, 2], [1, -0, 2, 3, -Infinity, 1]), [[1], [0]]),
  ],
  reshape: () => [
    { label: "merge", inputs: [f32([2, 3, 4])], params: { newSizes: [6, 4] } },
    { label: "split", inputs: [f32([12])], params: { newSizes: [3, 2, 2] } },
    { label: "to scalar", inputs: [f32([1, 1])], params: { newSizes: [] } },
  ],
  squeeze: () => [{ label: "unit axes", inputs: [f32([1, 3, 1])], params: { dimensions: [0, 2] } }],
  transpose: () => [
    { label: "2-D", inputs: [f32([3, 4])], params: { permutation: [1, 0] } },
    { label: "3-D", inputs: [randomArray(rng, "int32", [2, 3, 4])], params: { permutation: [2, 0, 1] } },
  ],
  broadcast_in_dim: () => [
    { label: "row", inputs: [f32([4])], params: { shape: [3, 4], broadcastDimensions: [1] } },
    { label: "column", inputs: [f32([3, 1])], params: { shape: [3, 4], broadcastDimensions: [0, 1] } },
    { label: "scalar", inputs: [f32([])], params: { shape: [2, 2], broadcastDimensions: [] } },
  ],
  concatenate: () => [
    { label: "axis 1", inputs: [f32([2, 3]), f32([2, 1]), f32([2, 0])], params: { dimension: 1 } },
    { label: "axis 0 bool", inputs: [randomArray(rng, "bool", [1, 3]), randomArray(rng, "bool", [2, 3])], params: { dimension: 0 } },
  ],
  slice: () => [
    { label: "strided", inputs: [f32([5, 6])], params: { startIndices: [1, 0], limitIndices: [5, 6], strides: [2, 3] } },
    { label: "empty", inputs: [f32([5])], params: { startIndices: [2], limitIndices: [2], strides: [1] } },
  ],
  pad: () => [
    { label: "lo/hi/interior", inputs: [f32([2, 3]), arrayOf("float32", [], [-0])], params: { lo: [1, 0], hi: [2, 1], interior: [1, 2] } },
    { label: "negative (crop)", inputs: [randomArray(rng, "int32", [4, 5]), arrayOf("int32", [], [7])], params: { lo: [-1, 2], hi: [0, -3], interior: [0, 1] } },
  ],
  iota: () => [
    { label: "f32 dim 1", inputs: [], params: { dtype: "float32", shape: [2, 3], dimension: 1 } },
    { label: "u32 dim 0", inputs: [], params: { dtype: "uint32", shape: [4, 2], dimension: 0 } },
    { label: "bool", inputs: [], params: { dtype: "bool", shape: [3], dimension: 0 } },
  ],
  take: () => [
    { label: "axis 0", inputs: [f32([5, 3]), arrayOf("int32", [4], [4, 0, 2, 2])], params: { axis: 0 } },
    { label: "axis 1 2-D indices", inputs: [f32([2, 4, 3]), arrayOf("uint32", [2, 2], [3, 1, 0, 3])], params: { axis: 1 } },
  ],
  scatter_add: () => [
    { label: "axis 0 repeats", inputs: [f32([4, 3]), arrayOf("int32", [4], [1, 0, 1, 1])], params: { axis: 0, shape: [3, 3] } },
    { label: "int32 axis 1", inputs: [randomArray(rng, "int32", [2, 3]), arrayOf("int32", [3], [2, 2, 0])], params: { axis: 1, shape: [2, 4] } },
  ],
  random_bits: () => [{ label: "[3,5]", inputs: [arrayOf("uint32", [2], [0, 42])], params: { shape: [3, 5] } }],
  random_split: () => [{ label: "4 keys", inputs: [arrayOf("uint32", [2], [1, 2])], params: { num: 4 } }],
  random_fold_in: () => [{ label: "fold 7", inputs: [arrayOf("uint32", [2], [3, 4]), arrayOf("uint32", [], [7])], params: none }],
};

function argCases(): Case[] {
  return [
    { label: "f32 with NaN", inputs: [arrayOf("float32", [2, 4], [1, 3, 3, -1, 2, NaN, 5, NaN])], params: { axis: 1, indexDtype: "int32" } },
    { label: "f32 axis 0", inputs: [f32([5, 3])], params: { axis: 0, indexDtype: "uint32" } },
    { label: "int32", inputs: [randomArray(rng, "int32", [3, 4, 2])], params: { axis: 1, indexDtype: "int32" } },
  ];
}

describe("jit equals eager, bit for bit, for every op", () => {
  it("has cases for every op", () => {
    for (const op of allOps) expect(cases[op]().length, op).toBeGreaterThan(0);
  });
  for (const op of allOps) {
    it(op, () => {
      for (const c of cases[op]()) {
        expectJitEqualsEager(opFn(op, c.params as OpParams[OpName]), c.inputs, `${op} ${c.label}`);
      }
    });
  }
});
