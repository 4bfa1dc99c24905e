import { KilnError } from "@kiln/core";

/** A problem with the command line or the input it names: one line, exit status 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The command line's exit statuses: 0 done, 1 the work failed, 2 the command was misused. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * One line for an error, without its stack: the message's first line for kiln's own errors and
 * Node's system errors (ENOENT and the like, whose message says what and where), and the class
 * and first line for anything else, which is a bug in kiln.
 */
export function describeError(e: unknown): { line: string; code: number; internal: boolean } {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split("\n", 1)[0]!;
  if (e instanceof UsageError) return { line: first, code: exitCodes.usage, internal: false };
  if (e instanceof KilnError) return { line: first, code: exitCodes.failure, internal: false };
  if (typeof (e as NodeJS.ErrnoException)?.code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string") {
    return { line: first, code: exitCodes.failure, internal: false };
  }
  const name = e instanceof Error ? e.name : typeof e;
  return { line: `internal error: ${name}: ${first}`, code: exitCodes.failure, internal: true };
}
