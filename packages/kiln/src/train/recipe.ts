import type { Array } from "@kiln/core";
import type * as nnx from "@kiln/nnx";
import type { Dataset } from "./datasets.js";

export type Step = (model: nnx.Module, optimizer: nnx.Optimizer, x: Array, y: Array) => Array;

/**
 * What `kiln train` and `kiln inspect` need to know of a model: its data, how to build it with
 * its optimizer, its train step, and how to report it. One recipe per entry of registry.ts.
 */
export interface Recipe {
  /** The data it trains on, split and standardized with the seed. */
  dataset(seed: bigint): Dataset;
  /** The model's output width for a dataset (1 for regression, the class count for a classifier). */
  outputs(data: Dataset): number;
  /** A fresh model and its optimizer; the same seed gives the same weights. */
  create(features: number, outputs: number, seed: bigint, lr: number): { model: nnx.Module; optimizer: nnx.Optimizer };
  /** The train step (value and grad of the loss, one optimizer update, return the loss). */
  readonly step: Step;
  /** Targets of the right shape and dtype for `n` examples (zeros), for tracing the step. */
  targets(n: number, outputs: number): Array;
  /** A one-line description of the model, its loss and optimizer. */
  title(features: number, outputs: number, lr: number): string;
  /** Test-set metrics after training, one phrase each. */
  metrics(model: nnx.Module, data: Dataset): string[];
}
