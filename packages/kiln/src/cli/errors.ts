import { KilnError } from "@kiln/core";

/** A problem with the command line or the input it names: one line, exit status 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The longest line an error may take; a quoted user string inside is cut shorter still. */
const MAX_ERROR_LINE = 400;

/**
 * An error's text as one bounded line after `prefix` ("kiln train"): lines joined, commander's
 * "error: " dropped, a long single-quoted value (commander quotes an unknown flag or command
 * that way) cut to 60 characters, and the whole line to MAX_ERROR_LINE.
 */
export function errorLine(prefix: string, text: string): string {
  const joined = text.replace(/^error: /, "").trim().split(/\s*\n\s*/).join(" ");
  const clipped = joined.replace(/'([^']{61,})'/g, (_m, inner: string) => `'${inner.slice(0, 60)}…' (${inner.length} characters)`);
  const line = `${prefix}: ${clipped}`;
  return line.length <= MAX_ERROR_LINE ? line : `${line.slice(0, MAX_ERROR_LINE)}…`;
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
