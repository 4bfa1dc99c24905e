import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { CliIo } from "../io.js";

/** What a command's action needs from the program around it. */
export interface CommandContext {
  readonly io: CliIo;
  /** Whether colour escapes may go to stdout (a terminal, no NO_COLOR, no --no-color). */
  color(): boolean;
}

/**
 * A subcommand, defined once: its flags, their defaults and checks, its help, and an action that
 * loads the implementation only when the command runs. program.ts adds every definition in
 * definitions/index.ts; the docs are generated from the same objects.
 */
export type CommandDefinition = (context: CommandContext) => CommandUnknownOpts;
