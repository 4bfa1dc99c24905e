import { writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { type Array } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import { carsRegression, penguinsClassification, type Dataset } from "./datasets.js";
import { MLPClassifier, accuracy, crossEntropy, mse, trainStepFor } from "./models.js";
import { parseTrainOptions, type TrainOptions } from "./options.js";
import { svgPlot, terminalPlot, type Curve } from "./plot.js";
import { formatMicros, medianMicros } from "./timing.js";

type Step = (model: nnx.Module, optimizer: nnx.Optimizer, x: Array, y: Array) => Array;

interface Job {
  readonly title: string;
  readonly data: Dataset;
  readonly model: nnx.Module;
  readonly optimizer: nnx.Optimizer;
  readonly step: Step;
  readonly fresh: () => { model: nnx.Module; optimizer: nnx.Optimizer };
  readonly metrics: () => string[];
}

function regressionJob(o: TrainOptions): Job {
  const data = carsRegression(o.seed);
  const lr = o.lr ?? 0.05;
  const make = () => {
    const model = new nnx.Linear(data.featureNames.length, 1, { rngs: new nnx.Rngs(o.seed) });
    return { model, optimizer: new nnx.Optimizer(model, optax.sgd(lr), { wrt: nnx.Param }) };
  };
  const { model, optimizer } = make();
  return {
    title: `Linear regression, SGD lr ${lr}, on ${data.name}`,
    data, model, optimizer, fresh: make,
    step: trainStepFor(mse) as unknown as Step,
    metrics: () => {
      const test = mse(model, data.xTest, data.yTest).item();
      const rmse = Math.sqrt(test) * data.target!.std;
      return [`test MSE (standardized) ${test.toFixed(4)}`, `test RMSE ${rmse.toFixed(2)} mpg`, `R² ${(1 - test).toFixed(3)}`];
    },
  };
}

function classifierJob(o: TrainOptions): Job {
  const data = penguinsClassification(o.seed);
  const lr = o.lr ?? 0.01;
  const make = () => {
    const model = new MLPClassifier(data.featureNames.length, 16, data.classes!.length, new nnx.Rngs(o.seed));
    return { model, optimizer: new nnx.Optimizer(model, optax.adam(lr), { wrt: nnx.Param }) };
  };
  const { model, optimizer } = make();
  return {
    title: `MLP ${data.featureNames.length}-16-${data.classes!.length} classifier, adam lr ${lr}, on ${data.name}`,
    data, model, optimizer, fresh: make,
    step: trainStepFor(crossEntropy) as unknown as Step,
    metrics: () => [
      `train accuracy ${(100 * accuracy(model as MLPClassifier, data.xTrain, data.yTrain)).toFixed(1)}%`,
      `test accuracy ${(100 * accuracy(model as MLPClassifier, data.xTest, data.yTest)).toFixed(1)}%`,
    ],
  };
}

/** kiln train: the main job. Trains on real data shipped by vega-datasets and reports. */
export function trainCommand(args: string[], out: (line: string) => void): void {
  const o = parseTrainOptions(args);
  const jobs = [...(o.model !== "mlp" ? [regressionJob(o)] : []), ...(o.model !== "linear" ? [classifierJob(o)] : [])];
  const models = Object.fromEntries(jobs.map((j, i) => [i === 0 && o.model !== "mlp" ? "linear" : "mlp", j.model]));
  if (o.load) {
    nnx.loadCheckpoint(o.load, models, { strict: false }); // a checkpoint of both models loads into one
    if (!o.quiet) out(`loaded ${o.load}`);
  }
  const curves: Curve[] = [];
  const colors = ["#1f77b4", "#d62728"];
  for (const [k, job] of jobs.entries()) {
    if (!o.quiet) out(`\n${job.title}`);
    const step = nnx.jit(job.step);
    const bar = o.quiet ? null : new SingleBar({ format: "  training [{bar}] {value}/{total} steps | loss {loss}", hideCursor: true, stream: process.stderr });
    bar?.start(o.steps, 0, { loss: "…" });
    const losses: number[] = [];
    for (let i = 0; i < o.steps; i++) {
      losses.push(step(job.model, job.optimizer, job.data.xTrain, job.data.yTrain).item());
      if (i % 10 === 0 || i === o.steps - 1) bar?.update(i + 1, { loss: losses[i]!.toFixed(4) });
    }
    bar?.stop();
    curves.push({ label: job.title.split(",")[0]!, values: losses, color: colors[k]! });
    const timing = timeSteps(job, o.timingSteps);
    if (!o.quiet) {
      out(terminalPlot([losses]));
      out(`  loss ${losses[0]!.toFixed(4)} -> ${losses.at(-1)!.toFixed(4)} after ${o.steps} steps`);
    }
    out(`  ${job.metrics().join(", ")}`);
    out(`  step time: jit ${formatMicros(timing.jit)}, eager ${formatMicros(timing.eager)} (jit ${(timing.eager / timing.jit).toFixed(1)}x faster)`);
  }
  if (o.plot) {
    writeFileSync(o.plot, svgPlot("kiln train: training loss", curves));
    if (!o.quiet) out(`\nloss curves written to ${o.plot}`);
  }
  if (o.save) {
    nnx.saveCheckpoint(o.save, models);
    if (!o.quiet) out(`saved ${o.save}`);
  }
}

/** Median step time of the compiled and the eager step, on fresh copies (training state untouched). */
function timeSteps(job: Job, count: number): { jit: number; eager: number } {
  const a = job.fresh();
  const b = job.fresh();
  const jitted = nnx.jit(job.step);
  const { xTrain: x, yTrain: y } = job.data;
  const jit = medianMicros(() => jitted(a.model, a.optimizer, x, y), count);
  const eager = medianMicros(() => job.step(b.model, b.optimizer, x, y), Math.max(5, Math.floor(count / 10)), 3);
  return { jit, eager };
}
