import { jnp, lax, makeGraph, nn, type Array } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { compileChecked, expectJitEqualsEager, expectMatches } from "./testing/check.js";
import { randomArray, Rng } from "./testing/values.js";

/**
 * Random programs of elementwise ops, broadcasts, reductions, dots, transposes and reshapes:
 * whatever fusion and buffer planning decide, the compiled function must equal eager mode bit
 * for bit. A failing seed reproduces on its own.
 */
type Step = (vals: Array[], rng: Rng) => Array | null;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(0, xs.length)]!;
const broadcastable = (a: Array, b: Array) => {
  const n = Math.max(a.ndim, b.ndim);
  for (let i = 1; i <= n; i++) {
    const x = a.shape[a.ndim - i] ?? 1, y = b.shape[b.ndim - i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
};

const steps: Step[] = [
  (v, r) => pick(r, [jnp.exp, jnp.tanh, jnp.negative, (x: Array) => jnp.sqrt(jnp.abs(x)), nn.relu, jnp.square, (x: Array) => jnp.multiply(x, 0.5)])(pick(r, v)),
  (v, r) => {
    const a = pick(r, v), b = pick(r, v);
    return broadcastable(a, b) ? pick(r, [jnp.add, jnp.subtract, jnp.multiply, jnp.maximum])(a, b) : null;
  },
  (v, r) => {
    const a = pick(r, v);
    if (a.ndim === 0) return null;
    const axis = r.int(0, a.ndim);
    return pick(r, [jnp.sum, jnp.max])(a, { axis, keepdims: r.int(0, 2) === 1 });
  },
  (v, r) => {
    const a = pick(r, v);
    return a.ndim >= 2 ? jnp.transpose(a) : null;
  },
  (v, r) => {
    const a = pick(r, v);
    return a.ndim >= 1 ? jnp.reshape(a, [-1]) : null;
  },
  (v, r) => {
    const a = pick(r, v), b = pick(r, v);
    if (a.ndim === 2 && b.ndim === 2 && a.shape[1] === b.shape[0]) return jnp.matmul(a, b);
    if (a.ndim === 2 && b.ndim === 2 && a.shape[0] === b.shape[0]) return lax.dotGeneral(a, b, [[0], [0]]);
    return null;
  },
  (v, r) => {
    const a = pick(r, v);
    return a.ndim === 1 ? jnp.broadcastTo(a, [pick(r, [2, 3]), a.shape[0]!]) : null;
  },
];

function program(seed: number): { f: (...xs: Array[]) => Array[]; inputs: Array[] } {
  const shapes = [[3, 5], [5], [5, 3], [3, 1], [], [2, 3, 5]];
  const r0 = new Rng(seed);
  const inputs = globalThis.Array.from({ length: 3 }, () => randomArray(r0, "float32", pick(r0, shapes)));
  const f = (...xs: Array[]) => {
    const rng = new Rng(seed * 7 + 1);
    const vals = [...xs];
    for (let i = 0; i < 10; i++) {
      const out = pick(rng, steps)(vals, rng);
      if (out) vals.push(out);
    }
    return [vals[vals.length - 1]!, pick(rng, vals), pick(rng, vals)];
  };
  return { f, inputs };
}

describe("random programs: jit equals eager", () => {
  it("300 seeds", () => {
    const kinds = new Map<string, number>();
    for (let seed = 1; seed <= 300; seed++) {
      const { f, inputs } = program(seed);
      const exe = expectJitEqualsEager(f, inputs, `seed ${seed}`);
      for (const line of exe.plan.split("\n")) {
        const kind = line.split(" ")[1]!;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    // the generator exercises every kind of kernel
    for (const kind of ["elementwise", "reduce", "dot", "copy"]) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(20);
  });

  it("300 seeds with outputs written in place into inputs of the same aval", () => {
    let mapped = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { f, inputs } = program(seed);
      const expected = f(...inputs).map((a) => a._data!);
      const outs = f(...inputs);
      const inPlace = new Map<number, number>();
      outs.forEach((o, k) => {
        const j = inputs.findIndex((x, i) => x.aval.equals(o.aval) && ![...inPlace.values()].includes(i));
        if (j >= 0) inPlace.set(k, j);
      });
      mapped += inPlace.size;
      const exe = compileChecked(makeGraph(f)(...inputs), { inPlace });
      const bufs = inputs.map((x) => x._data!.slice());
      const got = exe.run(bufs);
      for (const [k, j] of inPlace) expect(got[k]).toBe(bufs[j]);
      got.forEach((o, i) => expectMatches(exe, o, expected[i]!, `seed ${seed} output ${i}\n${exe.plan}\n${exe.source}`));
    }
    expect(mapped).toBeGreaterThan(100);
  });
});
