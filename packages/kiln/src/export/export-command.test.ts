import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import { exportCommand, trainStepJob } from "./export-command.js";
import { exportTrainStep } from "./train-step-export.js";
import { mlpRecipe } from "../train/mlp.js";
import { models } from "../train/registry.js";

describe("kiln export (the command's logic; tests/cli.test.ts runs it through the binary)", () => {
  it("writes the module, its signature with paths, and every input's initial value", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "kiln-export-")), "nested", "dir");
    const result = await exportCommand({ model: "mlp", out, seed: 0 });
    const base = join(out, "mlp_train_step");
    expect(result.files).toEqual([`${base}.mlir`, `${base}.json`, `${base}.safetensors`]);
    expect(result.text).toContain(`wrote ${base}.mlir`);
    expect(result.text).toContain("python tools/stablehlo_xla.py train");

    const text = readFileSync(`${base}.mlir`, "utf8");
    const manifest = JSON.parse(readFileSync(`${base}.json`, "utf8"));
    const { module, values } = exportTrainStep(trainStepJob("mlp", mlpRecipe, 0, models.mlp.defaultLr));
    expect(text).toBe(module.text);
    expect(manifest).toEqual(JSON.parse(JSON.stringify(module)));
    expect(manifest.module).toBe("mlp_train_step");

    // parameters and adam's state in, updated copies out, each naming the input it replaces
    const paths = manifest.inputs.map((s: { path: string }) => s.path);
    expect(paths).toContain("model.hidden.kernel");
    expect(paths).toContain("optimizer.optState.0.mu.out.bias");
    expect(paths.slice(-2)).toEqual(["x", "y"]);
    expect(manifest.outputs[0]).toEqual({ path: "result", shape: [], dtype: "float32" });
    for (const o of manifest.outputs.slice(1)) expect(manifest.inputs[o.updates].path).toBe(o.path);
    expect(manifest.outputs.length - 1).toBe(manifest.inputs.length - 2); // every variable is updated, the batch is not

    const tensors = nnx.decodeSafetensors(readFileSync(`${base}.safetensors`));
    expect([...tensors.keys()].sort()).toEqual([...paths].sort());
    for (const [path, value] of values) expect([...tensors.get(path)!.toTypedArray()]).toEqual([...value.toTypedArray()]);
  });

  it("exports the linear model with SGD, and the precision asked for", async () => {
    const out = mkdtempSync(join(tmpdir(), "kiln-export-"));
    await exportCommand({ model: "linear", out, lr: 0.1, precision: "HIGHEST" });
    const text = readFileSync(join(out, "linear_train_step.mlir"), "utf8");
    expect(text).toContain("precision = [HIGHEST, HIGHEST]");
    expect(text).toContain("dense<-1.000000e-01>"); // SGD's -lr
  });

  it("rejects bad options with one line naming the option", async () => {
    const out = tmpdir();
    const bad: [object, RegExp][] = [
      [{ model: "cnn", out }, /kiln export: argument 'model' must be one of linear, mlp, got cnn/],
      [{ model: "mlp", out: "" }, /argument 'out' must be a folder path/],
      [{ model: "mlp", out, seed: 1.5 }, /argument 'seed' must be an integer, got 1.5/],
      [{ model: "mlp", out, lr: -1 }, /argument 'lr' must be positive, got -1/],
      [{ model: "mlp", out, precision: "LOW" }, /argument 'precision' must be DEFAULT, HIGH or HIGHEST, got LOW/],
      [{ model: "mlp", out, steps: 3 }, /steps/],
    ];
    for (const [options, message] of bad) {
      await expect(exportCommand(options as never)).rejects.toThrow(message);
      await expect(exportCommand(options as never)).rejects.toThrow(ArgumentError);
    }
  });
});
