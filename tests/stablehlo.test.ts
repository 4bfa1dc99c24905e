import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeGraph, type Array } from "@kiln/core";
import { formatF32, loweringRules } from "@kiln/stablehlo";
import { exportStablehlo, exportTrainStep } from "kiln";
import { fromJson, type ArrayJson } from "./stablehlo/array-json.js";
import { opCases } from "./stablehlo/op-cases.js";
import { kilnLosses, trainCases } from "./stablehlo/train-cases.js";

/**
 * The golden files were written by tools/stablehlo_xla.py (run by a developer with JAX; see the
 * header of tools/stablehlo-cases.ts): each module's text as kiln exported it, which MLIR parsed,
 * verified and printed back identically, and what XLA:CPU computed with it. Here kiln must still
 * export the same text, and compute what XLA did.
 */
const golden = (path: string) => new URL(`./stablehlo/golden/${path}`, import.meta.url);
const readGolden = (path: string) => {
  const url = golden(path);
  if (!existsSync(url)) throw new Error(`no golden ${path}: run tools/stablehlo-cases.ts and tools/stablehlo_xla.py check (tools/stablehlo-cases.ts says how)`);
  return readFileSync(url, "utf8");
};

/** Distance in float32 ulps on a monotone integer line (-0 one below 0); NaN equals NaN. */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const line = (x: number) => {
    const i = new Int32Array(new Float32Array([x]).buffer)[0]!;
    return i < 0 ? -(i & 0x7fffffff) - 1 : i;
  };
  return Math.abs(line(a) - line(b));
}

describe("StableHLO export: every op against MLIR and XLA", () => {
  for (const c of opCases) {
    it(`${c.name}: the text XLA ran, and XLA's outputs`, () => {
      const args = c.args();
      expect(exportStablehlo(c.fn, ...args).text).toBe(readGolden(`ops/${c.name}.mlir`));
      const recorded = JSON.parse(readGolden(`ops/${c.name}.json`)) as { xla: ArrayJson[] };
      const outputs = [c.fn(...args)].flat() as Array[];
      expect(outputs.length).toBe(recorded.xla.length);
      outputs.forEach((out, i) => {
        const xla = fromJson(recorded.xla[i]!);
        expect(out.aval.equals(xla.aval), `output ${i}: ${out.aval} vs ${xla.aval}`).toBe(true);
        const [k, x] = [out.toTypedArray(), xla.toTypedArray()];
        if (out.dtype !== "float32") expect([...k], `output ${i}`).toEqual([...x]);
        else k.forEach((v, j) => expect(ulps(v, x[j]!), `output ${i}[${j}]: kiln ${v}, XLA ${x[j]}`).toBeLessThanOrEqual(c.ulps ?? 0));
      });
    });
  }

  it("covers every op of the lowering table", () => {
    const used = new Set(opCases.flatMap((c) => makeGraph(c.fn)(...c.args()).eqns.map((e) => e.op)));
    const missing = Object.keys(loweringRules).filter((op) => !used.has(op as never));
    expect(missing, "ops without a case in tests/stablehlo/op-cases.ts").toEqual([]);
  });

  it("writes float32 constants exactly as MLIR prints them", () => {
    const { probes } = JSON.parse(readGolden("float-format.json")) as { probes: { bits: number; mlir: string }[] };
    expect(probes.length).toBeGreaterThan(1000);
    const wrong = probes.filter((p) => formatF32(new Float32Array(new Uint32Array([p.bits]).buffer)[0]!) !== p.mlir);
    expect(wrong).toEqual([]);
  });
});

describe("StableHLO export: train steps on XLA", () => {
  for (const c of trainCases) {
    it(`${c.name}: XLA's losses over ${c.steps} steps, on one device and data parallel on two, are kiln's within 1e-5`, () => {
      expect(exportTrainStep(c.job()).module.text).toBe(readGolden(`train/${c.name}.mlir`));
      const recorded = JSON.parse(readGolden(`train/${c.name}.json`)) as { xla_losses: number[]; data_parallel: { devices: number; losses: number[] } | null };
      const losses = kilnLosses(c);
      const runs = [recorded.xla_losses, ...(recorded.data_parallel ? [recorded.data_parallel.losses] : [])];
      expect(recorded.data_parallel?.devices).toBe(2);
      for (const xla of runs) {
        expect(xla.length).toBe(c.steps);
        losses.forEach((l, i) => expect(Math.abs(l - xla[i]!) / Math.abs(xla[i]!), `step ${i}: kiln ${l}, XLA ${xla[i]}`).toBeLessThan(1e-5));
      }
    });
  }
});
