import { KilnError, type Array } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import type { DotPrecision, StablehloModule } from "@kiln/stablehlo";

/** A Flax-style train step and the values it is exported with. */
export interface TrainStepJob {
  readonly name: string;
  readonly step: (model: nnx.Module, optimizer: nnx.Optimizer, x: Array, y: Array) => Array;
  readonly model: nnx.Module;
  readonly optimizer: nnx.Optimizer;
  readonly x: Array;
  readonly y: Array;
}

export interface ExportedTrainStep {
  readonly module: StablehloModule;
  /** The value of every input of `main` now (the variables' and the batch's), by its path in the manifest. */
  readonly values: ReadonlyMap<string, Array>;
}

/**
 * Exports a train step `(model, optimizer, x, y) -> loss` with the parameters and the optimizer
 * state as explicit inputs and outputs (paths `model.…`, `optimizer.…`, `x`, `y`), and collects
 * the current values of all its inputs, so the module can be run from this state elsewhere.
 */
export function exportTrainStep(job: TrainStepJob, options: { precision?: DotPrecision } = {}): ExportedTrainStep {
  const args = [job.model, job.optimizer, job.x, job.y] as const;
  const module = nnx.jit(job.step).lower(...args).asStablehlo({ name: job.name, argNames: ["model", "optimizer", "x", "y"], ...options });
  // main's inputs: the arguments' variables in nnx order, then the batch
  const inputs = [...nnx.variablesOf(args).map(([, v]) => v.value), job.x, job.y];
  if (inputs.length !== module.inputs.length) throw new KilnError(`exportTrainStep: ${module.inputs.length} inputs for ${inputs.length} values (pass x and y as distinct Arrays)`);
  return { module, values: new Map(module.inputs.map((spec, i) => [spec.path, inputs[i]!])) };
}
