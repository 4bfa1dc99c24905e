import { readFileSync } from "node:fs";
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { commandDefinitions } from "./definitions/index.js";
import { errorLine } from "./errors.js";
import { useColor, type CliIo } from "./io.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export interface ProgramSettings {
  readonly io: CliIo;
  /** Help text width; the terminal's (or 80) when absent. The docs use a fixed width. */
  readonly helpWidth?: number;
}

/**
 * The kiln command line: global flags, then one subcommand from each definition. Errors are
 * thrown (exitOverride), not exits, so the caller decides the exit status; commander's own
 * messages go out through errorLine.
 */
export function buildProgram(settings: ProgramSettings): Command<[], { verbose?: true; color: boolean }> {
  const { io, helpWidth } = settings;
  const program = new Command("kiln")
    .description("kiln: a graph-compiling ML framework for TypeScript (JAX + Flax NNX + optax)")
    .version(version, "-V, --version", "print kiln's version")
    .option("--verbose", "on an error, print the stack trace too (as KILN_DEBUG=1 does)")
    .option("--no-color", "write no colour escapes, even to a terminal (NO_COLOR=1 does the same)")
    .helpCommand("help [command]", "print the help of a command");
  const configure = (cmd: CommandUnknownOpts, prefix: string) => {
    cmd
      .helpOption("-h, --help", "print this help")
      .exitOverride()
      .showSuggestionAfterError()
      .configureHelp({ sortOptions: false, showGlobalOptions: true, ...(helpWidth === undefined ? {} : { helpWidth }) })
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: (s, write) => write(errorLine(prefix, s) + "\n"),
      });
  };
  configure(program as unknown as CommandUnknownOpts, "kiln");
  const context = { io, color: () => useColor(io, program.opts().color) };
  for (const define of commandDefinitions) {
    const cmd = define(context);
    configure(cmd, `kiln ${cmd.name()}`);
    program.addCommand(cmd);
  }
  return program;
}
