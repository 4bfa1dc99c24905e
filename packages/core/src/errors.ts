/** Errors that point at the user's mistake: one line naming the operation, argument and problem. */
export class KilnError extends Error {
  override name = "KilnError";
}

/** A shape mismatch: names the op, the shapes and which argument. */
export class ShapeError extends KilnError {
  override name = "ShapeError";
}

/** A dtype mismatch or an operation that does not support a dtype. */
export class DTypeError extends KilnError {
  override name = "DTypeError";
}

/** Misuse of tracing: reading a concrete value inside jit, a leaked tracer, ... */
export class TraceError extends KilnError {
  override name = "TraceError";
}

/** A bad argument to a public function: `${fn}: ${arg} ${problem}`. */
export class ArgumentError extends KilnError {
  override name = "ArgumentError";
}

export function argumentError(fn: string, arg: string, problem: string): ArgumentError {
  return new ArgumentError(`${fn}: argument '${arg}' ${problem}`);
}
