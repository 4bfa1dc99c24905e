import { readAll } from "./input.js";

/** Where a command's output goes: data on stdout, messages and progress on stderr. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly readStdin: () => string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const nodeIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readAll(0),
  env: process.env,
};

/**
 * Colour escapes only where a person reads them: stdout is a terminal, NO_COLOR is unset or
 * empty (no-color.org), and --no-color was not given.
 */
export function useColor(io: CliIo, colorFlag: boolean): boolean {
  const noColor = io.env["NO_COLOR"];
  return colorFlag && io.stdout.isTTY === true && (noColor === undefined || noColor === "");
}

/** KILN_DEBUG=1 (which also prints each compilation, see codegen's debug.ts) shows stack traces, as --verbose does. */
export function debugFromEnv(io: CliIo): boolean {
  return io.env["KILN_DEBUG"] === "1";
}
