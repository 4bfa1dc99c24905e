/**
 * Long contractions and long sums (issue 24): a single float32 accumulator stops growing once
 * the sum is 2^24 times its terms, and a threaded kernel with fewer rows than the split's
 * alignment once ran none of them. Wasm dots sum in float32 within a K block and in float64
 * across blocks (docs/numerics.md gives the bound); JS dots and every sum accumulate in a double.
 */
import { jnp, lax, makeGraph, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { compile } from "../compile.js";
import { booted } from "../testing/threads.js";
import { randomArray, Rng } from "../testing/values.js";
import { blockingFor } from "./kernel-dot.js";
import { threadPool } from "./threads.js";

const mm = (a: Array, b: Array) => jnp.matmul(a, b);
const run = (f: (...xs: Array[]) => Array, inputs: Array[], options: Parameters<typeof compile>[1]) =>
  compile(makeGraph(f)(...inputs), options).run(inputs.map((x) => x._data!))[0]! as Float32Array;

describe("long contractions", () => {
  // 2^24 + 2^22 products of 1: a float32 chain would stop at 2^24
  const K = 2 ** 24 + 2 ** 22;
  it(`a contraction of ${K} ones sums to ${K} in wasm, JS and eager`, () => {
    const a = jnp.ones([1, K], "float32");
    const b = jnp.ones([K, 2], "float32");
    expect([...mm(a, b)._data!]).toEqual([K, K]);
    for (const backend of ["wasm", "js"] as const) expect([...run(mm, [a, b], { backend, threads: false })], backend).toEqual([K, K]);
  });

  it("a threaded dot of one row computes that row (the split once rounded it away)", async () => {
    const rng = new Rng(5);
    const [a, b] = [randomArray(rng, "float32", [1, 4096]), randomArray(rng, "float32", [4096, 8])];
    const pool = threadPool();
    if (pool) await booted(pool);
    const single = run(mm, [a!, b!], { backend: "wasm", threads: false });
    const threaded = run(mm, [a!, b!], { backend: "wasm", threads: { minMacs: 0 } });
    expect(single.some((x) => x !== 0)).toBe(true);
    expect([...threaded]).toEqual([...single]);
  });

  it("random products stay within (KC + 2)·2^-24·Σ|ab| of the float64 sum, whatever K", () => {
    const rng = new Rng(11);
    const [M, N, Klong] = [6, 5, 2 ** 17];
    const a = randomArray(rng, "float32", [M, Klong]);
    const b = randomArray(rng, "float32", [Klong, N]);
    const got = run(mm, [a, b], { backend: "wasm", wasmExact: false, threads: false });
    const KC = blockingFor({ N, K: Klong, exact: false }).KC;
    const [ad, bd] = [a._data!, b._data!];
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let exact = 0, mag = 0;
        for (let k = 0; k < Klong; k++) {
          const p = ad[i * Klong + k]! * bd[k * N + j]!;
          exact += p;
          mag += Math.abs(p);
        }
        expect(Math.abs(got[i * N + j]! - exact), `element ${i},${j}`).toBeLessThanOrEqual((KC + 2) * 2 ** -24 * mag);
      }
    }
  });
});

describe("long sums", () => {
  it("2^25 ones sum to 2^25 on every backend (a float32 accumulator would stop at 2^24)", () => {
    const n = 2 ** 25;
    const x = jnp.ones([n], "float32");
    const sum = (v: Array) => lax.reduceSum(v, [0]);
    expect(sum(x).item()).toBe(n);
    for (const backend of ["wasm", "js", "auto"] as const) expect(run(sum, [x], { backend })[0], backend).toBe(n);
    // rows of 2^23: the wasm rows layout
    const rows = (v: Array) => jnp.sum(jnp.reshape(v, [4, n / 4]), { axis: 1 });
    expect([...run(rows, [x], { backend: "wasm" })]).toEqual([n / 4, n / 4, n / 4, n / 4]);
  });
});
