import { readFileSync, writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import * as nnx from "@kiln/nnx";
import type { CliIo } from "../cli/io.js";
import type { Dataset } from "./datasets.js";
import { svgPlot, terminalPlot, type Curve } from "./plot.js";
import type { Recipe } from "./recipe.js";
import { modelNames, models, type ModelName } from "./registry.js";
import { formatMicros, medianMicros } from "./timing.js";

export interface TrainOptions {
  readonly model: ModelName | "all";
  readonly steps: number;
  /** The learning rate; each model's default (registry.ts) when not given. */
  readonly lr?: number;
  readonly seed: bigint;
  /** The SVG of the loss curves, or false for none. */
  readonly plot: string | false;
  readonly save?: string;
  readonly load?: string;
  readonly timingSteps: number;
  readonly quiet: boolean;
}

interface Job {
  readonly name: ModelName;
  readonly title: string;
  readonly recipe: Recipe;
  readonly data: Dataset;
  readonly model: nnx.Module;
  readonly optimizer: nnx.Optimizer;
  readonly fresh: () => { model: nnx.Module; optimizer: nnx.Optimizer };
}

async function makeJob(name: ModelName, o: TrainOptions): Promise<Job> {
  const recipe = await models[name].recipe();
  const data = recipe.dataset(o.seed);
  const lr = o.lr ?? models[name].defaultLr;
  const [features, outputs] = [data.featureNames.length, recipe.outputs(data)];
  const fresh = () => recipe.create(features, outputs, o.seed, lr);
  return { name, title: `${recipe.title(features, outputs, lr)}, on ${data.name}`, recipe, data, ...fresh(), fresh };
}

/**
 * Loads a checkpoint into the jobs' models (named by the registry: "linear.kernel", ...). A file
 * written by another `--model` choice may hold other models too: those are skipped; anything
 * else in it must match, strictly.
 */
function loadJobs(path: string, jobs: readonly Job[]): void {
  const tensors = nnx.decodeSafetensors(readFileSync(path), path);
  const others = modelNames.filter((n) => !jobs.some((j) => j.name === n));
  const mine = new Map([...tensors].filter(([name]) => !others.some((o) => name.startsWith(`${o}.`))));
  nnx.loadTensors(mine, Object.fromEntries(jobs.map((j) => [j.name, j.model])), {}, path);
}

/** kiln train: trains the chosen models on real data shipped by vega-datasets and reports. */
export async function runTrain(o: TrainOptions, io: CliIo, color: boolean): Promise<void> {
  const out = (line: string) => io.stdout.write(line + "\n");
  const jobs: Job[] = [];
  for (const name of o.model === "all" ? modelNames : [o.model]) jobs.push(await makeJob(name, o));
  if (o.load !== undefined) {
    loadJobs(o.load, jobs);
    if (!o.quiet) out(`loaded ${o.load}`);
  }
  const curves: Curve[] = [];
  const colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
  for (const [k, job] of jobs.entries()) {
    if (!o.quiet) out(`\n${job.title}`);
    const step = nnx.jit(job.recipe.step);
    // progress goes to stderr (cli-progress draws nothing when stderr is not a terminal), so stdout stays data
    const bar = o.quiet ? null : new SingleBar({ format: "  training [{bar}] {value}/{total} steps | loss {loss}", hideCursor: true, stream: io.stderr });
    bar?.start(o.steps, 0, { loss: "…" });
    const losses: number[] = [];
    for (let i = 0; i < o.steps; i++) {
      losses.push(step(job.model, job.optimizer, job.data.xTrain, job.data.yTrain).item());
      if (i % 10 === 0 || i === o.steps - 1) bar?.update(i + 1, { loss: losses[i]!.toFixed(4) });
    }
    bar?.stop();
    curves.push({ label: job.name, values: losses, color: colors[k % colors.length]! });
    const timing = timeSteps(job, o.timingSteps);
    if (!o.quiet) {
      out(terminalPlot([losses], color));
      out(`  loss ${losses[0]!.toFixed(4)} -> ${losses.at(-1)!.toFixed(4)} after ${o.steps} steps`);
    }
    out(`  ${job.recipe.metrics(job.model, job.data).join(", ")}`);
    out(`  step time: jit ${formatMicros(timing.jit)}, eager ${formatMicros(timing.eager)} (jit ${(timing.eager / timing.jit).toFixed(1)}x faster)`);
  }
  if (o.plot !== false) {
    writeFileSync(o.plot, svgPlot("kiln train: training loss", curves));
    if (!o.quiet) out(`\nloss curves written to ${o.plot}`);
  }
  if (o.save !== undefined) {
    nnx.saveCheckpoint(o.save, Object.fromEntries(jobs.map((j) => [j.name, j.model])));
    if (!o.quiet) out(`saved ${o.save}`);
  }
}

/** Median step time of the compiled and the eager step, on fresh copies (training state untouched). */
function timeSteps(job: Job, count: number): { jit: number; eager: number } {
  const a = job.fresh();
  const b = job.fresh();
  const jitted = nnx.jit(job.recipe.step);
  const { xTrain: x, yTrain: y } = job.data;
  const jit = medianMicros(() => jitted(a.model, a.optimizer, x, y), count);
  const eager = medianMicros(() => job.recipe.step(b.model, b.optimizer, x, y), Math.max(5, Math.floor(count / 10)), 3);
  return { jit, eager };
}
