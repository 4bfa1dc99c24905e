import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CliIo } from "../packages/kiln/src/cli/io.js";
import { buildProgram } from "../packages/kiln/src/cli/program.js";

/**
 * The command line's documentation, generated from the same definitions the parser runs: the
 * README's command table and docs/cli.md's reference (each command's help). Both files hold the
 * generated text between marker comments.
 *
 *   pnpm docs:cli            rewrites the blocks
 *   pnpm docs:cli --check    exits 1 when a block is stale (tests/cli-docs.test.ts checks it too)
 */
const DOCS_HELP_WIDTH = 100;

/** Where the parser writes while the docs are made: nowhere (help text is read with helpInformation). */
const nowhere = { write: () => true } as unknown as CliIo["stdout"];
const silentIo: CliIo = { stdout: nowhere, stderr: nowhere, readStdin: () => "", env: {} };

function program() {
  return buildProgram({ io: silentIo, helpWidth: DOCS_HELP_WIDTH });
}

const commands = () => program().commands;

/** The README's table of commands. */
export function commandTable(): string {
  const rows = commands().map((c) => `| \`kiln ${c.name()}\` | ${c.summary()} |`);
  return ["| command | what it does |", "| --- | --- |", ...rows].join("\n");
}

/** docs/cli.md's reference: kiln's own help, then each command's. */
export function commandReference(): string {
  const block = (title: string, help: string) => `### ${title}\n\n\`\`\`text\n${help.trimEnd()}\n\`\`\``;
  const p = program();
  return [block("kiln --help", p.helpInformation()), ...commands().map((c) => block(`kiln ${c.name()} --help`, c.helpInformation()))].join("\n\n");
}

/** The generated blocks: which file, between which markers, with what text. */
export const generatedBlocks = [
  { file: "README.md", marker: "kiln-cli:commands", text: commandTable },
  { file: "docs/cli.md", marker: "kiln-cli:reference", text: commandReference },
] as const;

/** `text` with the block between `<!-- marker -->` and `<!-- /marker -->` replaced by `block`. */
export function replaceBlock(text: string, marker: string, block: string): string {
  const open = `<!-- ${marker} -->`;
  const close = `<!-- /${marker} -->`;
  const begin = text.indexOf(open);
  const end = text.indexOf(close);
  if (begin < 0 || end < begin) throw new Error(`no ${open} ... ${close} block`);
  return `${text.slice(0, begin + open.length)}\n${block}\n${text.slice(end)}`;
}

/**
 * Whether argv (an example from the docs) is accepted by the definitions: parsed with every
 * action replaced by nothing, so no file is read and nothing runs. Returns the error line, or null.
 */
export async function parseOnly(argv: readonly string[]): Promise<string | null> {
  let error: string | null = null;
  const sink = { write: (s: string) => ((error ??= s.trim()), true) };
  const p = buildProgram({ io: { ...silentIo, stderr: sink as unknown as CliIo["stderr"] } });
  for (const c of p.commands) c.action(() => {});
  try {
    await p.parseAsync(argv, { from: "user" });
    return null;
  } catch (e) {
    if ((e as { exitCode?: unknown }).exitCode === 0) return null; // --help, --version: commander ends with status 0
    return error ?? (e as Error).message;
  }
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** Each generated file as it is and as it should be. */
export function docsState(): { file: string; current: string; expected: string }[] {
  return generatedBlocks.map(({ file, marker, text }) => {
    const current = readFileSync(`${root}/${file}`, "utf8");
    return { file, current, expected: replaceBlock(current, marker, text()) };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { file, current, expected } of docsState()) {
    if (current === expected) continue;
    stale++;
    if (check) console.error(`${file}: the generated command-line block is stale (run pnpm docs:cli)`);
    else writeFileSync(`${root}/${file}`, expected);
  }
  process.exitCode = check && stale > 0 ? 1 : 0;
}
