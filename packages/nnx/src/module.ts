import { Array } from "@kiln/core";
import { Variable } from "./variable.js";

export type Path = readonly (string | number)[];

/**
 * Base class of every layer and model (Flax's nnx.Module). Subclasses keep their parameters
 * as Variable fields, submodules as fields, lists or plain objects of submodules, and anything
 * else (sizes, flags) as plain static fields. `call(x)` applies the module (NNX's __call__).
 */
export abstract class Module {
  /** Applies the module. Layers override this; containers like Sequential chain it. */
  call(..._args: never[]): unknown {
    throw new TypeError(`${this.constructor.name} does not define call()`);
  }
}

/** Whether a value is a node kiln walks into when it looks for variables. */
function isContainer(x: unknown): x is object {
  if (x === null || typeof x !== "object") return false;
  if (x instanceof Module || globalThis.Array.isArray(x)) return true;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function childEntries(x: object): [string | number, unknown][] {
  if (globalThis.Array.isArray(x)) return x.map((v, i) => [i, v]);
  return Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]);
}

/**
 * Visits every Variable reachable from `root` once, in a deterministic order (fields sorted
 * by name, lists in order), with its path. A Variable shared by two fields is visited at its
 * first path only. Cycles are not followed twice.
 */
export function forEachVariable(root: unknown, visit: (path: Path, v: Variable) => void): void {
  const seen = new Set<object>();
  const walk = (x: unknown, path: Path) => {
    if (x instanceof Variable) {
      if (!seen.has(x)) {
        seen.add(x);
        visit(path, x);
      }
      return;
    }
    if (!isContainer(x) || seen.has(x)) return;
    seen.add(x);
    for (const [k, v] of childEntries(x)) walk(v, [...path, k]);
  };
  walk(root, []);
}

/** All (path, variable) pairs of a tree of modules. */
export function variablesOf(root: unknown): [Path, Variable][] {
  const out: [Path, Variable][] = [];
  forEachVariable(root, (p, v) => out.push([p, v]));
  return out;
}

/**
 * A string describing the module tree's structure: classes, field names, variable types and
 * avals, and static field values. Two trees with equal keys trace to the same graph.
 */
export function structureKey(root: unknown): string {
  const seen = new Map<object, number>();
  const walk = (x: unknown, inModule: boolean): string => {
    if (x instanceof Variable) {
      if (seen.has(x)) return `&${seen.get(x)}`;
      seen.set(x, seen.size);
      return `${x.constructor.name}:${x._array.aval}`;
    }
    // Arrays outside modules are dynamic inputs; Arrays in module fields are constants of the graph
    if (x instanceof Array) return inModule ? `Array#${identityOf(x)}` : `Array:${x.aval}`;
    if (isContainer(x)) {
      if (seen.has(x)) return `&${seen.get(x)}`;
      seen.set(x, seen.size);
      const name = x instanceof Module ? x.constructor.name : globalThis.Array.isArray(x) ? "" : "obj";
      const nested = inModule || x instanceof Module;
      return `${name}{${childEntries(x).map(([k, v]) => `${k}=${walk(v, nested)}`).join(",")}}`;
    }
    if (typeof x === "function") return `fn#${identityOf(x)}`;
    if (typeof x === "number" || typeof x === "boolean" || typeof x === "string" || x === null || x === undefined) return JSON.stringify(x) ?? "undefined";
    if (typeof x === "bigint") return `${x}n`;
    return `?${typeof x}#${identityOf(x as object)}`;
  };
  return walk(root, false);
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
/** Functions (and other opaque objects) enter structure keys by identity: they may close over constants. */
function identityOf(x: object): number {
  let id = identities.get(x);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(x, id);
  }
  return id;
}

export function pathToString(path: Path): string {
  return path.length === 0 ? "<root>" : path.join(".");
}
