import { closeSync, openSync, readSync } from "node:fs";
import { MAX_INPUT_BYTES } from "./limits.js";


export class InputTooLargeError extends Error {
  override name = "InputTooLargeError";
}

/** Reads an open file descriptor to its end as UTF-8, refusing more than MAX_INPUT_BYTES. */
export function readAll(fd: number, limit = MAX_INPUT_BYTES): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > limit) throw new InputTooLargeError(`more than the limit of ${limit} bytes`);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** A file's text, read as readAll reads. */
export function readFileLimited(path: string): string {
  const fd = openSync(path, "r");
  try {
    return readAll(fd);
  } finally {
    closeSync(fd);
  }
}

/** Where a command's output goes: data on stdout, messages and progress on stderr. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
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
