// Run as a child process by wasm/wasm.test.ts: runs a wasm dot on two threads (once the helper
// has booted), then returns without shutting the pool down; the process must still exit.
import { jnp, makeGraph, ShapedArray } from "@kiln/core";
import { compile } from "../compile.js";
import { threadPool } from "../wasm/threads.js";

const f = (a: Parameters<typeof jnp.matmul>[0], b: Parameters<typeof jnp.matmul>[1]) => jnp.matmul(a, b);
const exe = compile(makeGraph(f)(new ShapedArray([256, 256], "float32"), new ShapedArray([256, 256], "float32")), { backend: "wasm", threads: { minMacs: 0 } });
const pool = threadPool()!;
for (let i = 0; i < 500 && pool.readyThreads < pool.threads; i++) await new Promise((r) => setTimeout(r, 10));
const out = exe.run([new Float32Array(256 * 256).fill(1), new Float32Array(256 * 256).fill(2)]);
console.log(`ran ${out[0]![0]} on ${pool.readyThreads} threads`);
