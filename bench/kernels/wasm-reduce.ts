// Reduce kernels compiled with backend "js" vs "wasm": µs per call (best of a few batches) and
// the ratio, with the input already in the wasm memory (no staging copy for either backend).
// Numbers on a shared 2-core machine are noisy: compare ratios, not absolute times.
//   npx tsx bench/kernels/wasm-reduce.ts [filter]
import { jnp, makeGraph, Array as KArray, type Array } from "@kiln/core";
import { compile, toWasmMemory } from "@kiln/codegen";

type Case = readonly [label: string, shape: number[], f: (x: Array, b: Array) => Array];
const sum0 = (x: Array) => jnp.sum(x, { axis: 0 });
const cases: Case[] = [
  ["columns sum [4096,256] -> [256]", [4096, 256], sum0],
  ["columns sum [128,256] -> [256]", [128, 256], sum0],
  ["columns sum + epilogue b - 0.1·Σ(x·x) [4096,256]", [4096, 256], (x, b) => jnp.subtract(b, jnp.multiply(jnp.sum(jnp.multiply(x, x), { axis: 0 }), 0.1))],
  ["columns max [4096,256] -> [256]", [4096, 256], (x) => jnp.max(x, { axis: 0 })],
  ["columns min [128,256] -> [256]", [128, 256], (x) => jnp.min(x, { axis: 0 })],
  ["columns sum [64,1024,64] axis 1 -> [64,64]", [64, 1024, 64], (x) => jnp.sum(x, { axis: 1 })],
  ["columns sum [4096,100] -> [100] (tails)", [4096, 100], sum0],
  ["rows sum [4096,256] -> [4096]", [4096, 256], (x) => jnp.sum(x, { axis: 1 })],
  ["rows sum [256,4096] -> [256]", [256, 4096], (x) => jnp.sum(x, { axis: 1 })],
  ["rows sum [16384,10] -> [16384]", [16384, 10], (x) => jnp.sum(x, { axis: 1 })],
  ["rows sum of squares [4096,256] -> [4096]", [4096, 256], (x) => jnp.sum(jnp.multiply(x, x), { axis: 1 })],
  ["rows max [4096,256] -> [4096]", [4096, 256], (x) => jnp.max(x, { axis: 1 })],
  ["full sum [1048576] -> []", [1 << 20], (x) => jnp.sum(x)],
  ["full max [1048576] -> []", [1 << 20], (x) => jnp.max(x)],
];

const filter = process.argv[2] ?? "";
for (const [label, shape, f] of cases) {
  if (!label.includes(filter)) continue;
  const n = shape.reduce((a, b) => a * b, 1);
  const x = KArray.fromData(shape, "float32", toWasmMemory(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37))));
  const bShape = shape.filter((_, d) => d !== 0);
  const b = KArray.fromData(bShape, "float32", toWasmMemory(Float32Array.from({ length: bShape.reduce((p, q) => p * q, 1) }, (_, i) => Math.cos(i))));
  const g = makeGraph(f)(x, b);
  const args = [x._data!, b._data!];
  const time = (backend: "js" | "wasm") => {
    const exe = compile(g, { backend, threads: false });
    if (backend === "wasm" && !exe.wasm) return { us: NaN, out: exe.run(args)[0]! };
    const reps = Math.max(3, Math.round(2e6 / n));
    let best = Infinity;
    for (let batch = 0; batch < 12; batch++) {
      const t = performance.now();
      for (let r = 0; r < reps; r++) exe.run(args);
      best = Math.min(best, (performance.now() - t) / reps);
    }
    return { us: best * 1000, out: exe.run(args)[0]! };
  };
  const js = time("js"), wasm = time("wasm");
  const same = js.out.every((v, i) => Object.is(v, wasm.out[i]) || (Number.isNaN(v) && Number.isNaN(wasm.out[i])));
  console.log(`${label.padEnd(52)} js ${js.us.toFixed(1).padStart(8)} µs  wasm ${wasm.us.toFixed(1).padStart(8)} µs  js/wasm ${(js.us / wasm.us).toFixed(2).padStart(5)}x  ${same ? "same bits" : "DIFFERENT"}`);
}
