import { jnp } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import { loss as mse, trainStepFor } from "../train-step-loss.js";
import { carsRegression } from "./datasets.js";
import type { Recipe, Step } from "./recipe.js";

/** A linear regression of the cars' miles per gallon with SGD (the seed problem's step). */
export const linearRecipe: Recipe = {
  dataset: carsRegression,
  outputs: () => 1,
  create: (features, outputs, seed, lr) => {
    const model = new nnx.Linear(features, outputs, { rngs: new nnx.Rngs(seed) });
    return { model, optimizer: new nnx.Optimizer(model, optax.sgd(lr), { wrt: nnx.Param }) };
  },
  step: trainStepFor(mse) as unknown as Step,
  targets: (n, outputs) => jnp.zeros([n, outputs]),
  title: (features, outputs, lr) => `Linear(${features}, ${outputs}) regression + MSE, SGD lr ${lr}`,
  metrics: (model, data) => {
    const test = mse(model as nnx.Linear, data.xTest, data.yTest).item();
    const rmse = Math.sqrt(test) * data.target!.std;
    return [`test MSE (standardized) ${test.toFixed(4)}`, `test RMSE ${rmse.toFixed(2)} mpg`, `R² ${(1 - test).toFixed(3)}`];
  },
};
