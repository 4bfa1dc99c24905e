// The wasm dot kernel alone on a plain matmul C = A·B (+ nothing): GFLOP/s and max error vs a
// double-precision reference.   npx tsx bench/kernels/wasm-dot.ts [M,N,K] [transA]
import type { Var } from "@kiln/core";
import { ShapedArray } from "@kiln/core";
import { encodeModule } from "../../packages/codegen/src/wasm/encoder.js";
import { dotFunction, workspaceBytes, type DotAccess } from "../../packages/codegen/src/wasm/kernel-dot.js";
import { arena } from "../../packages/codegen/src/wasm/memory.js";
import { wasmFeatures } from "../../packages/codegen/src/wasm/features.js";

const [M, N, K] = (process.argv[2] ?? "1024,64,256").split(",").map(Number) as [number, number, number];
const transA = process.argv[3] === "t";
const exact = process.argv.includes("exact");
const ar = arena();
const A = ar.allocArray("float32", M * K), B = ar.allocArray("float32", K * N), C = ar.allocArray("float32", M * N);
for (let i = 0; i < A.length; i++) A[i] = Math.sin(i * 0.37);
for (let i = 0; i < B.length; i++) B[i] = Math.cos(i * 0.11);
const acc = (param: number, m: number, n: number, k: number): DotAccess => ({ param, offset: 0, outer: [], kOuter: [], m, n, k });
const dotVar = { kind: "var", id: 0, aval: new ShapedArray([M, N], "float32") } as Var;
const spec = {
  outer: [], kOuter: [], M, N, K, params: 3, exact, relaxed: wasmFeatures().relaxedSimd && !exact,
  a: transA ? acc(0, 1, 0, M) : acc(0, K, 0, 1), b: acc(1, 0, 1, N),
  region: { shape: [M, N], nodes: [] }, dotVar, stored: [dotVar],
  leaf: () => { throw new Error("no leaves"); }, store: () => c, 
};
const c = acc(2, N, 1, 0);
const t0 = performance.now();
const fn = dotFunction(spec);
const bytes = encodeModule([{ name: "k", fn }], { min: 1, max: ar.maxPages, shared: true });
const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: ar.memory } });
const t1 = performance.now();
const k = inst.exports["k"] as (...a: number[]) => void;
const ws = ar.alloc(workspaceBytes(spec), "scratch");
const run = () => k(ws, 0, M, A.byteOffset, B.byteOffset, C.byteOffset);
run();
let err = 0;
for (let i = 0; i < M; i += 7) for (let j = 0; j < N; j++) {
  let s = 0;
  for (let l = 0; l < K; l++) s += (transA ? A[l * M + i]! : A[i * K + l]!) * B[l * N + j]!;
  err = Math.max(err, Math.abs(s - C[i * N + j]!) / Math.max(1, Math.abs(s)));
}
for (let w = 0; w < 3; w++) run();
const reps = Math.max(5, Math.round(4e9 / (2 * M * N * K)));
let ms = Infinity;
for (let r = 0; r < reps; r++) {
  const t = performance.now();
  run();
  ms = Math.min(ms, performance.now() - t);
}
console.log(`${M}x${N}x${K}${transA ? " A^T" : ""}${exact ? " exact" : ""}${spec.relaxed ? " relaxed" : ""}: ${ms.toFixed(3)} ms, ${((2 * M * N * K) / ms / 1e6).toFixed(1)} GFLOP/s, max rel err ${err.toExponential(1)}, module ${bytes.length} B built in ${(t1 - t0).toFixed(2)} ms`);
