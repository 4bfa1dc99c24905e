import { Command, Option } from "@commander-js/extra-typings";
import { modelNames, models } from "../../train/registry.js";
import { fileName, oneOf, positiveNumber, seed } from "../values.js";
import type { CommandDefinition } from "./context.js";

const precisions = ["DEFAULT", "HIGH", "HIGHEST"] as const;

export const exportDefinition: CommandDefinition = (context) =>
  new Command("export")
    .summary("write a model's train step as StableHLO for XLA (JAX, IREE)")
    .description(
      "Writes the train step of one of kiln train's models as StableHLO: <out>/<model>_train_step.mlir " +
        "(the module), .json (its signature: every input and output with its pytree path, and which input " +
        "each state output replaces) and .safetensors (every input's initial value by path: the parameters, " +
        "the optimizer state and the training batch). docs/stablehlo.md shows how to run it on XLA.",
    )
    .addOption(new Option("--model <name>", "whose train step").choices(modelNames).argParser(oneOf("--model", modelNames)).default(modelNames[0]!))
    .addOption(new Option("--out <dir>", "the folder to write to (created if missing)").argParser(fileName("--out")).default("."))
    .addOption(new Option("--lr <rate>", `learning rate (default: ${modelNames.map((n) => `${models[n].defaultLr} for ${n}`).join(", ")})`).argParser(positiveNumber("--lr")))
    .addOption(new Option("--seed <n>", "seed of the data split and the initial weights (an int64, as JAX takes)").argParser(seed("--seed")).default(0n, "0"))
    .addOption(new Option("--precision <p>", "dot_general precision in the module").choices(precisions).argParser(oneOf("--precision", precisions)).default("DEFAULT" as const))
    .action(async (o) => {
      const { exportCommand } = await import("../../export/export-command.js");
      const result = await exportCommand({ model: o.model, out: o.out, seed: o.seed, ...(o.lr === undefined ? {} : { lr: o.lr }), precision: o.precision });
      context.io.stdout.write(`${result.text}\n`);
    });
