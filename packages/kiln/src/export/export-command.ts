import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { argumentError, finiteNumber, optionsOf } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import type { DotPrecision } from "@kiln/stablehlo";
import { carsRegression, penguinsClassification } from "../train/datasets.js";
import { MLPClassifier, crossEntropy, mse, trainStepFor } from "../train/models.js";
import { exportTrainStep, type TrainStepJob } from "./train-step-export.js";

/** `kiln export`: the options the command line passes. */
export interface ExportCommandOptions {
  /** `kiln train`'s models: Linear + MSE + SGD on cars, or the MLP + cross-entropy + adam on penguins. */
  readonly model: "linear" | "mlp";
  /** The folder the files go to (created if missing). */
  readonly out: string;
  /** Seed of the data split and the initial weights (default 0, as `kiln train`). */
  readonly seed?: number;
  /** Learning rate (default 0.05 for linear, 0.01 for mlp, as `kiln train`). */
  readonly lr?: number;
  /** dot_general precision (default DEFAULT, what JAX emits). */
  readonly precision?: DotPrecision;
}

export interface ExportCommandResult {
  /** The files written: the module (.mlir), its signature with pytree paths (.json), the initial inputs (.safetensors). */
  readonly files: readonly string[];
  /** What the command prints. */
  readonly text: string;
}

export const exportCommandUsage = `  export [options]                 write a train step as StableHLO for XLA (JAX, IREE): the module,
                                   its signature (parameters and optimizer state by pytree path) and
                                   the initial values of its inputs; see docs/stablehlo.md
      --model linear|mlp           kiln train's Linear + SGD (cars) or MLP + adam (penguins) step
      --out DIR                    the folder to write to
      --seed N                     seed for the data split and the initial weights (default 0)
      --lr X                       learning rate (default 0.05 for linear, 0.01 for mlp)
      --precision DEFAULT|HIGH|HIGHEST  dot_general precision (default DEFAULT)`;

/** The train step `kiln train` runs for a model, with its initial state and its training batch. */
export function trainStepJob(model: "linear" | "mlp", seed: number, lr?: number): TrainStepJob {
  if (model === "linear") {
    const data = carsRegression(seed);
    const m = new nnx.Linear(data.featureNames.length, 1, { rngs: new nnx.Rngs(seed) });
    const optimizer = new nnx.Optimizer(m, optax.sgd(lr ?? 0.05), { wrt: nnx.Param });
    return { name: "linear_train_step", step: trainStepFor(mse) as TrainStepJob["step"], model: m, optimizer, x: data.xTrain, y: data.yTrain };
  }
  const data = penguinsClassification(seed);
  const m = new MLPClassifier(data.featureNames.length, 16, data.classes!.length, new nnx.Rngs(seed));
  const optimizer = new nnx.Optimizer(m, optax.adam(lr ?? 0.01), { wrt: nnx.Param });
  return { name: "mlp_train_step", step: trainStepFor(crossEntropy) as TrainStepJob["step"], model: m, optimizer, x: data.xTrain, y: data.yTrain };
}

function checkOptions(o: ExportCommandOptions): void {
  optionsOf("kiln export", o, ["model", "out", "seed", "lr", "precision"]);
  if (o.model !== "linear" && o.model !== "mlp") throw argumentError("kiln export", "model", `must be linear or mlp, got ${String(o.model)}`);
  if (typeof o.out !== "string" || o.out.length === 0) throw argumentError("kiln export", "out", "must be a folder path");
  if (o.seed !== undefined && (!Number.isInteger(o.seed) || Math.abs(o.seed) >= 2 ** 31)) throw argumentError("kiln export", "seed", `must be a 32-bit integer, got ${String(o.seed)}`);
  if (o.lr !== undefined && !(finiteNumber("kiln export", "lr", o.lr) > 0)) throw argumentError("kiln export", "lr", `must be positive, got ${o.lr}`);
  if (o.precision !== undefined && !["DEFAULT", "HIGH", "HIGHEST"].includes(o.precision)) throw argumentError("kiln export", "precision", `must be DEFAULT, HIGH or HIGHEST, got ${String(o.precision)}`);
}

/**
 * kiln export: writes the train step of `kiln train`'s model as `<out>/<model>_train_step.mlir`
 * (StableHLO), `.json` (the signature: every input and output with its pytree path, and which
 * input each state output replaces) and `.safetensors` (every input's initial value by path:
 * the parameters, the optimizer state, and the training batch).
 */
export function exportCommand(options: ExportCommandOptions): ExportCommandResult {
  checkOptions(options);
  const j = trainStepJob(options.model, options.seed ?? 0, options.lr);
  const { module, values } = exportTrainStep(j, { precision: options.precision });
  mkdirSync(options.out, { recursive: true });
  const base = join(options.out, j.name);
  const files = [`${base}.mlir`, `${base}.json`, `${base}.safetensors`];
  writeFileSync(files[0]!, module.text);
  writeFileSync(files[1]!, JSON.stringify(module, null, 2) + "\n");
  writeFileSync(files[2]!, nnx.encodeSafetensors(values, { module: module.name }));
  const state = module.outputs.filter((o) => o.updates !== undefined).length;
  const text = [
    `wrote ${files.join(", ")}`,
    `  ${module.inputs.length} inputs (${state} parameters and optimizer state, then x and y), ${module.outputs.length} outputs (the loss, then the new state)`,
    `  ${module.text.split("\n").length - 1} lines of StableHLO; run it on XLA: python tools/stablehlo_xla.py train ${base} --steps 100`,
  ].join("\n");
  return { files, text };
}
