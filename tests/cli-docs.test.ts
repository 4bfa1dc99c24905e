import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../packages/kiln/src/cli/program.js";
import { modelNames } from "../packages/kiln/src/train/registry.js";
import { captureIo } from "./cli-harness.js";
import { commandReference, docsState, parseOnly } from "../tools/cli-docs.js";

/**
 * The README's command table and docs/cli.md's reference are generated from the command
 * definitions (tools/cli-docs.ts); they must be current, every `kiln` example in the README and
 * docs/cli.md must parse, and the help must list every flag with its default.
 */
describe("the command line's docs", () => {
  it("the generated blocks in README.md and docs/cli.md are current (pnpm docs:cli)", () => {
    for (const { file, current, expected } of docsState()) expect(current, `${file} is stale: run pnpm docs:cli`).toBe(expected);
  });

  it("every `kiln ...` example in the README and docs/cli.md parses against the definitions", async () => {
    const examples = ["README.md", "docs/cli.md"].flatMap((file) =>
      readFileSync(new URL(`../${file}`, import.meta.url), "utf8")
        .split("<!-- kiln-cli:reference -->")[0]! // the written examples, not the generated help's usage lines
        .split("\n")
        .flatMap((line) => [...line.matchAll(/(?:pnpm exec |npx )?\bkiln ((?:train|train-step-loss|inspect|--help|--version)[^|#`\n]*)/g)].map((m) => m[1]!.trim())),
    ).filter((example) => !example.includes("...")); // "kiln train-step-loss ... | jq" is a sketch, not an example

    expect(examples.length).toBeGreaterThan(5);
    for (const example of examples) expect(await parseOnly(example.split(/\s+/)), example).toBeNull();
    expect(await parseOnly(["train", "--model", "both"])).toMatch(/--model: must be one of/); // and the check can fail
  });

  it("every flag of every command is in the reference, with its default and choices", () => {
    const reference = commandReference().replace(/\s+/g, " ");
    for (const cmd of buildProgram({ io: captureIo() }).commands) {
      for (const option of cmd.options) {
        expect(reference).toContain(option.flags);
        if (option.defaultValue !== undefined) expect(reference).toContain(`default: ${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)}`);
        if (option.argChoices) expect(reference).toContain(`choices: ${option.argChoices.map((c) => `"${c}"`).join(", ")}`);
      }
    }
  });

  it("--model's choices are the registry's models, in train and inspect alike", () => {
    const program = buildProgram({ io: captureIo() });
    const choices = (name: string) => program.commands.find((c) => c.name() === name)!.options.find((o) => o.long === "--model")!.argChoices;
    expect(choices("train")).toEqual([...modelNames, "all"]);
    expect(choices("inspect")).toEqual(modelNames);
  });
});
