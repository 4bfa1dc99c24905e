import { CommanderError } from "@commander-js/extra-typings";
import { describeError, errorLine, exitCodes } from "./errors.js";
import { debugFromEnv, type CliIo } from "./io.js";
import { buildProgram } from "./program.js";

/**
 * Runs the command line and returns its exit status: 0 done, 1 the work failed, 2 a usage error.
 * Every error is one line on stderr, "kiln <command>: <problem>", with no stack trace unless
 * --verbose or KILN_DEBUG=1 asks for it.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram({ io });
  let running = "kiln";
  // before the subcommand parses its flags, so an error in a flag's value is its command's too
  program.hook("preSubcommand", (_program, subcommand) => {
    running = `kiln ${subcommand.name()}`;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCodes.ok;
  } catch (e) {
    // commander has written its message already (program.ts); help and --version end with status 0
    if (e instanceof CommanderError) return e.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    const { line, code, internal } = describeError(e);
    const verbose = program.opts().verbose === true || debugFromEnv(io);
    const hint = internal && !verbose ? " (a bug in kiln: run with --verbose for the stack trace)" : "";
    io.stderr.write(`${errorLine(running, line)}${hint}\n`);
    if (verbose && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return code;
  }
}
