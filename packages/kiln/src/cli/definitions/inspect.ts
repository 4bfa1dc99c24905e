import { Command, Option } from "@commander-js/extra-typings";
import { modelNames } from "../../train/registry.js";
import { UsageError } from "../errors.js";
import { MAX_INSPECT_ELEMENTS } from "../limits.js";
import { oneOf, sizes } from "../values.js";
import type { CommandDefinition } from "./context.js";

function shape(v: string): number[] {
  const [n, din, dout] = sizes("--shape", ["N", "DIN", "DOUT"], MAX_INSPECT_ELEMENTS)(v) as [number, number, number];
  for (const [what, count] of [["N×DIN", n * din], ["DIN×DOUT", din * dout], ["N×DOUT", n * dout]] as const) {
    if (count > MAX_INSPECT_ELEMENTS) throw new UsageError(`--shape: ${what} = ${count} elements is over the limit of ${MAX_INSPECT_ELEMENTS}`);
  }
  return [n, din, dout];
}

export const inspectDefinition: CommandDefinition = (context) =>
  new Command("inspect")
    .summary("print what the compiler does with a model's train step")
    .description(
      "Prints what the compiler does with a model's train step (forward, backward and optimizer update): " +
        "the traced graph, the optimized graph, the fusion plan and the generated JavaScript.",
    )
    .addOption(new Option("--model <name>", "whose train step").choices(modelNames).argParser(oneOf("--model", modelNames)).default(modelNames[0]!))
    .addOption(new Option("--shape <n,din,dout>", `batch size, input features and outputs; N×DIN, DIN×DOUT and N×DOUT at most ${MAX_INSPECT_ELEMENTS} elements each`).argParser(shape).default([64, 8, 4], "64,8,4"))
    .addOption(new Option("--dot", "also print the traced graph as Graphviz DOT").default(false))
    .action(async (o) => {
      const { runInspect } = await import("../inspect-command.js");
      await runInspect(o, context.io);
    });
