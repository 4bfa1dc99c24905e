import { jnp, type Array } from "@kiln/core";
import { penguinsClassification } from "../../packages/kiln/src/train/datasets.js";
import { crossEntropy } from "../../packages/kiln/src/train/mlp.js";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import { trainStepJob } from "../../packages/kiln/src/export/export-command.js";
import { linearRecipe } from "../../packages/kiln/src/train/linear.js";
import { mlpRecipe } from "../../packages/kiln/src/train/mlp.js";
import { models } from "../../packages/kiln/src/train/registry.js";
import type { TrainStepJob } from "../../packages/kiln/src/export/train-step-export.js";
import { makeTrainStep } from "../../packages/kiln/src/train-step-loss.js";

/**
 * Train steps exported with their state and run for `steps` steps by kiln's jit and by XLA
 * (tools/stablehlo_xla.py): the losses must agree within 1e-5 relative.
 */
export interface TrainCase {
  readonly name: string;
  readonly steps: number;
  /** A fresh model, optimizer and batch. */
  readonly job: () => TrainStepJob;
}

/** The README's seed problem: nnx.Linear(2, 1) from seed 0, MSE, SGD 0.05. */
function seedStep(): TrainStepJob {
  const x = jnp.array([[0.5, -1.2], [1.0, 0.3], [-0.7, 2.0], [1.5, 1.1]], "float32");
  const y = jnp.array([[1.0], [-0.5], [0.2], [0.9]], "float32");
  const model = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
  const optimizer = new nnx.Optimizer(model, optax.sgd(0.05), { wrt: nnx.Param });
  return { name: "seed_train_step", step: makeTrainStep() as TrainStepJob["step"], model, optimizer, x, y };
}

/** kiln train's classifier with dropout: random bits inside the step, the RNG counter as state. */
class DropoutMLP extends nnx.Module {
  readonly hidden: nnx.Linear;
  readonly dropout: nnx.Dropout;
  readonly out: nnx.Linear;
  constructor(features: number, hidden: number, classes: number, rngs: nnx.Rngs) {
    super();
    this.hidden = new nnx.Linear(features, hidden, { rngs });
    this.dropout = new nnx.Dropout(0.3, { rngs });
    this.out = new nnx.Linear(hidden, classes, { rngs });
  }
  override call(x: Array): Array {
    return this.out.call(this.dropout.call(nnx.relu(this.hidden.call(x))));
  }
}

function dropoutStep(): TrainStepJob {
  const data = penguinsClassification(0);
  const model = new DropoutMLP(data.featureNames.length, 16, data.classes!.length, new nnx.Rngs({ params: 0, dropout: 1 }));
  const optimizer = new nnx.Optimizer(model, optax.adam(0.01), { wrt: nnx.Param });
  const loss = crossEntropy as unknown as (m: DropoutMLP, x: Array, y: Array) => Array;
  const step = (m: DropoutMLP, opt: nnx.Optimizer, x: Array, y: Array) => {
    const [value, grads] = nnx.valueAndGrad(loss)(m, x, y);
    opt.update(m, grads);
    return value;
  };
  return { name: "dropout_train_step", step: step as TrainStepJob["step"], model, optimizer, x: data.xTrain, y: data.yTrain };
}

export const trainCases: readonly TrainCase[] = [
  { name: "seed_step", steps: 5, job: seedStep },
  // kiln train's models, as `kiln export` writes them
  { name: "linear_step", steps: 5, job: () => trainStepJob("linear", linearRecipe, 0, models.linear.defaultLr) },
  { name: "mlp_step", steps: 5, job: () => trainStepJob("mlp", mlpRecipe, 0, models.mlp.defaultLr) },
  // a new dropout mask every step: XLA must draw kiln's bits (data parallel too: each device hashes its own counters)
  { name: "dropout_step", steps: 5, job: dropoutStep },
];

/** kiln's jit losses for the first `steps` steps from a fresh state. */
export function kilnLosses(c: TrainCase): number[] {
  const j = c.job();
  const step = nnx.jit(j.step);
  const losses: number[] = [];
  for (let i = 0; i < c.steps; i++) losses.push((step(j.model, j.optimizer, j.x, j.y) as Array).item());
  return losses;
}
