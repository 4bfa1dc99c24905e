import { Array, jnp, lax, makeGraph, type TypedArray } from "@kiln/core";
import { describe, expect, it, vi } from "vitest";
import { schedule } from "./plan/schedule.js";
import { countTypedArrays } from "./testing/alloc.js";
import { compileChecked, expectJitEqualsEager, expectMatches, expectSameBits } from "./testing/check.js";
import { f32, trace } from "./testing/graphs.js";
import { arrayOf, randomArray, Rng } from "./testing/values.js";

const rng = new Rng(7);
const mse = (x: Array, w: Array, b: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(jnp.add(jnp.matmul(x, w), b), y)));

/** A Linear + MSE + SGD step with the backward pass written out (what grad produces, simplified). */
function sgdStep(n: number, dout: number, lr: number): (...xs: Array[]) => Array[] {
  return (w, b, x, y) => {
    const d = jnp.subtract(jnp.add(jnp.matmul(x!, w!), b!), y!);
    const loss = jnp.mean(jnp.square(d));
    const g = jnp.multiply(d, Math.fround(2 / (n * dout)));
    const w2 = jnp.subtract(w!, jnp.multiply(lax.dotGeneral(x!, g, [[0], [0]]), lr));
    const b2 = jnp.subtract(b!, jnp.multiply(jnp.sum(g, { axis: 0 }), lr));
    return [loss, w2, b2];
  };
}

describe("generated source", () => {
  it("mean((x@w + b - y)**2) is one dot loop with a fused epilogue and one sum", () => {
    const exe = compileChecked(trace(mse, f32(4, 3), f32(3, 2), f32(2), f32(4, 2)), { backend: "js" }); // the JS lowering's source
    expect(exe.plan).toMatchInlineSnapshot(`
      "k0 dot [4,2]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] a b | f = add e c ; g = sub f d ; h = integer_pow[y=2] g -> h
      k1 reduce [4,2] -> []: i = reduce_sum[axes=(0, 1)] h | j = mul i 0.125:f32[] -> j"
    `);
    expect(exe.source).toMatchInlineSnapshot(`
      "const s0 = new Float32Array(8);
      return function (args) {
        const x0 = args[0];
        const x1 = args[1];
        const x2 = args[2];
        const x3 = args[3];
        const t0 = s0;
        const y0 = new Float32Array(1);
        for (let i0 = 0; i0 < 4; i0++) {
          for (let i1 = 0; i1 < 2; i1++) {
            let acc0 = 0;
            const v3 = x2[i1];
            const p2 = i0 * 2 + i1;
            const v5 = x3[p2];
            for (let i2 = 0; i2 < 3; i2++) {
              const p0 = i0 * 3 + i2;
              const v0 = x0[p0];
              const p1 = i1 + i2 * 2;
              const v1 = x1[p1];
              acc0 += v0 * v1;
            }
            const v2 = Math.fround(acc0);
            const v4 = Math.fround(v2 + v3);
            const v6 = Math.fround(v4 - v5);
            const v7 = Math.fround(v6 * v6);
            t0[p2] = v7;
          }
        }
        let acc1 = 0;
        for (let i3 = 0; i3 < 8; i3++) {
          const v8 = t0[i3];
          acc1 += v8;
        }
        const v9 = Math.fround(acc1);
        const v10 = Math.fround(v9 * 0.125);
        y0[0] = v10;
        return [y0];
      };
      "
    `);
  });

  it("NaN, ±Infinity and -0 constants survive codegen", () => {
    const f = (x: Array) => [
      lax.add(x, jnp.asarray(NaN, "float32")),
      lax.mul(x, jnp.asarray(-0, "float32")),
      lax.max(x, jnp.asarray(-Infinity, "float32")),
      lax.min(x, jnp.asarray(Infinity, "float32")),
      lax.broadcastInDim(jnp.asarray(-0, "float32"), [2], []), // (eager jnp.full(-0) gives +0: a core bug)
      lax.broadcastInDim(jnp.asarray(NaN, "float32"), [2], []),
    ];
    const exe = expectJitEqualsEager(f, [arrayOf("float32", [3], [1, -0, 0])]);
    for (const text of ["NaN", "-0", "-Infinity", "Infinity"]) expect(exe.source).toContain(text);
    const out = exe.run([Float32Array.of(1, -0, 0)]);
    expect(Object.is(out[4]![0], -0)).toBe(true);
    expect(Number.isNaN(out[5]![1])).toBe(true);
  });

  it("captured constant arrays are bound at compile time", () => {
    const c = arrayOf("float32", [3], [NaN, -0, Infinity]);
    const g = makeGraph((x: Array) => jnp.add(x, c))(f32(3));
    const exe = compileChecked(g);
    const x = Float32Array.of(1, -0, 2);
    expectSameBits(exe.run([x])[0]!, Float32Array.of(NaN, -0, Infinity));
    expectSameBits(exe.run([c._data!, x])[0]!, Float32Array.of(NaN, -0, Infinity));
  });
});

describe("buffers", () => {
  it("a fused elementwise chain allocates no intermediate", () => {
    const g = trace((x, y) => jnp.tanh(jnp.multiply(jnp.add(jnp.exp(x), y), 2)), f32(8, 8), f32(8));
    expect(schedule(g).scratch).toEqual([]);
  });

  it("intermediates of equal dtype and size share one buffer once dead", () => {
    const f = (x: Array, w: Array) => {
      const h1 = jnp.matmul(x, w); // stored (read by the next dot)
      const h2 = jnp.matmul(h1, w); // h1 dead after this
      return jnp.matmul(h2, w);
    };
    const sched = schedule(trace(f, f32(4, 4), f32(4, 4)));
    expect(sched.scratch).toEqual([{ id: 0, type: "float32", size: 16 }, { id: 1, type: "float32", size: 16 }]);
    expectJitEqualsEager(f, [randomArray(rng, "float32", [4, 4]), randomArray(rng, "float32", [4, 4])]);
  });

  it("a compiled call allocates no typed arrays except its outputs", () => {
    const step = sgdStep(32, 4, 0.1);
    const inputs = [randomArray(rng, "float32", [8, 4]), randomArray(rng, "float32", [4]), randomArray(rng, "float32", [32, 8]), randomArray(rng, "float32", [32, 4])];
    const exe = compileChecked(makeGraph(step)(...inputs), { backend: "js" }); // wasm/wasm.test.ts counts the wasm path's
    const data = inputs.map((a) => a._data!);
    exe.run(data); // warm up
    const { result, count } = countTypedArrays(() => exe.run(data));
    expect(result.length).toBe(3);
    expect(count).toBe(3);
    const inPlace = compileChecked(makeGraph(step)(...inputs), { inPlace: new Map([[1, 0], [2, 1]]), backend: "js" });
    expect(countTypedArrays(() => inPlace.run(data)).count).toBe(1); // just the loss
  });
});

describe("in-place outputs", () => {
  it("the SGD step writes w and b into the buffers passed in", () => {
    const step = sgdStep(16, 3, 0.5);
    const [w, b, x, y] = [randomArray(rng, "float32", [5, 3]), randomArray(rng, "float32", [3]), randomArray(rng, "float32", [16, 5]), randomArray(rng, "float32", [16, 3])];
    const expected = step(w!, b!, x!, y!).map((a) => a._data!);
    const exe = compileChecked(makeGraph(step)(w!, b!, x!, y!), { inPlace: new Map([[1, 0], [2, 1]]) });
    const wBuf = w!._data!.slice();
    const bBuf = b!._data!.slice();
    const out = exe.run([wBuf, bBuf, x!._data!, y!._data!]);
    expect(out[1]).toBe(wBuf);
    expect(out[2]).toBe(bBuf);
    out.forEach((o, i) => expectMatches(exe, o, expected[i]!));
    expect(exe.plan).not.toMatch(/copy/); // written directly by the fused loops
  });

  const checkInPlace = (f: (...xs: Array[]) => Array[], inputs: Array[], inPlace: [number, number][]) => {
    const expected = f(...inputs).map((a) => a._data!);
    const exe = compileChecked(makeGraph(f)(...inputs), { inPlace: new Map(inPlace) });
    const bufs: TypedArray[] = inputs.map((a) => a._data!.slice());
    const out = exe.run(bufs);
    for (const [k, j] of inPlace) expect(out[k]).toBe(bufs[j]);
    out.forEach((o, i) => expectMatches(exe, o, expected[i]!, `output ${i}\n${exe.plan}\n${exe.source}`));
    return exe;
  };

  it("a result read transposed from its own target goes through a temporary", () => {
    const exe = checkInPlace((w) => [jnp.add(jnp.transpose(w), 1)], [randomArray(rng, "float32", [3, 3])], [[0, 0]]);
    expect(exe.plan).toMatch(/copy/);
  });

  it("outputs swapped between two inputs", () => {
    checkInPlace((a, b) => [b!, a!], [randomArray(rng, "float32", [4]), randomArray(rng, "float32", [4])], [[0, 0], [1, 1]]);
  });

  it("an input read after the kernel that updates it keeps its old value for that read", () => {
    checkInPlace((w, g) => {
      const w2 = jnp.subtract(w!, g!);
      return [w2, jnp.sum(jnp.multiply(w!, 3))];
    }, [randomArray(rng, "float32", [6]), randomArray(rng, "float32", [6])], [[0, 0]]);
  });

  it("dot operands that are the target force a copy", () => {
    checkInPlace((w) => [jnp.add(w, jnp.matmul(w, w))], [randomArray(rng, "float32", [8, 8])], [[0, 0]]);
  });

  it("unchanged, literal and view outputs", () => {
    checkInPlace((a, b) => [a!, jnp.full([], 2.5, "float32"), jnp.reshape(b!, [2, 3])], [randomArray(rng, "float32", [4]), randomArray(rng, "float32", [6]), randomArray(rng, "float32", []), randomArray(rng, "float32", [3, 2])], [[0, 0], [1, 2], [2, 3]]);
  });

  it("rejects mismatched or duplicate targets", () => {
    const g = trace((a, b) => [jnp.add(a, b), jnp.sum(a)], f32(3), f32(3));
    expect(() => compileChecked(g, { inPlace: new Map([[1, 0]]) })).toThrow(/differ in dtype or size/);
    expect(() => compileChecked(g, { inPlace: new Map([[0, 0], [1, 0]]) })).toThrow();
  });
});

describe("debugging", () => {
  it("debug: true prints each pass's graph, the plan and the source to stderr", () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
    try {
      compileChecked(trace((x) => jnp.multiply(jnp.add(x, 0), 1), f32(2)), { debug: true, name: "dbg" });
    } finally {
      spy.mockRestore();
    }
    const text = written.join("");
    expect(text).toContain("graph before the passes");
    expect(text).toContain("after simplify");
    expect(text).toContain("dbg: plan");
    expect(text).toContain("dbg: generated source");
  });
});
