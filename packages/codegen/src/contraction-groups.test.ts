/**
 * Dots whose contraction axes do not coalesce into one loop (two or three contraction groups:
 * a transposed operand, or a convolution written as a window view and a dot) are tiled by both
 * backends: the JS register tiles and cache-blocked kernel, and the wasm kernel, each walking the
 * outer groups in loops of their own. Checked against eager mode (bit for bit where the sums run
 * in the same order in double precision, within the float32 summation bound for wasm's default
 * accumulation) and across thread counts.
 */
import { jnp, lax, makeGraph, nn, type Array, type DType } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { compile, type CompileOptions } from "./compile.js";
import { optimize } from "./passes/optimize.js";
import { Role } from "./plan/dot-space.js";
import { kernelPlans, schedule } from "./plan/schedule.js";
import { expectClose, expectSameBits } from "./testing/check.js";
import { randomArray, Rng } from "./testing/values.js";

const rng = new Rng(2024);

interface Case {
  readonly name: string;
  readonly f: (...xs: Array[]) => Array;
  readonly shapes: readonly (readonly number[])[];
  readonly dtype?: DType;
  /** Contraction groups of the dot kernel after coalescing. */
  readonly groups: number;
}

// lhs [M, P, Q] read as [M, Q, P] (transposed), rhs [Q, P, N]: contracting (Q, P) cannot coalesce
const transposedK = (m: number, p: number, q: number, n: number, epilogue = false): Case => ({
  name: `[${m},${q},${p}] x [${q},${p},${n}]${epilogue ? " + bias, relu" : ""}`,
  f: epilogue
    ? (a, b, bias) => nn.relu(jnp.add(lax.dotGeneral(jnp.transpose(a!, [0, 2, 1]), b!, [[1, 2], [0, 1]]), bias!))
    : (a, b) => lax.dotGeneral(jnp.transpose(a!, [0, 2, 1]), b!, [[1, 2], [0, 1]]),
  shapes: epilogue ? [[m, p, q], [q, p, n], [n]] : [[m, p, q], [q, p, n]],
  groups: 2,
});

const cases: readonly Case[] = [
  transposedK(3, 2, 4, 5), // a few hundred multiply-adds: the register tiles with their edges
  transposedK(16, 6, 5, 8),
  transposedK(64, 40, 3, 48, true), // innermost K 40 (>= 32): the cache-blocked kernel
  transposedK(130, 33, 9, 70, true), // several row and K blocks, edge tiles
  {
    name: "three groups, batched: [B, M, R, S, T] x [B, T, S, R, N]",
    f: (a, b) => lax.dotGeneral(jnp.transpose(a!, [0, 1, 4, 3, 2]), b!, [[2, 3, 4], [1, 2, 3]], [[0], [0]]),
    shapes: [[2, 12, 3, 4, 5], [2, 5, 4, 3, 10]],
    groups: 3,
  },
  { ...transposedK(12, 4, 5, 9), name: "int32 [12,5,4] x [5,4,9]", dtype: "int32" },
];

/** The number of contraction groups of the (single) dot kernel of `f`. */
function contractionGroups(c: Case, inputs: readonly Array[]): number {
  const plans = kernelPlans(schedule(optimize(makeGraph(c.f)(...inputs))).body);
  const dot = plans.find((p) => p.kind === "dot");
  if (dot?.kind !== "dot") throw new Error("no dot kernel");
  return dot.space.groups.filter((g) => g.role === Role.K).length;
}

function run(c: Case, inputs: readonly Array[], options: CompileOptions) {
  const exe = compile(makeGraph(c.f)(...inputs), options);
  return { exe, out: exe.run(inputs.map((x) => x._data!))[0]! };
}

describe("dots with several contraction groups", () => {
  for (const c of cases) {
    describe(c.name, () => {
      const inputs = c.shapes.map((s) => randomArray(rng, c.dtype ?? "float32", s));
      const eager = c.f(...inputs)._data!;

      it("really has several contraction groups", () => {
        expect(contractionGroups(c, inputs)).toBe(c.groups);
      });
      it("JS: bit-identical to eager mode", () => {
        expectSameBits(run(c, inputs, { backend: "js" }).out, eager);
      });
      if ((c.dtype ?? "float32") !== "float32") return;
      it("wasm with exact accumulation: bit-identical to eager mode", () => {
        const { exe, out } = run(c, inputs, { backend: "wasm", wasmExact: true, threads: false });
        expect(exe.wasm?.kernels).toBeGreaterThan(0);
        expectSameBits(out, eager);
      });
      it("wasm with float32 accumulation: within the documented bound; threads give the same bits", () => {
        const single = run(c, inputs, { backend: "wasm", wasmExact: false, threads: false });
        expect(single.exe.wasm?.kernels).toBeGreaterThan(0);
        expectClose(single.out as Float32Array, eager as Float32Array);
        const threaded = run(c, inputs, { backend: "wasm", wasmExact: false, threads: { minMacs: 0 } });
        expectSameBits(threaded.out, single.out);
      });
    });
  }
});
