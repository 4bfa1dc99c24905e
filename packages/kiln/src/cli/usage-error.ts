/** A problem with the command line or its input: printed as one line, exit status 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}
