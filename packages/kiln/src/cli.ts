#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { KilnError } from "@kiln/core";
import { inspectCommand } from "./cli/inspect-command.js";
import { trainStepLossCommand } from "./cli/train-step-loss-command.js";
import { trainCommand } from "./train/train-command.js";
import { UsageError } from "./cli/usage-error.js";

const help = `kiln: a graph-compiling ML framework for TypeScript (JAX + Flax NNX + optax)

Usage: kiln <command> [options]

Commands:
  train-step-loss [--input FILE]   run the seed problem on JSON cases from FILE or stdin:
                                   {"seed": 0, "x": [[...]], "y": [[...]], "lr": 0.01, "num_steps": 5}
                                   or an array of such cases; prints [loss_step_0, loss_step_final]
  train [options]                  the main job: train on real data shipped by vega-datasets
                                   (Linear regression of cars' mpg with SGD; an MLP classifier of
                                   penguin species with adam), with progress, loss curves, metrics,
                                   and the jit step time against the eager step
      --model linear|mlp|both      which model(s) to train (default both)
      --steps N                    training steps per model (default 300)
      --lr X                       learning rate (default 0.05 for linear, 0.01 for mlp)
      --seed N                     seed for the data split and the initial weights (default 0)
      --plot FILE | --no-plot      SVG loss curves (default kiln-train.svg)
      --save FILE / --load FILE    write / read the models' parameters (safetensors)
      --timing-steps N             steps timed for the jit-vs-eager comparison (default 200)
      --quiet                      print only the metrics and timings
  inspect [options]                print what the compiler does with a train step: the traced
                                   graph, the optimized graph, the fusion plan, the generated JS
      --model linear|mlp           the seed problem's Linear + SGD step, or the MLP + adam step
      --shape N,DIN,DOUT           batch and layer sizes (default 64,8,4)
      --dot                        also print the traced graph as Graphviz DOT
  --help                           this text
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(help);
    return command === undefined ? 2 : 0;
  }
  switch (command) {
    case "train":
      trainCommand(rest, (line) => process.stdout.write(line + "\n"));
      return 0;
    case "inspect":
      inspectCommand(rest, (text) => process.stdout.write(text + "\n"));
      return 0;
    case "train-step-loss":
      process.stdout.write(trainStepLossCommand(rest, () => readFileSync(0, "utf8")) + "\n");
      return 0;
    default:
      throw new UsageError(`unknown command '${command}' (see kiln --help)`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof KilnError) {
    process.stderr.write(`kiln: ${e.message}\n`);
    process.exitCode = 2;
  } else throw e;
}
