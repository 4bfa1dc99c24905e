import { Command, Option } from "@commander-js/extra-typings";
import { modelNames, models } from "../../train/registry.js";
import { MAX_STEPS, MAX_TIMING_STEPS } from "../limits.js";
import { checkReadableFile, checkWritableFile } from "../paths.js";
import { fileName, integerIn, oneOf, positiveNumber, seed } from "../values.js";
import type { CommandDefinition } from "./context.js";

const modelChoices = [...modelNames, "all"] as const;

export const trainDefinition: CommandDefinition = (context) =>
  new Command("train")
    .summary("train models on real data, with progress, loss curves, metrics and timings")
    .description(
      "Trains models on real data that the vega-datasets npm package ships, shows progress (on stderr) " +
        "and loss curves, reports test metrics and the compiled step's time against the eager step, " +
        "and writes the loss curves as SVG. The models:\n" +
        modelNames.map((name) => `  ${name}: ${models[name].summary}`).join("\n"),
    )
    .addOption(new Option("--model <name>", "which model to train, or all of them").choices(modelChoices).argParser(oneOf("--model", modelChoices)).default("all" as const))
    .addOption(new Option("--steps <n>", `training steps per model (1 to ${MAX_STEPS})`).argParser(integerIn("--steps", 1, MAX_STEPS)).default(300))
    .addOption(new Option("--lr <rate>", `learning rate (default: ${modelNames.map((n) => `${models[n].defaultLr} for ${n}`).join(", ")})`).argParser(positiveNumber("--lr")))
    .addOption(new Option("--seed <n>", "seed of the data split and the initial weights (an int64, as JAX takes)").argParser(seed("--seed")).default(0n, "0"))
    .addOption(new Option("--plot <file>", "write the loss curves as SVG to this file").argParser(fileName("--plot")).default("kiln-train.svg"))
    .addOption(new Option("--no-plot", "write no SVG"))
    .addOption(new Option("--save <file>", "save the trained models' parameters to a safetensors file (written atomically)").argParser(fileName("--save")))
    .addOption(new Option("--load <file>", "start from the parameters in a safetensors file (saved by --save)").argParser(fileName("--load")))
    .addOption(new Option("--timing-steps <n>", `steps timed for the jit-against-eager comparison (1 to ${MAX_TIMING_STEPS})`).argParser(integerIn("--timing-steps", 1, MAX_TIMING_STEPS)).default(200))
    .addOption(new Option("-q, --quiet", "print only the metrics and timings (no progress, no curves)").default(false))
    .action(async (o) => {
      // every file is checked before any work starts
      if (o.load !== undefined) checkReadableFile("--load", o.load);
      if (o.save !== undefined) checkWritableFile("--save", o.save);
      if (o.plot !== false) checkWritableFile("--plot", o.plot);
      const { runTrain } = await import("../../train/train-command.js");
      await runTrain(o, context.io, context.color());
    });
