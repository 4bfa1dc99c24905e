import { Variable, type VariableClass } from "./variable.js";

/**
 * What selects variables, as Flax's filters: a Variable class (instanceof), a predicate on
 * (path, variable), `true` for everything, or a list meaning any of them.
 */
export type Filter = VariableClass | ((path: readonly (string | number)[], v: Variable) => boolean) | true | readonly Filter[];

export function matches(filter: Filter, path: readonly (string | number)[], v: Variable): boolean {
  if (filter === true) return true;
  if (globalThis.Array.isArray(filter)) return filter.some((f) => matches(f, path, v));
  const f = filter as VariableClass | ((path: readonly (string | number)[], v: Variable) => boolean);
  if (isVariableClass(f)) return v instanceof f;
  return (f as (path: readonly (string | number)[], v: Variable) => boolean)(path, v);
}

function isVariableClass(f: unknown): f is VariableClass {
  return f === Variable || (typeof f === "function" && f.prototype instanceof Variable);
}

/** Not(filter): everything the filter does not select. */
export function Not(filter: Filter): Filter {
  return (path, v) => !matches(filter, path, v);
}

/** All(...filters): variables every filter selects. */
export function All(...filters: Filter[]): Filter {
  return (path, v) => filters.every((f) => matches(f, path, v));
}

/** Any(...filters): variables some filter selects. */
export function Any(...filters: Filter[]): Filter {
  return (path, v) => filters.some((f) => matches(f, path, v));
}

export const Everything: Filter = true;
