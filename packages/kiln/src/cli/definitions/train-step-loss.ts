import { Command, Option } from "@commander-js/extra-typings";
import { MAX_INPUT_BYTES } from "../limits.js";
import { fileName } from "../values.js";
import type { CommandDefinition } from "./context.js";

export const trainStepLossDefinition: CommandDefinition = (context) =>
  new Command("train-step-loss")
    .summary("run the seed problem on JSON cases; print [loss_step_0, loss_step_final]")
    .description(
      "Trains a Flax NNX Linear model with SGD on one batch for num_steps compiled steps, for each case of JSON input:\n" +
        '  {"seed": 0, "x": [[...]], "y": [[...]], "lr": 0.01, "num_steps": 5}, or an array of such cases.\n' +
        "Prints one line of JSON: [loss_step_0, loss_step_final] per case, float32 values written so they read back exactly.",
    )
    .addOption(new Option("--input <file>", `read the cases from this file ("-": stdin; at most ${MAX_INPUT_BYTES / 2 ** 20} MiB)`).argParser(fileName("--input")).default("-"))
    .action(async (o) => {
      const { runTrainStepLoss } = await import("../train-step-loss-command.js");
      runTrainStepLoss(o, context.io);
    });
