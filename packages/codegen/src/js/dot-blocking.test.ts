import { jnp, lax, makeGraph, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import type { Executable } from "../compile.js";
import { countTypedArrays } from "../testing/alloc.js";
import { compileChecked, expectSameBits } from "../testing/check.js";
import { arrayOf, edgeValues, randomArray, randomData, Rng } from "../testing/values.js";

// The cache-blocked JS dot (dot-blocking.ts: MC = 128 rows, KC = 256 along K, NC = 512 columns
// per block, 4 x 4 tiles over packed float64 slivers) against the eager kernel, bit for bit.

const rng = new Rng(2024);
const f32 = (...shape: number[]) => randomArray(rng, "float32", shape);

/** Random values with about one element in `every` replaced by an edge value (NaN, ±Inf, ±0, huge, subnormal). */
function withEdges(shape: number[], every: number): Array {
  const data = randomData(rng, "float32", shape.reduce((a, b) => a * b, 1)) as Float32Array;
  const edges = edgeValues.float32;
  for (let i = 0; i < data.length; i++) if (rng.int(0, every) === 0) data[i] = edges[rng.int(0, edges.length)]!;
  return arrayOf("float32", shape, [...data]);
}

/** The generated source contains a blocked dot (its packed A block's base index). */
const isBlocked = (exe: Executable) => /\bconst mk\d+ = function/.test(exe.source);

/** Compiles `f` with the JS backend and requires every output to equal eager mode's bits. */
function expectJsEqualsEager(f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], label: string): Executable {
  const eager = [f(...inputs)].flat();
  const exe = compileChecked(makeGraph(f)(...inputs), { backend: "js" });
  const out = exe.run(inputs.map((x) => x._data!));
  expect(out.length, label).toBe(eager.length);
  out.forEach((o, i) => expectSameBits(o, eager[i]!._data!, `${label}: output ${i}`));
  return exe;
}

const matmul = (a: Array, b: Array) => lax.dotGeneral(a, b, [[1], [0]]);
const xtg = (x: Array, g: Array) => lax.dotGeneral(x, g, [[0], [0]]);

describe("blocked JS dot", () => {
  it("is taken from 8 x 8 x 32 and 32^3 multiply-adds up, and not below", () => {
    const cases: [string, number[], number[], boolean][] = [
      ["8x512x8: two K blocks", [8, 512], [512, 8], true],
      ["32x32x32", [32, 32], [32, 32], true],
      ["8x511x8: under 32^3 multiply-adds", [8, 511], [511, 8], false],
      ["7x1024x8: M under 8", [7, 1024], [1024, 8], false],
      ["64x1024x7: N under 8", [64, 1024], [1024, 7], false],
      ["1024x31x64: K under 32", [1024, 31], [31, 64], false],
      ["64x8x4: the seed step's S size", [64, 8], [8, 4], false],
    ];
    for (const [label, a, b, blocked] of cases) {
      const exe = expectJsEqualsEager(matmul, [f32(...a), f32(...b)], label);
      expect(isBlocked(exe), label).toBe(blocked);
    }
  });

  it("several row, column and K blocks, with tails that are not multiples of a block or a tile", () => {
    // M = 128 + 5 (a 1-row tile tail), K = 256 + 256 + 88, N = 512 + 11 (a 3-column tile tail)
    const exe = expectJsEqualsEager(matmul, [f32(133, 600), f32(600, 523)], "133x600x523");
    expect(isBlocked(exe)).toBe(true);
    expect(exe.source).toContain("Math.min(256, 600 - ");
    // every block full: literal extents
    expect(isBlocked(expectJsEqualsEager(matmul, [f32(256, 512), f32(512, 1024)], "256x512x1024"))).toBe(true);
    for (const [m, k, n] of [[9, 400, 10], [130, 257, 9], [8, 40, 515], [131, 35, 14]] as const) {
      expect(isBlocked(expectJsEqualsEager(matmul, [f32(m, k), f32(k, n)], `${m}x${k}x${n}`))).toBe(true);
    }
  });

  it("transposed operands are strides of the packing loops", () => {
    const cases: [string, (a: Array, b: Array) => Array, Array, Array][] = [
      ["x^T g", xtg, f32(300, 133), f32(300, 37)],
      ["x^T g, several blocks each way", xtg, f32(530, 131), f32(530, 517)],
      ["g W^T", (a, b) => lax.dotGeneral(a, b, [[1], [1]]), f32(131, 300), f32(45, 300)],
      ["A^T B^T", (a, b) => lax.dotGeneral(a, b, [[0], [1]]), f32(290, 43), f32(21, 290)],
    ];
    for (const [label, f, a, b] of cases) expect(isBlocked(expectJsEqualsEager(f, [a, b], label)), label).toBe(true);
  });

  it("batched dot_general (batch first, batch in the middle) blocks each matmul", () => {
    const first = expectJsEqualsEager((a, b) => lax.dotGeneral(a, b, [[2], [1]], [[0], [0]]), [f32(3, 37, 290), f32(3, 290, 41)], "batch first");
    expect(isBlocked(first)).toBe(true);
    const middle = expectJsEqualsEager((a, b) => lax.dotGeneral(a, b, [[2], [0]], [[1], [1]]), [f32(37, 3, 290), f32(290, 3, 41)], "batch in the middle");
    expect(isBlocked(middle)).toBe(true);
  });

  it("an epilogue with several stored values reads the panel", () => {
    // the seed step's first kernel: h = x W + b - y; outputs h * c and h^2 (h itself too)
    const f = (x: Array, w: Array, b: Array, y: Array) => {
      const h = jnp.subtract(jnp.add(matmul(x, w), b), y);
      return [jnp.multiply(h, Math.fround(2 / 37)), jnp.square(h), h];
    };
    const exe = expectJsEqualsEager(f, [f32(133, 300), f32(300, 523), f32(523), f32(133, 523)], "x W + b - y");
    expect(isBlocked(exe)).toBe(true);
    expect(exe.plan).toMatch(/k0 dot \[133,523\]: .* \| /); // the epilogue is fused into the dot
  });

  it("a call allocates nothing but its outputs; kernels of the same blocking share helpers and scratch", () => {
    const f = (x: Array, w: Array, v: Array) => [matmul(x, w), matmul(x, v)];
    const inputs = [f32(133, 300), f32(300, 40), f32(300, 37)];
    const exe = expectJsEqualsEager(f, inputs, "two blocked dots");
    expect(exe.source.match(/\bconst mk\d+ = function/g)).toHaveLength(1); // one micro kernel for both (N pads to 40)
    expect(exe.source.match(/new Float64Array/g)).toHaveLength(3); // packed A, packed B, panel
    const data = inputs.map((x) => x._data!);
    exe.run(data);
    expect(countTypedArrays(() => exe.run(data)).count).toBe(2); // the two fresh outputs
  });

  it("the SGD update of W in place, in the epilogue of x^T g", () => {
    const step = (w: Array, x: Array, g: Array) => jnp.subtract(w, jnp.multiply(xtg(x, g), 0.01));
    const [w, x, g] = [f32(131, 45), f32(300, 131), f32(300, 45)];
    const want = step(w, x, g)._data!;
    const exe = compileChecked(makeGraph(step)(w, x, g), { backend: "js", inPlace: new Map([[0, 0]]) });
    expect(isBlocked(exe)).toBe(true);
    const wBuf = (w._data as Float32Array).slice();
    const [out] = exe.run([wBuf, x._data!, g._data!]);
    expect(out).toBe(wBuf);
    expectSameBits(out!, want, "W updated in place");
  });

  it("edge values: NaN, ±Inf, ±0, overflow to Inf, subnormals", () => {
    expect(isBlocked(expectJsEqualsEager(matmul, [withEdges([133, 300], 40), withEdges([300, 37], 40)], "sprinkled"))).toBe(true);
    // -0 everywhere in some rows (sums of -0 products are +0, as in eager), huge values overflowing float32 only at the rounding
    const a = withEdges([40, 64], 3);
    const b = withEdges([64, 16], 3);
    (a._data as Float32Array).fill(-0, 0, 64 * 5);
    (b._data as Float32Array).fill(3.4e38, 16 * 10, 16 * 20);
    const exe = expectJsEqualsEager(matmul, [a, b], "dense edges");
    expect(isBlocked(exe)).toBe(true);
    const out = exe.run([a._data!, b._data!])[0] as Float32Array;
    expect(out.some((v) => Number.isNaN(v)) && out.some((v) => Object.is(v, Infinity) || Object.is(v, -Infinity))).toBe(true);
    expect(isBlocked(expectJsEqualsEager(xtg, [withEdges([300, 37], 40), withEdges([300, 21], 40)], "x^T g sprinkled"))).toBe(true);
  });

  it("integer dots keep the tiled kernel", () => {
    const exe = expectJsEqualsEager(matmul, [randomArray(rng, "int32", [64, 64]), randomArray(rng, "int32", [64, 64])], "int32");
    expect(isBlocked(exe)).toBe(false);
  });
});
