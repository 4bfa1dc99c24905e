import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { argumentError, finiteNumber, optionsOf } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import type { DotPrecision } from "@kiln/stablehlo";
import type { Recipe } from "../train/recipe.js";
import { modelNames, models, type ModelName } from "../train/registry.js";
import { exportTrainStep, type TrainStepJob } from "./train-step-export.js";

/** `kiln export`: the options the command line passes. */
export interface ExportCommandOptions {
  /** One of `kiln train`'s models (train/registry.ts). */
  readonly model: ModelName;
  /** The folder the files go to (created if missing). */
  readonly out: string;
  /** Seed of the data split and the initial weights (default 0, as `kiln train`). */
  readonly seed?: number | bigint;
  /** Learning rate (default: the model's, as `kiln train`). */
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

/**
 * The train step `kiln train` runs for a model (its recipe: data, model, optimizer, step), with
 * its initial state and its training batch.
 */
export function trainStepJob(name: string, recipe: Recipe, seed: number | bigint, lr: number): TrainStepJob {
  const data = recipe.dataset(BigInt(seed));
  const { model, optimizer } = recipe.create(data.featureNames.length, recipe.outputs(data), BigInt(seed), lr);
  return { name: `${name}_train_step`, step: recipe.step, model, optimizer, x: data.xTrain, y: data.yTrain };
}

function checkOptions(o: ExportCommandOptions): void {
  optionsOf("kiln export", o, ["model", "out", "seed", "lr", "precision"]);
  if (!(modelNames as readonly unknown[]).includes(o.model)) throw argumentError("kiln export", "model", `must be one of ${modelNames.join(", ")}, got ${String(o.model)}`);
  if (typeof o.out !== "string" || o.out.length === 0) throw argumentError("kiln export", "out", "must be a folder path");
  if (o.seed !== undefined && typeof o.seed !== "bigint" && (!Number.isInteger(o.seed) || Math.abs(o.seed) >= 2 ** 31)) {
    throw argumentError("kiln export", "seed", `must be an integer, got ${String(o.seed)}`);
  }
  if (o.lr !== undefined && !(finiteNumber("kiln export", "lr", o.lr) > 0)) throw argumentError("kiln export", "lr", `must be positive, got ${o.lr}`);
  if (o.precision !== undefined && !["DEFAULT", "HIGH", "HIGHEST"].includes(o.precision)) throw argumentError("kiln export", "precision", `must be DEFAULT, HIGH or HIGHEST, got ${String(o.precision)}`);
}

/**
 * kiln export: writes the train step of `kiln train`'s model as `<out>/<model>_train_step.mlir`
 * (StableHLO), `.json` (the signature: every input and output with its pytree path, and which
 * input each state output replaces) and `.safetensors` (every input's initial value by path:
 * the parameters, the optimizer state, and the training batch).
 */
export async function exportCommand(options: ExportCommandOptions): Promise<ExportCommandResult> {
  checkOptions(options);
  const entry = models[options.model];
  const j = trainStepJob(options.model, await entry.recipe(), options.seed ?? 0, options.lr ?? entry.defaultLr);
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
