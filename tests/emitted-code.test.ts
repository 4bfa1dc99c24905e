/**
 * Pins what codegen emits for a set of representative programs: the generated JavaScript, the
 * fusion plan and, where kernels run as WebAssembly, the module's bytes (by SHA-256 and size).
 * Restructuring the compiler must not change any of it; a change in what is emitted shows up
 * here as a file diff and has to be deliberate (`vitest -u` rewrites the files).
 *
 * The programs cover every kernel kind and lowering path: elementwise chains with broadcasting
 * in every dtype, reductions with the accumulator in registers or in an array, argmax/argmin,
 * the small, register-tiled, cache-blocked and batched dots, take/scatter_add, concatenate,
 * pad, copies of views, random ops, in-place outputs, whole train steps (grad + SGD, an MLP with
 * Adam through nnx.jit), and the wasm dot, elementwise and reduce kernels (auto and forced, exact
 * and float32 accumulation).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compile, grad, jnp, lax, makeGraph, nn, nnx, optax, random, ShapedArray, updateSettings, type Array, type DType } from "kiln";
import type { ClosedGraph } from "@kiln/core";
import type { CompileOptions, Executable } from "@kiln/codegen";

const av = (dtype: DType, ...shape: number[]) => new ShapedArray(shape, dtype);
const f32 = (...shape: number[]) => av("float32", ...shape);

/** What is pinned: plan, wasm module identity, source. */
function emitted(exe: Executable): string {
  const wasm = exe.wasm
    ? `// wasm: ${exe.wasm.kernels} kernels, ${exe.wasm.binary.length} bytes, sha256 ${createHash("sha256").update(exe.wasm.binary).digest("hex")}\n`
    : "// wasm: none\n";
  const plan = exe.plan.split("\n").map((l) => `// ${l}`).join("\n");
  return `${plan}\n${wasm}${exe.source}\n`;
}

const snapshot = (name: string, exe: Executable) => expect(emitted(exe)).toMatchFileSnapshot(`./__snapshots__/emitted/${name}.js`);

/** Every lowering choice fixed, so the emitted code does not depend on the environment. */
const fixed = (backend: "js" | "wasm" | "auto", extra: CompileOptions = {}): CompileOptions => ({ backend, wasmExact: false, relaxedSimd: false, threads: false, ...extra });

function seedStep(w: Array, b: Array, x: Array, y: Array): Array[] {
  const loss = (w: Array, b: Array) => jnp.mean(jnp.square(jnp.subtract(jnp.add(jnp.matmul(x, w), b), y)));
  const [gw, gb] = grad(loss, { argnums: [0, 1] })(w, b) as Array[];
  return [loss(w, b), jnp.subtract(w, jnp.multiply(gw!, 0.01)), jnp.subtract(b, jnp.multiply(gb!, 0.01))];
}
const seedGraph = (n: number, din: number, dout: number): ClosedGraph => makeGraph(seedStep)(f32(din, dout), f32(dout), f32(n, din), f32(n, dout));
const inPlace = new Map([[1, 0], [2, 1]]);

const programs: Record<string, () => { graph: ClosedGraph; options?: CompileOptions }> = {
  "seed-step-S": () => ({ graph: seedGraph(64, 8, 4), options: { inPlace } }),
  "seed-step-M-js": () => ({ graph: seedGraph(1024, 256, 64), options: { inPlace } }),
  "elementwise-float": () => ({
    graph: makeGraph((x: Array, b: Array, s: Array) => [jnp.tanh(jnp.multiply(jnp.add(x, b), s)), jnp.where(jnp.greater(x, 0), jnp.exp(x), jnp.log1p(jnp.abs(x))), nn.gelu(x)])(f32(3, 5), f32(5), f32()),
  }),
  "elementwise-int-bool": () => ({
    graph: makeGraph((a: Array, b: Array, u: Array, p: Array) => [
      jnp.add(jnp.multiply(a, b), jnp.floorDivide(a, 3)), lax.shiftRightArithmetic(a, b), jnp.remainder(u, jnp.astype(b, "uint32")),
      jnp.logicalAnd(p, jnp.less(a, b)), jnp.astype(jnp.where(p, a, b), "float32"), lax.bitcastConvertType(jnp.astype(a, "float32"), "int32"),
    ])(av("int32", 4, 6), av("int32", 6), av("uint32", 4, 6), av("bool", 4, 6)),
  }),
  "reductions": () => ({
    graph: makeGraph((x: Array) => [
      jnp.sum(jnp.exp(x), { axis: 1 }), jnp.max(x, { axis: 0 }), jnp.min(jnp.abs(x), { axis: [0, 2] }), jnp.mean(x), jnp.sum(x, { axis: 1, keepdims: true }),
      jnp.argmax(x, { axis: 2 }), jnp.argmin(x, { axis: 0 }),
    ])(f32(6, 5, 7)),
  }),
  "softmax-logsumexp": () => ({ graph: makeGraph((x: Array) => [nn.softmax(x), jnp.logsumexp(x, { axis: -1 }), nn.logSoftmax(x)])(f32(4, 10)) }),
  "dots": () => ({
    graph: makeGraph((x: Array, w: Array, bx: Array, by: Array, i: Array, j: Array) => [
      jnp.matmul(x, w), jnp.matmul(jnp.transpose(x), x), lax.dotGeneral(bx, by, [[2], [1]], [[0], [0]]), jnp.matmul(i, j), jnp.matmul(x, lax.slice(w, [0, 1], [12, 9], [1, 2])),
    ])(f32(20, 12), f32(12, 9), f32(3, 5, 6), f32(3, 6, 4), av("int32", 5, 7), av("int32", 7, 3)),
  }),
  // two contraction groups that do not coalesce (a transposed operand): new code may change this one
  "dot-multi-k": () => ({
    graph: makeGraph((a: Array, b: Array) => lax.dotGeneral(jnp.transpose(a, [0, 2, 1]), b, [[1, 2], [0, 1]]))(f32(16, 5, 6), f32(6, 5, 8)),
  }),
  "dot-blocked": () => ({ graph: makeGraph((x: Array, w: Array, b: Array) => nn.relu(jnp.add(jnp.matmul(x, w), b)))(f32(96, 300), f32(300, 40), f32(40)) }),
  "gather-scatter": () => ({
    graph: makeGraph((table: Array, ids: Array, upd: Array) => [jnp.take(table, ids, 0), lax.scatterAdd(upd, ids, 0, [10, 4])])(f32(10, 4), av("int32", 6), f32(6, 4)),
  }),
  "structural": () => ({
    graph: makeGraph((x: Array, y: Array) => [
      jnp.concatenate([x, y], 1), lax.pad(x, jnp.array(-1, "float32"), [[1, 2, 1], [0, -1, 0]]), jnp.add(jnp.reshape(jnp.transpose(x), [12]), 1), jnp.reshape(x, [2, 6]),
    ])(f32(3, 4), f32(3, 2)),
  }),
  "random": () => ({
    graph: makeGraph((key: Array) => {
      const [a, b] = random.split(key);
      return [random.uniform(a!, [5, 3]), random.normal(b!, [7]), random.foldIn(key, 3), random.bernoulli(a!, 0.3, [4])];
    })(av("uint32", 2)),
  }),
  "seed-step-M-auto": () => ({ graph: seedGraph(1024, 256, 64), options: fixed("auto", { inPlace }) }),
  "seed-step-S-wasm": () => ({ graph: seedGraph(64, 8, 4), options: fixed("wasm", { inPlace }) }),
  "seed-step-S-wasm-exact": () => ({ graph: seedGraph(64, 8, 4), options: fixed("wasm", { inPlace, wasmExact: true }) }),
  "elementwise-wasm": () => ({
    graph: makeGraph((x: Array, b: Array, r: Array) => [jnp.maximum(jnp.multiply(jnp.add(x, b), r), 0), jnp.where(jnp.lessEqual(x, r), jnp.sqrt(jnp.abs(x)), jnp.square(x))])(f32(37, 13), f32(13), f32(37, 1)),
    options: fixed("wasm"),
  }),
  "elementwise-auto-large": () => ({ graph: makeGraph((x: Array, y: Array) => jnp.add(jnp.multiply(x, y), 1))(f32(256, 128), f32(256, 128)), options: fixed("auto") }),
  "reduce-wasm": () => ({
    graph: makeGraph((x: Array) => [jnp.sum(jnp.square(x), { axis: 0 }), jnp.max(x, { axis: 1 }), jnp.sum(x, { axis: 1 }), jnp.min(jnp.multiply(x, 2), { axis: [0, 1] })])(f32(19, 70)),
    options: fixed("wasm"),
  }),
  "mlp-forward-auto": () => ({
    graph: makeGraph((x: Array, w1: Array, b1: Array, w2: Array) => jnp.matmul(nn.relu(jnp.add(jnp.matmul(x, w1), b1)), w2))(f32(128, 784), f32(784, 256), f32(256), f32(256, 10)),
    options: fixed("auto"),
  }),
};

describe("emitted code is pinned", () => {
  for (const [name, make] of Object.entries(programs)) {
    it(name, async () => {
      const { graph, options } = make();
      await snapshot(name, compile(graph, { ...fixed("js"), ...options, name }));
    });
  }

  it("the MLP + Adam train step through nnx.jit", async () => {
    class Mlp extends nnx.Module {
      readonly l1: nnx.Linear;
      readonly l2: nnx.Linear;
      constructor(rngs: nnx.Rngs) {
        super();
        this.l1 = new nnx.Linear(32, 64, { rngs });
        this.l2 = new nnx.Linear(64, 10, { rngs });
      }
      override call(x: Array): Array {
        return this.l2.call(nnx.relu(this.l1.call(x)));
      }
    }
    const model = new Mlp(new nnx.Rngs(0));
    const opt = new nnx.Optimizer(model, optax.adam(1e-3), { wrt: nnx.Param });
    const loss = (m: Mlp, x: Array, y: Array) => jnp.mean(optax.softmaxCrossEntropyWithIntegerLabels(m.call(x), y));
    const step = nnx.jit((m: Mlp, o: nnx.Optimizer, x: Array, y: Array) => {
      const [l, g] = nnx.valueAndGrad(loss)(m, x, y);
      o.update(m, g);
      return l;
    });
    const x = jnp.zeros([16, 32], "float32");
    const y = jnp.zeros([16], "int32");
    const previous = updateSettings({ backend: "js" });
    try {
      await snapshot("mlp-adam-step", step.lower(model, opt, x, y).executable);
    } finally {
      updateSettings(previous);
    }
  });
});
