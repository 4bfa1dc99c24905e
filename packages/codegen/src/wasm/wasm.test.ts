import { platform } from "@kiln/platform";
import { booted } from "../testing/threads.js";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { jnp, lax, makeGraph, nn, type Array, type OpParams, type TypedArray } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { compile, type CompileOptions } from "../compile.js";
import { compileChecked, expectSameBits } from "../testing/check.js";
import { expectWasmEqualsJs } from "../testing/wasm-vs-js.js";
import { arrayOf, edgePairs, randomArray, Rng, withEdgeValues } from "../testing/values.js";
import { encodeModule, f32x4, FuncBuilder, get, i32, v128 } from "./encoder.js";
import { wasmFeatures } from "./features.js";
import { Arena, inWasmMemory, toWasmMemory } from "./memory.js";
import { WASM_MIN_ELEMENTS, WASM_MIN_MACS } from "./options.js";
import { shutdownThreads, ThreadPool, threadPool } from "./threads.js";

const rng = new Rng(99);
const f32 = (...shape: number[]) => randomArray(rng, "float32", shape);
const exactWasm: CompileOptions = { backend: "wasm", wasmExact: true };

/** Compiles `f` with `options` and checks every output is bit-identical to eager mode. */
function expectBits(f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], options: CompileOptions, label: string) {
  const eager = [f(...inputs)].flat();
  const exe = compileChecked(makeGraph(f)(...inputs), options);
  expect(exe.wasm?.kernels ?? 0, `${label}: lowered to wasm`).toBeGreaterThan(0);
  exe.run(inputs.map((x) => x._data!)).forEach((o, i) => expectSameBits(o, eager[i]!._data!, `${label} output ${i}\n${exe.source}`));
  return exe;
}

type Dot = readonly [string, Array, Array, OpParams["dot_general"]["contracting"], OpParams["dot_general"]["batch"]?];
const dots: Dot[] = [
  ["matmul", f32(4, 3), f32(3, 2), [[1], [0]]],
  ["x^T g", f32(6, 3), f32(6, 2), [[0], [0]]],
  ["g W^T (gathered B)", f32(5, 2), f32(3, 2), [[1], [1]]],
  ["batched", f32(2, 4, 3), f32(2, 3, 5), [[2], [1]], [[0], [0]]],
  ["batch in the middle", f32(4, 2, 3), f32(3, 2, 5), [[2], [0]], [[1], [1]]],
  ["vector", f32(7), f32(7), [[0], [0]]],
  ["matrix-vector", f32(9, 7), f32(7), [[1], [0]]],
  ["tails 37x41x23", f32(37, 23), f32(23, 41), [[1], [0]]],
  ["several row and K blocks 130x70x300", f32(130, 300), f32(300, 70), [[1], [0]]],
  ["transposed, several blocks", f32(300, 131), f32(300, 19), [[0], [0]]],
  ["edges", arrayOf("float32", [2, 3], [NaN, 1, 2, Infinity, -0, 1]), arrayOf("float32", [3, 2], [1, -0, 2, 3, -Infinity, 1]), [[1], [0]]],
  ["signed zeros", arrayOf("float32", [1, 2], [-0, -0]), arrayOf("float32", [2, 1], [1, 1]), [[1], [0]]],
];

describe("wasm features and encoder", () => {
  it("Node's V8 validates SIMD128, and relaxed SIMD once kiln has turned its flag on", () => {
    expect(wasmFeatures().simd).toBe(true);
    expect(wasmFeatures().relaxedSimd).toBe(process.env["KILN_RELAXED_SIMD"] !== "0");
    const mm = (x: Array, w: Array) => jnp.matmul(x, w);
    const g = makeGraph(mm)(f32(64, 64), f32(64, 64));
    expect(compile(g, { backend: "wasm", wasmExact: false }).wasm?.relaxedSimd).toBe(wasmFeatures().relaxedSimd);
    expect(compile(g, { backend: "wasm", wasmExact: false, relaxedSimd: false }).wasm?.relaxedSimd).toBe(false);
    expect(compile(g, { backend: "wasm", wasmExact: true }).wasm?.relaxedSimd).toBe(false);
  });

  it("KILN_RELAXED_SIMD=0 leaves V8's flag alone: relaxed SIMD stays off", () => {
    const script = `import { wasmFeatures } from ${JSON.stringify(fileURLToPath(new URL("./features.ts", import.meta.url)))};
      console.log(JSON.stringify(wasmFeatures()));`;
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { relaxedSimd: boolean };
    };
    expect(run({ KILN_RELAXED_SIMD: "0" }).relaxedSimd).toBe(false);
    expect(run({ KILN_RELAXED_SIMD: "1" }).relaxedSimd).toBe(true);
  });

  it("encodes a module that validates and runs", () => {
    const ar = new Arena(1);
    const f = new FuncBuilder(["i32", "i32"]);
    const [p, q] = f.params as [never, never];
    f.emit(v128.store(get(q), f32x4.mul(v128.load(get(p)), v128.load(get(p))), 0), v128.store(i32.const(0), v128.zero(), 0));
    const bytes = encodeModule([{ name: "sq", fn: f }], { min: 1, max: ar.maxPages, shared: true });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const sq = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: ar.memory } }).exports["sq"] as (a: number, b: number) => void;
    const a = ar.allocArray("float32", 4) as Float32Array;
    const b = ar.allocArray("float32", 4) as Float32Array;
    a.set([1, -2, 0.5, NaN]);
    sq(a.byteOffset, b.byteOffset);
    expect([...b]).toEqual([1, 4, 0.25, NaN]);
  });
});

describe("the wasm memory", () => {
  it("allocates, frees and merges blocks, and grows without detaching views", () => {
    const ar = new Arena(1);
    const a = ar.alloc(1000, "scratch"), b = ar.alloc(1000, "scratch");
    expect(b).toBeGreaterThan(a);
    const v = ar.view("float32", a, 4);
    v.set([1, 2, 3, 4]);
    ar.release(b);
    ar.release(a);
    expect(ar.alloc(2000, "scratch")).toBe(a); // merged
    const big = ar.alloc(3 * 65536, "scratch"); // grows
    expect(ar.byteLength).toBeGreaterThanOrEqual(big + 3 * 65536);
    expect([...v]).toEqual([1, 2, 3, 4]); // a view from before the growth still works
  });

  it("toWasmMemory copies into the memory once; inWasmMemory tells", () => {
    const x = Float32Array.of(1, 2, 3);
    expect(inWasmMemory(x)).toBe(false);
    const y = toWasmMemory(x);
    expect(inWasmMemory(y)).toBe(true);
    expect([...y]).toEqual([1, 2, 3]);
  });
});

describe("wasm dot kernels with exact accumulation equal eager mode bit for bit", () => {
  for (const [label, a, b, contracting, batch] of dots) {
    it(label, () => expectBits((x, y) => lax.dotGeneral(x!, y!, contracting, batch ?? [[], []]), [a, b], exactWasm, label));
  }

  it("with every supported epilogue op, several stored values", () => {
    const f = (x: Array, w: Array, c: Array, r: Array) => {
      const h = jnp.add(jnp.matmul(x, w), c);
      const g = jnp.divide(jnp.multiply(jnp.subtract(h, r), 0.5), jnp.add(jnp.abs(r), 1));
      const s = jnp.sqrt(jnp.abs(nn.relu(jnp.negative(g))));
      return [h, jnp.minimum(jnp.square(g), s), lax.integerPow(g, 3), lax.integerPow(h, -2)];
    };
    expectBits(f, [f32(37, 20), f32(20, 22), f32(22), f32(37, 22)], exactWasm, "epilogue");
  });

  it("with comparisons and selects in the epilogue (relu and its derivative, as a MLP's forward dot fuses them)", () => {
    const f = (x: Array, w: Array, c: Array) => {
      const h = jnp.add(jnp.matmul(x, w), c);
      const grad = jnp.add(jnp.astype(jnp.greater(h, 0), "float32"), jnp.multiply(jnp.astype(jnp.equal(h, 0), "float32"), 0.5));
      return [jnp.maximum(h, 0), grad, jnp.where(jnp.logicalAnd(jnp.less(h, 1), jnp.notEqual(h, -0.5)), jnp.floor(h), jnp.sign(h))];
    };
    const w = arrayOf("float32", [3, 6], [1, -1, 0, 2, NaN, -0, 0.5, 0, -2, 1, 1, 0, -0.5, 1, 0, Infinity, 2, 1]);
    expectBits(f, [f32(21, 3), w, arrayOf("float32", [6], [0, -0, 0.5, -1, 0, 1])], exactWasm, "relu epilogue");
  });

  it("edge values through the epilogue (max/min with NaN and signed zeros)", () => {
    const e = arrayOf("float32", [1, 8], [NaN, -0, 0, Infinity, -Infinity, 1e-40, -1, 3]);
    const f = (x: Array, w: Array, r: Array) => {
      const d = jnp.matmul(x, w);
      return [jnp.maximum(d, r), jnp.minimum(d, r), jnp.maximum(r, jnp.negative(d))];
    };
    const w = arrayOf("float32", [2, 8], [NaN, -0, 0, Infinity, -Infinity, 1e-40, -1, 3, -0, -0, -0, -0, 0, 0, 1, -0]);
    expectBits(f, [arrayOf("float32", [8, 2], [-0, -0, 0, 0, 1, 1, NaN, 0, -1, -0, 2, 0, Infinity, 1, -0, -0]), w, e], exactWasm, "edges");
  });

  it("the SGD step in place, written back into buffers outside the wasm memory", () => {
    const step = (w: Array, x: Array, gy: Array) => [jnp.subtract(w, jnp.multiply(lax.dotGeneral(x, gy, [[0], [0]]), 0.1))];
    const [w, x, gy] = [f32(20, 6), f32(50, 20), f32(50, 6)];
    const expected = step(w!, x!, gy!)[0]!._data!;
    const exe = compileChecked(makeGraph(step)(w!, x!, gy!), { ...exactWasm, inPlace: new Map([[0, 0]]) });
    const wBuf = w!._data!.slice();
    const out = exe.run([wBuf, x!._data!, gy!._data!]);
    expect(out[0]).toBe(wBuf);
    expectSameBits(wBuf, expected);
  });
});

describe("float32 accumulation (the default) is within the summation-order bound", () => {
  for (const [label, a, b, contracting, batch] of dots.filter(([l]) => l !== "edges")) for (const relaxedSimd of [true, false]) {
    it(`${label}${relaxedSimd ? " (relaxed multiply-add)" : " (multiply, then add)"}`, () => {
      const f = (x: Array, y: Array) => lax.dotGeneral(x, y, contracting, batch ?? [[], []]);
      const exe = compile(makeGraph(f)(a, b), { backend: "wasm", wasmExact: false, relaxedSimd });
      expect(exe.wasm?.relaxedSimd).toBe(relaxedSimd && wasmFeatures().relaxedSimd);
      const got = exe.run([a._data!, b._data!])[0]! as Float32Array;
      // |float32 sum - exact| <= K · 2^-24 · Σ|a·b| (+ the final rounding), element by element
      const absF = (x: Array, y: Array) => lax.dotGeneral(jnp.abs(x), jnp.abs(y), contracting, batch ?? [[], []]);
      const mags = absF(a, b)._data!;
      const exact = compile(makeGraph(f)(a, b), exactWasm).run([a._data!, b._data!])[0]!;
      const K = contracting[0].reduce((n, d) => n * a.shape[d]!, 1);
      got.forEach((v, i) => expect(Math.abs(v - exact[i]!), `${label} element ${i}`).toBeLessThanOrEqual((K + 1) * 2 ** -24 * mags[i]! + 1e-30));
    });
  }
});

describe("the cost model", () => {
  const mm = (x: Array, w: Array) => jnp.matmul(x, w);
  it("keeps small dots on JS and moves large float32 dots to wasm", () => {
    expect(compile(makeGraph(mm)(f32(8, 4), f32(4, 4)), { backend: "auto" }).wasm).toBeNull();
    const big = compile(makeGraph(mm)(f32(64, 64), f32(64, 64)), { backend: "auto" });
    expect(64 ** 3).toBeGreaterThanOrEqual(WASM_MIN_MACS);
    expect(big.wasm?.kernels).toBe(1);
    expect(big.source).toMatch(/wasm\.call\(0, \[x0, x1, y0\]\)/);
  });
  it("backend: 'js' forces JavaScript, 'wasm' forces every dot that has a wasm form", () => {
    expect(compile(makeGraph(mm)(f32(64, 64), f32(64, 64)), { backend: "js" }).wasm).toBeNull();
    expect(compile(makeGraph(mm)(f32(2, 2), f32(2, 2)), { backend: "wasm" }).wasm?.kernels).toBe(1);
    const ints = (x: Array, w: Array) => jnp.matmul(x, w);
    const i32 = randomArray(rng, "int32", [64, 64]);
    expect(compile(makeGraph(ints)(i32, i32), { backend: "wasm" }).wasm).toBeNull(); // int dots stay JS
    const erf = (x: Array, w: Array) => lax.erf(jnp.matmul(x, w));
    expect(compile(makeGraph(erf)(f32(64, 64), f32(64, 64)), { backend: "wasm" }).wasm).toBeNull(); // transcendental epilogue
  });
});

const withEdges = (shape: number[], every = 3): Array => withEdgeValues(rng, shape, every);

describe("wasm elementwise kernels equal the JS lowering bit for bit", () => {
  const chain = (x: Array, y: Array, z: Array) => {
    const a = jnp.add(jnp.multiply(x, y), z);
    const b = jnp.divide(jnp.subtract(a, y), jnp.add(jnp.abs(z), 0.1));
    const c = jnp.sqrt(jnp.abs(jnp.negative(b)));
    return [a, jnp.minimum(b, c), jnp.maximum(jnp.square(b), x), lax.integerPow(c, 3), lax.integerPow(a, -2)];
  };

  it("every supported op on random values (same shape, contiguous; tails of 1-3 lanes)", () => {
    for (const n of [4, 5, 6, 7, 64, 1001, 20003]) expectWasmEqualsJs(chain, [f32(n), f32(n), f32(n)], `n=${n}`);
    expectWasmEqualsJs(chain, [f32(37, 129), f32(37, 129), f32(37, 129)], "37x129");
  });

  it("edge values: NaN, ±Inf, ±0, subnormals through every op (each pair of edge values)", () => {
    const [a, b] = edgePairs("float32");
    const ops = (x: Array, y: Array) => [
      jnp.add(x, y), jnp.subtract(x, y), jnp.multiply(x, y), jnp.divide(x, y), jnp.maximum(x, y), jnp.minimum(x, y),
      jnp.sqrt(x), jnp.negative(x), jnp.abs(x), lax.integerPow(x, 2), lax.integerPow(x, 5), lax.integerPow(y, -3), lax.integerPow(x, 0),
      jnp.maximum(jnp.negative(x), jnp.multiply(y, 0)), jnp.minimum(jnp.multiply(x, -0), y),
    ];
    expectWasmEqualsJs(ops, [a, b], "edge pairs");
    expectWasmEqualsJs(chain, [withEdges([41, 43], 2), withEdges([41, 43], 3), withEdges([41, 43], 5)], "edges through the chain");
  });

  // Bools live only in registers (masks in f32x4 lanes, 0/1 in the scalar tail), so each case
  // makes its own comparisons: a bool read by two kernels would be stored and keep both on JS.
  const f = (b: Array) => jnp.astype(b, "float32");
  const logicCases: readonly (readonly [string, (x: Array, y: Array) => Array])[] = [
    ["gt", (x, y) => f(jnp.greater(x, y))],
    ["ge", (x, y) => f(jnp.greaterEqual(x, y))],
    ["lt", (x, y) => f(jnp.less(x, y))],
    ["le", (x, y) => f(jnp.lessEqual(x, y))],
    ["eq", (x, y) => f(jnp.equal(x, y))],
    ["ne", (x, y) => f(jnp.notEqual(x, y))],
    ["where", (x, y) => jnp.where(jnp.greater(x, y), x, y)],
    ["and", (x, y) => jnp.where(jnp.logicalAnd(jnp.lessEqual(x, y), jnp.notEqual(x, y)), jnp.negative(y), x)],
    ["or", (x, y) => jnp.where(jnp.logicalOr(jnp.less(x, y), jnp.equal(x, y)), 2, x)],
    ["xor", (x, y) => f(jnp.logicalXor(jnp.greaterEqual(x, y), jnp.lessEqual(x, y)))],
    ["not", (x, y) => jnp.where(jnp.logicalNot(jnp.less(x, y)), y, -0)],
    ["max/min of bools", (x, y) => jnp.add(f(jnp.maximum(jnp.greater(x, y), jnp.less(x, 0))), f(jnp.minimum(jnp.greaterEqual(x, y), jnp.lessEqual(x, 1))))],
    ["float to bool to float", (x) => f(jnp.astype(x, "bool"))],
    ["float to bool, select", (x, y) => jnp.where(jnp.astype(jnp.subtract(x, y), "bool"), x, 1)],
    ["floor", (x) => jnp.floor(x)],
    ["ceil", (x) => jnp.ceil(x)],
    ["round", (x) => jnp.round(x)],
    ["sign", (x, y) => jnp.add(jnp.sign(x), jnp.sign(jnp.multiply(y, 1e-30)))],
    ["relu derivative", (x) => jnp.multiply(x, f(jnp.greater(x, 0)))],
  ];

  it("comparisons, select, logic, conversions, floor/ceil/round/sign on every pair of edge values", () => {
    const [a, b] = edgePairs("float32");
    for (const [name, g] of logicCases) expectWasmEqualsJs(g, [a, b], `${name}: edge pairs`, {}, true);
    // halves round to even; values near integers and large ones
    const halves = arrayOf("float32", [16], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, -0.49999997, 8388607.5, -8388607.5, 1e30, -1e-30, 3.5, -3.5, 4.5, -0.4]);
    expectWasmEqualsJs((x: Array) => [jnp.round(x), jnp.floor(x), jnp.ceil(x), jnp.sign(x)], [halves], "halves", {}, true);
  });

  it("comparisons, select and logic on random values with broadcasting (tails of 1-3 lanes)", () => {
    for (const [name, g] of logicCases) {
      for (const n of [5, 7, 1003]) expectWasmEqualsJs(g, [withEdges([n], 3), withEdges([n], 5)], `${name}: n=${n}`, {}, true);
      expectWasmEqualsJs(g, [withEdges([37, 129], 4), withEdges([129], 3)], `${name}: rows`);
      expectWasmEqualsJs(g, [withEdges([37, 129], 4), withEdges([37, 1], 3)], `${name}: columns`);
    }
  });

  it("broadcasting: rows, columns, scalars and literals", () => {
    const f = (x: Array, row: Array, col: Array, s: Array) => [
      jnp.add(jnp.multiply(x, row), col),
      jnp.maximum(jnp.subtract(x, s), jnp.divide(col, row)),
      jnp.minimum(jnp.multiply(x, 2.5), jnp.add(s, -0)),
      jnp.add(jnp.multiply(row, col), 0.1),
    ];
    const shapes: [number[], number[], number[]][] = [[[64, 300], [300], [64, 1]], [[130, 7], [1, 7], [130, 1]], [[3, 5, 64], [64], [3, 5, 1]], [[500, 3], [3], [500, 1]]];
    for (const [xs, rs, cs] of shapes) {
      expectWasmEqualsJs(f, [withEdges(xs, 4), withEdges(rs, 5), withEdges(cs, 3), arrayOf("float32", [], [0.3])], `broadcast ${xs}`);
      expectWasmEqualsJs(f, [withEdges(xs, 4), withEdges(rs, 5), withEdges(cs, 3), arrayOf("float32", [], [NaN])], `broadcast NaN scalar ${xs}`);
    }
  });

  it("in place, into buffers outside the wasm memory", () => {
    const step = (p: Array, m: Array, g: Array) => {
      const m2 = jnp.add(jnp.multiply(m, 0.9), jnp.multiply(g, 0.1));
      return [jnp.subtract(p, jnp.multiply(m2, 0.01)), m2];
    };
    const [p, m, g] = [withEdges([100, 200], 7), f32(100, 200), f32(100, 200)];
    const inPlace = new Map([[0, 0], [1, 1]]);
    const expected = compile(makeGraph(step)(p, m, g), { backend: "js", inPlace }).run([p._data!.slice(), m._data!.slice(), g._data!]);
    const exe = compileChecked(makeGraph(step)(p, m, g), { backend: "wasm", inPlace });
    expect(exe.wasm?.kernels).toBeGreaterThan(0);
    const pBuf = p._data!.slice(), mBuf = m._data!.slice();
    const out = exe.run([pBuf, mBuf, g._data!]);
    expect(out[0]).toBe(pBuf);
    expect(out[1]).toBe(mBuf);
    expectSameBits(pBuf, expected[0]!);
    expectSameBits(mBuf, expected[1]!);
  });

  it("the cost model: large float32 elementwise kernels of supported ops only", () => {
    const add = (x: Array, y: Array) => jnp.add(jnp.multiply(x, y), 1);
    const n = WASM_MIN_ELEMENTS;
    expect(compile(makeGraph(add)(f32(n - 4), f32(n - 4)), { backend: "auto" }).wasm).toBeNull(); // small: JS
    expect(compile(makeGraph(add)(f32(n), f32(n)), { backend: "auto" }).wasm?.kernels).toBe(1);
    expect(compile(makeGraph(add)(f32(n), f32(n)), { backend: "js" }).wasm).toBeNull();
    expect(compile(makeGraph(add)(f32(4), f32(4)), { backend: "wasm" }).wasm?.kernels).toBe(1); // forced: any size
    expect(compile(makeGraph(add)(f32(3), f32(3)), { backend: "wasm" }).wasm).toBeNull(); // but not under one vector
    const exp = (x: Array) => jnp.exp(x);
    expect(compile(makeGraph(exp)(f32(n)), { backend: "wasm" }).wasm).toBeNull(); // transcendental
    const ints = randomArray(rng, "int32", [n]);
    expect(compile(makeGraph(add)(ints, ints), { backend: "wasm" }).wasm).toBeNull(); // int32
    const tr = (x: Array, y: Array) => jnp.add(jnp.transpose(x), y);
    expect(compile(makeGraph(tr)(f32(128, 128), f32(128, 128)), { backend: "wasm" }).wasm).toBeNull(); // strided read
    const cmp = (x: Array, y: Array) => jnp.where(jnp.greater(x, y), x, y);
    expect(compile(makeGraph(cmp)(f32(n), f32(n)), { backend: "auto" }).wasm?.kernels).toBe(1); // compare/select in registers
    const storesBool = (x: Array, y: Array) => jnp.greater(jnp.add(x, y), 1);
    expect(compile(makeGraph(storesBool)(f32(n), f32(n)), { backend: "wasm" }).wasm).toBeNull(); // a bool result is stored
    const readsBool = (p: Array, x: Array) => jnp.where(p, x, 0);
    expect(compile(makeGraph(readsBool)(randomArray(rng, "bool", [n]), f32(n)), { backend: "wasm" }).wasm).toBeNull(); // a bool buffer is read
  });
});

describe("the thread pool", () => {
  const mm = (x: Array, w: Array) => [jnp.add(jnp.matmul(x, w), 1)];
  const big = [f32(300, 257), f32(257, 70)] as const;

  it("a step on shared memory with threads equals the single-thread step bit for bit", async () => {
    const g = makeGraph(mm)(...big);
    const data = big.map((x) => x._data!) as TypedArray[];
    const one = compile(g, { backend: "wasm", threads: false }).run(data)[0]!;
    const pool = threadPool();
    if (!pool) return; // KILN_THREADS=1
    await booted(pool);
    const many = compile(g, { backend: "wasm", threads: { minMacs: 0 } }).run(data)[0]!;
    expectSameBits(many, one);
    expect(threadPool()).toBe(pool); // reused
  });

  it("starts, runs kernels, shuts down, and starts again on demand", async () => {
    const pool = new ThreadPool(platform.threads!, 1);
    expect(pool.threads).toBe(2);
    await pool.shutdown();
    expect(pool.isClosed).toBe(true);
    await pool.shutdown(); // idempotent
    const before = threadPool();
    await shutdownThreads();
    const after = threadPool();
    if (before) expect(after).not.toBe(before);
    const data = big.map((x) => x._data!) as TypedArray[];
    const g = makeGraph(mm)(...big);
    if (after) await booted(after);
    expectSameBits(compile(g, { backend: "wasm", threads: { minMacs: 0 } }).run(data)[0]!, compile(g, { backend: "wasm", threads: false }).run(data)[0]!);
  });

  it("does not keep the process alive", () => {
    const script = fileURLToPath(new URL("../testing/threads-exit.ts", import.meta.url));
    const root = fileURLToPath(new URL("../../../..", import.meta.url));
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 30_000, env: { ...process.env, KILN_THREADS: "2" } });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("ran 512 on 2 threads");
    expect(r.status).toBe(0);
  });
});
