/**
 * Writes the StableHLO export cases for tools/stablehlo_xla.py:
 *
 *   pnpm exec tsx tools/stablehlo-cases.ts CASES_DIR
 *   /path/to/python tools/stablehlo_xla.py check CASES_DIR --golden tests/stablehlo/golden
 *
 * For every op case (tests/stablehlo/op-cases.ts): the exported module, its inputs and kiln's
 * eager outputs. For every train case (tests/stablehlo/train-cases.ts): the exported step, the
 * initial value of every input and kiln's jit losses. And a list of float32 bit patterns with
 * the text kiln's exporter writes for each, which the tool compares with MLIR's own printing.
 * Deterministic: the same sources write the same files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeGraph, type Array } from "@kiln/core";
import { formatF32 } from "@kiln/stablehlo";
import { exportStablehlo, exportTrainStep } from "kiln";
import { toJson } from "../tests/stablehlo/array-json.js";
import { floatProbes } from "../tests/stablehlo/float-probes.js";
import { opCases } from "../tests/stablehlo/op-cases.js";
import { kilnLosses, trainCases } from "../tests/stablehlo/train-cases.js";

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: tsx tools/stablehlo-cases.ts CASES_DIR\n");
  process.exit(2);
}
mkdirSync(join(out, "ops"), { recursive: true });
mkdirSync(join(out, "train"), { recursive: true });

const write = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value, null, 1) + "\n");

for (const c of opCases) {
  const args = c.args();
  const module = exportStablehlo(c.fn, ...args);
  const ops = [...new Set(makeGraph(c.fn)(...args).eqns.map((e) => e.op))].sort();
  const outputs = [c.fn(...args)].flat() as Array[];
  writeFileSync(join(out, "ops", `${c.name}.mlir`), module.text);
  write(join(out, "ops", `${c.name}.json`), { name: c.name, ops, ulps: c.ulps ?? 0, inputs: args.map(toJson), kiln: outputs.map(toJson) });
}

for (const c of trainCases) {
  const { module, values } = exportTrainStep(c.job());
  writeFileSync(join(out, "train", `${c.name}.mlir`), module.text);
  write(join(out, "train", `${c.name}.json`), {
    name: c.name,
    steps: c.steps,
    manifest: module.toJSON(),
    inputs: module.inputs.map((s) => toJson(values.get(s.path)!)),
    kiln_losses: kilnLosses(c),
  });
}

write(join(out, "float-format.json"), floatProbes().map((bits) => ({ bits, kiln: formatF32(new Float32Array(new Uint32Array([bits]).buffer)[0]!) })));
process.stdout.write(`wrote ${opCases.length} op cases, ${trainCases.length} train cases and the float probes to ${out}\n`);
