import type { Atom } from "@kiln/core";

/** A number's identity as text: -0 and NaN are distinct from 0 (String(-0) is "0"). */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** A stable key for op params: object keys sorted, numbers by numberKey. */
export function paramsKey(p: unknown): string {
  if (typeof p === "number") return numberKey(p);
  if (typeof p === "string") return JSON.stringify(p);
  if (Array.isArray(p)) return `[${p.map(paramsKey).join(",")}]`;
  if (p !== null && typeof p === "object") {
    const entries = Object.entries(p as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${k}:${paramsKey(v)}`).join(",")}}`;
  }
  return String(p);
}

/** Vars by id, literals by dtype and value. */
export function atomKey(a: Atom): string {
  return a.kind === "var" ? `v${a.id}` : `${a.aval.dtype}:${numberKey(a.value)}`;
}
