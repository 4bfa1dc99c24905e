import { jnp, lax, makeGraph, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { compile } from "../compile.js";
import { optimize } from "../passes/optimize.js";
import { kernelPlans, schedule } from "../plan/schedule.js";
import { compileChecked, expectSameBits } from "../testing/check.js";
import { expectWasmEqualsJs } from "../testing/wasm-vs-js.js";
import { arrayOf, edgeValues, randomArray, Rng, withEdgeValues } from "../testing/values.js";
import type { BackendChoice } from "../backend/choice.js";
import { claimReduce, type WasmReduce } from "./claim-reduce.js";
import { WASM_MIN_ELEMENTS } from "./options.js";

const rng = new Rng(7);
/** `[f(0), ..., f(n - 1)]` (the global Array is shadowed by kiln's here). */
const range = <T>(n: number, f: (i: number) => T): T[] => globalThis.Array.from({ length: n }, (_, i) => f(i));
const f32 = (...shape: number[]) => randomArray(rng, "float32", shape);

type Op = "sum" | "max" | "min";
const ops: readonly Op[] = ["sum", "max", "min"];
const reduce = (op: Op, x: Array, axes: readonly number[]) => (op === "sum" ? lax.reduceSum : op === "max" ? lax.reduceMax : lax.reduceMin)(x, axes);

/** Compiles `f` for wasm and checks every output is bit-identical to eager mode (core's ops). */
function expectWasmEqualsEager(f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], label: string) {
  const eager = [f(...inputs)].flat();
  const exe = compileChecked(makeGraph(f)(...inputs), { backend: "wasm" });
  expect(exe.wasm?.kernels ?? 0, `${label}: lowered to wasm`).toBeGreaterThan(0);
  exe.run(inputs.map((x) => x._data!)).forEach((o, i) => expectSameBits(o, eager[i]!._data!, `${label} output ${i}\n${exe.plan}`));
}

/** What the cost model makes of each reduce kernel of `f`: its wasm form, or "js". */
function reducePlans(f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], backend: BackendChoice = "wasm"): (WasmReduce | "js")[] {
  const s = schedule(optimize(makeGraph(f)(...inputs)));
  return kernelPlans(s.body).flatMap((p) => (p.kind === "reduce" ? [claimReduce(p, { backend, exact: false, relaxed: false }) ?? "js"] : []));
}
const layouts = (f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], backend: BackendChoice = "wasm") =>
  reducePlans(f, inputs, backend).map((p) => (p === "js" ? p : p.spec.layout));

const withEdges = (shape: number[], every = 3): Array => withEdgeValues(rng, shape, every);

/** ±2^k for k in [-40, 60]: float sums of these depend on the order of the additions. */
function wideMagnitudes(shape: number[]): Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return arrayOf("float32", shape, range(n, () => (rng.next() & 1 ? -1 : 1) * 2 ** rng.int(-40, 61)));
}

/**
 * `lines` sequences of `len` values ±2^k (k in [-20, 20]) with 2^60 and -2^60 at two random
 * places: what survives the large pair depends on the order of the additions.
 */
function orderSensitive(lines: number, len: number): number[][] {
  return range(lines, () => {
    const v = range(len, () => (rng.next() & 1 ? -1 : 1) * 2 ** rng.int(-20, 21));
    const p = rng.int(0, len), q = (p + rng.int(1, len)) % len;
    v[p] = 2 ** 60;
    v[q] = -(2 ** 60);
    return v;
  });
}

// [shape, reduced axes, layout]: tails of 1-3 columns and rows, several blocks, outer axes
const shapes: readonly (readonly [number[], number[], string])[] = [
  [[37, 21], [0], "columns"],
  [[130, 45], [0], "columns"], // a sum: two 16-column blocks and a 13-column one
  [[9, 77], [0], "columns"], // max/min: two 32-column blocks and a 13-column one
  [[50, 3], [0], "columns"], // only a scalar tail
  [[5, 37, 21], [1], "columns"], // an outer axis
  [[3, 4, 5, 6], [0, 1], "columns"], // reduced axes coalesce
  [[37, 21], [1], "rows"],
  [[9, 4], [1], "rows"],
  [[6, 11], [1], "rows"], // a group of 4 rows, then 2 single rows
  [[3, 37], [1], "rows"], // a group of 3 (a pair and an odd row)
  [[1, 1037], [1], "rows"],
  [[2, 1037], [1], "rows"],
  [[5, 9, 37], [1, 2], "rows"],
  [[1037], [0], "rows"], // a full reduction
  [[13, 17], [0, 1], "rows"],
];

describe("wasm reduce kernels equal the JS lowering bit for bit", () => {
  it("every op and layout on random values (tails, outer axes, coalesced axes)", () => {
    for (const [shape, axes, layout] of shapes) for (const op of ops) {
      const f = (x: Array) => reduce(op, x, axes);
      expect(layouts(f, [f32(...shape)]), `${op} ${shape} axes ${axes}`).toEqual([layout]);
      expectWasmEqualsJs(f, [withEdges(shape, 7)], `${op} ${shape} axes ${axes}`, {}, true);
    }
  });

  it("every pair and triple of edge values, in both layouts (NaN, ±Inf, ±0, subnormals, overflow)", () => {
    const e = edgeValues.float32;
    const triples = e.flatMap((a) => e.flatMap((b) => e.map((c) => [a, b, c])));
    const columns = (k: number) => arrayOf("float32", [k, triples.length], range(k, (r) => triples.map((t) => t[r]!)).flat());
    const rows = (k: number) => arrayOf("float32", [triples.length, k], triples.flatMap((t) => t.slice(0, k)));
    for (const op of ops) {
      for (const k of [2, 3]) {
        expectWasmEqualsJs((x: Array) => reduce(op, x, [0]), [columns(k)], `${op} columns of ${k} edge values`, {}, true);
        expectWasmEqualsJs((x: Array) => reduce(op, x, [1]), [rows(k)], `${op} rows of ${k} edge values`, {}, true);
      }
      // four triples a row: the edge values go through the f32x4 lanes of the rows layout too
      const wide = arrayOf("float32", [triples.length / 4, 12], triples.flat());
      expectWasmEqualsJs((x: Array) => reduce(op, x, [1]), [wide], `${op} rows of 12 edge values`, {}, true);
    }
  });

  it("sums accumulate in the JS order: values whose float sum depends on the order", () => {
    // 303 rows: groups of four and three single rows
    const seqs = orderSensitive(303, 64);
    const cols = arrayOf("float32", [64, 303], range(64, (r) => seqs.map((v) => v[r]!)).flat());
    const rows = arrayOf("float32", [303, 64], seqs.flat());
    const inColumns = expectWasmEqualsJs((x: Array) => lax.reduceSum(x, [0]), [cols], "columns", {}, true).outputs[0]!;
    const inRows = expectWasmEqualsJs((x: Array) => lax.reduceSum(x, [1]), [rows], "rows", {}, true).outputs[0]!;
    expect([...inRows]).toEqual([...inColumns]);
    for (const len of [64, 1030]) {
      const all = arrayOf("float32", [len], orderSensitive(1, len)[0]!);
      expectWasmEqualsJs((x: Array) => lax.reduceSum(x, [0]), [all], `a full sum of ${len}`, {}, true);
    }
    // the data tells orders apart: four lanes each summing every fourth value give other results
    const lanes = seqs.map((v) => {
      const part = [0, 1, 2, 3].map((l) => v.filter((_, i) => i % 4 === l).reduce((a, b) => a + b, 0));
      return Math.fround(part[0]! + part[1]! + part[2]! + part[3]!);
    });
    expect(lanes.filter((v, c) => !Object.is(v, inColumns[c])).length).toBeGreaterThan(30);
  });

  it("with prologue and epilogue nodes, several stored values", () => {
    // a bias gradient, a variance, the SGD update of the bias, the prologue value also stored
    const f = (x: Array, m: Array, b: Array) => {
      const d = jnp.subtract(x, m);
      const s = lax.reduceSum(jnp.multiply(d, d), [0]);
      return [jnp.subtract(b, jnp.multiply(s, 0.1)), jnp.sqrt(s), s];
    };
    for (const [r, c] of [[67, 45], [8, 3], [200, 64]] as const) {
      expectWasmEqualsJs(f, [withEdges([r, c], 5), withEdges([c], 3), withEdges([c], 4)], `variance ${r}x${c}`, {}, true);
    }
    const stored = (x: Array, y: Array) => {
      const h = jnp.add(jnp.multiply(x, 2), y);
      return [h, lax.reduceMax(h, [1]), jnp.negative(lax.reduceMin(jnp.abs(h), [0]))];
    };
    expectWasmEqualsJs(stored, [withEdges([37, 23], 4), withEdges([37, 23], 6)], "stored prologue value");
    for (const op of ops) {
      const rowsEpilogue = (x: Array, c: Array) => jnp.divide(jnp.maximum(reduce(op, lax.integerPow(x, 3), [1]), c), 3);
      expectWasmEqualsJs(rowsEpilogue, [withEdges([41, 29], 5), withEdges([41], 3)], `${op} rows epilogue`, {}, true);
    }
  });

  it("comparisons, selects and bools in the prologue (relu derivative, masked sums, counts)", () => {
    const cases: readonly (readonly [string, (x: Array, y: Array) => Array])[] = [
      ["relu backward", (x, y) => lax.reduceSum(jnp.multiply(y, jnp.astype(jnp.greater(x, 0), "float32")), [0])],
      ["masked max", (x, y) => lax.reduceMax(jnp.where(jnp.logicalAnd(jnp.less(x, y), jnp.notEqual(y, 0)), x, -1), [1])],
      ["count", (x, y) => lax.reduceSum(jnp.astype(jnp.greaterEqual(x, y), "float32"), [0])],
      ["sign, floor, round", (x, y) => lax.reduceMin(jnp.add(jnp.sign(x), jnp.floor(jnp.multiply(y, 3.5))), [1])],
    ];
    for (const [name, g] of cases) for (const shape of [[33, 19], [5, 70]]) {
      expectWasmEqualsJs(g, [withEdges(shape, 3), withEdges(shape, 5)], `${name} ${shape}`, {}, true);
    }
  });

  it("broadcast leaves: along rows, along columns, scalars and literals, in both regions", () => {
    const f = (x: Array, row: Array, col: Array, s: Array) => [
      jnp.add(lax.reduceSum(jnp.multiply(jnp.add(x, row), col), [0]), s),
      jnp.multiply(lax.reduceMax(jnp.subtract(x, jnp.multiply(col, s)), [1]), 0.5),
      jnp.minimum(lax.reduceMin(jnp.divide(row, jnp.add(jnp.abs(col), 1)), [0]), row),
      lax.reduceSum(jnp.multiply(jnp.multiply(col, 2), x), [1]),
    ];
    for (const [r, c] of [[45, 70], [7, 5], [130, 33]] as const) {
      expectWasmEqualsJs(f, [withEdges([r, c], 4), withEdges([c], 5), withEdges([r, 1], 3), arrayOf("float32", [], [0.3])], `${r}x${c}`, {}, true);
      expectWasmEqualsJs(f, [withEdges([r, c], 4), withEdges([c], 5), withEdges([r, 1], 3), arrayOf("float32", [], [NaN])], `${r}x${c} NaN scalar`, {}, true);
    }
  });

  it("several calls per kernel (chunks of column blocks, across outer indexes, of rows)", () => {
    const cases: readonly (readonly [number[], number[]])[] = [[[4096, 40], [0]], [[8, 600, 40], [1]], [[20000, 5], [1]]];
    for (const [shape, axes] of cases) for (const op of ops) {
      const f = (x: Array) => jnp.add(reduce(op, jnp.multiply(x, x), axes), 1);
      const [p] = reducePlans(f, [f32(...shape)]);
      expect(p !== "js" && p.chunk < p.rows, `${op} ${shape}: several calls`).toBe(true);
      expectWasmEqualsJs(f, [withEdges(shape, 11)], `${op} ${shape}`, {}, true);
    }
  });

  it("in place: the bias update written back into a buffer outside the wasm memory", () => {
    const step = (b: Array, g: Array) => [jnp.subtract(b, jnp.multiply(lax.reduceSum(g, [0]), 0.01))];
    const [b, g] = [withEdges([70], 7), f32(300, 70)];
    const inPlace = new Map([[0, 0]]);
    const expected = compile(makeGraph(step)(b, g), { backend: "js", inPlace }).run([b._data!.slice(), g._data!]);
    const exe = compileChecked(makeGraph(step)(b, g), { backend: "wasm", inPlace });
    expect(exe.wasm?.kernels).toBe(1);
    const bBuf = b._data!.slice();
    const out = exe.run([bBuf, g._data!]);
    expect(out[0]).toBe(bBuf);
    expectSameBits(bBuf, expected[0]!);
  });
});

describe("wasm reduce kernels equal eager mode bit for bit", () => {
  it("sum, max, min and mean in both layouts", () => {
    for (const op of ops) {
      expectWasmEqualsEager((x: Array) => reduce(op, x, [0]), [withEdges([67, 45], 6)], `${op} columns`);
      expectWasmEqualsEager((x: Array) => reduce(op, x, [1]), [withEdges([45, 67], 6)], `${op} rows`);
      expectWasmEqualsEager((x: Array) => reduce(op, x, [0, 1]), [withEdges([45, 67], 6)], `${op} all`);
    }
    expectWasmEqualsEager((x: Array) => jnp.mean(jnp.square(x), { axis: 0 }), [wideMagnitudes([64, 50])], "mean of squares");
    expectWasmEqualsEager((x: Array) => jnp.sum(x, { axis: 1, keepdims: true }), [wideMagnitudes([50, 64])], "keepdims");
  });
});

describe("the reduce cost model", () => {
  const sum0 = (x: Array) => lax.reduceSum(x, [0]);
  const sumAll = (x: Array) => lax.reduceSum(x, [0]);
  const maxAll = (x: Array) => lax.reduceMax(x, [0]);
  const rowSums = (x: Array) => lax.reduceSum(x, [1]);

  it("under auto: large float32 reductions move to wasm, small ones and one-row sums stay JS", () => {
    const n = WASM_MIN_ELEMENTS;
    expect(layouts(sum0, [f32(64, 64)], "auto")).toEqual(["js"]); // 4,096 elements
    expect(layouts(sum0, [f32(n / 128, 128)], "auto")).toEqual(["columns"]);
    expect(compile(makeGraph(sum0)(f32(64, 64)), { backend: "auto" }).wasm).toBeNull();
    expect(compile(makeGraph(sum0)(f32(n / 128, 128)), { backend: "auto" }).wasm?.kernels).toBe(1);
    // one row's sum is one sequential chain: no faster in wasm (bench/wasm-reduce.ts)
    expect(layouts(sumAll, [f32(n)], "auto")).toEqual(["js"]);
    expect(layouts(sumAll, [f32(n)], "wasm")).toEqual(["rows"]);
    expect(layouts(rowSums, [f32(2, n)], "auto")).toEqual(["js"]);
    expect(layouts(rowSums, [f32(4, n / 4)], "auto")).toEqual(["rows"]);
    // max/min give the same value in any order: one row still uses four accumulators
    expect(layouts(maxAll, [f32(n)], "auto")).toEqual(["rows"]);
    expect(layouts(sum0, [f32(n / 128, 128)], "js")).toEqual(["js"]);
    expect(layouts(sum0, [f32(1, 1)], "wasm")).toEqual(["js"]); // nothing reduced: a copy
  });

  it("stays JS without a bit-exact wasm form or with reads it does not vectorize", () => {
    const n = 128;
    const ints = randomArray(rng, "int32", [n, n]);
    expect(layouts(sum0, [ints])).toEqual(["js"]); // int32
    expect(layouts((x: Array) => lax.reduceSum(jnp.exp(x), [0]), [f32(n, n)])).toEqual(["js"]); // transcendental prologue
    expect(layouts((x: Array) => jnp.log(lax.reduceSum(x, [0])), [f32(n, n)])).toEqual(["js"]); // transcendental epilogue
    expect(layouts((x: Array) => lax.reduceSum(jnp.transpose(x), [0]), [f32(n, n + 1)])).toEqual(["js"]); // strided read
    expect(layouts((x: Array) => lax.reduceSum(x, [0, 2]), [f32(8, 9, 10)])).toEqual(["js"]); // reduced axes on both sides
    const bools = randomArray(rng, "bool", [n, n]);
    expect(layouts((p: Array, x: Array) => lax.reduceSum(jnp.where(p, x, 0), [0]), [bools, f32(n, n)])).toEqual(["js"]); // a bool buffer is read
    const storesBool = (x: Array) => {
      const p = jnp.greater(x, 0);
      return [p, lax.reduceSum(jnp.astype(p, "float32"), [0])];
    };
    expect(layouts(storesBool, [f32(n, n)])).toEqual(["js"]); // a bool value is stored
  });
});
