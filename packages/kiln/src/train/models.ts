import { jnp, type Array } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";

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

export { loss as mse, trainStepFor } from "../train-step-loss.js";
export const crossEntropy = (model: MLPClassifier, x: Array, labels: Array): Array =>
  jnp.mean(optax.softmaxCrossEntropyWithIntegerLabels(model.call(x), labels));

export function accuracy(model: MLPClassifier, x: Array, labels: Array): number {
  const predicted = jnp.argmax(model.call(x), { axis: -1 });
  return jnp.mean(jnp.astype(jnp.equal(predicted, labels), "float32")).item();
}
