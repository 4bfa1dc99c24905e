import { jnp, type Array } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import { trainStepFor } from "../train-step-loss.js";
import { penguinsClassification } from "./datasets.js";
import type { Recipe, Step } from "./recipe.js";

const HIDDEN = 16;

/** The classifier of `kiln train`: features -> hidden (relu) -> class logits. */
export class MLPClassifier extends nnx.Module {
  readonly hidden: nnx.Linear;
  readonly out: nnx.Linear;
  constructor(features: number, hidden: number, classes: number, rngs: nnx.Rngs) {
    super();
    this.hidden = new nnx.Linear(features, hidden, { rngs });
    this.out = new nnx.Linear(hidden, classes, { rngs });
  }
  override call(x: Array): Array {
    return this.out.call(nnx.relu(this.hidden.call(x)));
  }
}

export const crossEntropy = (model: MLPClassifier, x: Array, labels: Array): Array =>
  jnp.mean(optax.softmaxCrossEntropyWithIntegerLabels(model.call(x), labels));

export function accuracy(model: MLPClassifier, x: Array, labels: Array): number {
  const predicted = jnp.argmax(model.call(x), { axis: -1 });
  return jnp.mean(jnp.astype(jnp.equal(predicted, labels), "float32")).item();
}

/** An MLP classifier of the penguins' species with adam. */
export const mlpRecipe: Recipe = {
  dataset: penguinsClassification,
  outputs: (data) => data.classes!.length,
  create: (features, outputs, seed, lr) => {
    const model = new MLPClassifier(features, HIDDEN, outputs, new nnx.Rngs(seed));
    return { model, optimizer: new nnx.Optimizer(model, optax.adam(lr), { wrt: nnx.Param }) };
  },
  step: trainStepFor(crossEntropy) as unknown as Step,
  targets: (n) => jnp.zeros([n], "int32"),
  title: (features, outputs, lr) => `MLP ${features}-${HIDDEN}-${outputs} classifier + cross-entropy, adam lr ${lr}`,
  metrics: (model, data) => [
    `train accuracy ${(100 * accuracy(model as MLPClassifier, data.xTrain, data.yTrain)).toFixed(1)}%`,
    `test accuracy ${(100 * accuracy(model as MLPClassifier, data.xTest, data.yTest)).toFixed(1)}%`,
  ],
};
