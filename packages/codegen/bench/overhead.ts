// Per-call overhead of jit (flatten, cache key, run, wrap) on a tiny function.
//   npx tsx packages/codegen/bench/overhead.ts
import { jnp, type Array } from "@kiln/core";
import { jit } from "@kiln/codegen";
const f = (x: Array, y: Array) => jnp.add(x, y);
const jf = jit(f);
const x = jnp.ones([4]), y = jnp.ones([4]);
for (let i = 0; i < 10000; i++) jf(x, y);
const n = 200000;
let t0 = performance.now();
for (let i = 0; i < n; i++) jf(x, y);
console.log("jit call", ((performance.now() - t0) / n * 1e3).toFixed(2), "us");
const exe = jf.lower(x, y).executable;
const d = [x._data!, y._data!];
t0 = performance.now();
for (let i = 0; i < n; i++) exe.run(d);
console.log("exe.run", ((performance.now() - t0) / n * 1e3).toFixed(2), "us");
t0 = performance.now();
for (let i = 0; i < n; i++) f(x, y);
console.log("eager", ((performance.now() - t0) / n * 1e3).toFixed(2), "us");
