import { Array, KilnError, argumentError } from "@kiln/core";
import { matches, type Filter } from "./filter.js";
import { Module, forEachVariable, pathToString, type Path } from "./module.js";
import { Variable } from "./variable.js";

/**
 * A State is a nested plain object mirroring a module tree, whose leaves are the Arrays of
 * the selected variables, e.g. `{ kernel: Array, bias: Array }` or `{ layers: [{ kernel, bias }] }`.
 * It is an ordinary pytree, so optax transforms, grads and jit all work on it directly.
 */
export type State = { [key: string]: State | Array } | State[];

/**
 * Defines an own, enumerable property. Keys come from user field names, so `obj[k] = v` is not
 * safe: with k = "__proto__" it would replace the prototype (dropping the value, or with a
 * nested path writing into Object.prototype) instead of adding a key.
 */
export function putOwn(obj: object, k: string | number, value: unknown): void {
  Object.defineProperty(obj, k, { value, writable: true, enumerable: true, configurable: true });
}

const hasOwn = (obj: object, k: string | number) => Object.prototype.hasOwnProperty.call(obj, k);

export function setPath(root: Record<string | number, unknown>, path: Path, value: unknown): void {
  let node = root;
  path.forEach((k, i) => {
    if (i === path.length - 1) {
      putOwn(node, k, value);
      return;
    }
    if (!hasOwn(node, k) || node[k] === undefined) putOwn(node, k, typeof path[i + 1] === "number" ? [] : {});
    node = node[k] as Record<string | number, unknown>;
  });
}

/** nnx.state(model, filter?): the values of the variables the filter selects (all by default). */
export function state(model: unknown, filter: Filter = true): State {
  const out: Record<string, unknown> = {};
  forEachVariable(model, (path, v) => {
    if (matches(filter, path, v)) setPath(out, path, v.value);
  });
  return out as State;
}

/** The (path, variable) pairs of `model` selected by `filter`. */
export function selectVariables(model: unknown, filter: Filter = true): [Path, Variable][] {
  const out: [Path, Variable][] = [];
  forEachVariable(model, (path, v) => {
    if (matches(filter, path, v)) out.push([path, v]);
  });
  return out;
}

/**
 * nnx.update(model, ...states): writes the states' Arrays into the variables at the same paths.
 * Every value is checked (path exists, same shape and dtype) before any variable changes.
 */
export function update(model: unknown, ...states: unknown[]): void {
  const writes: [Variable, Array][] = [];
  // keyed by the path's parts, not its dotted form: a field "a.b" is not the field b of a
  const keyOf = (path: Path) => JSON.stringify(path.map(String));
  const byPath = new Map<string, Variable>();
  forEachVariable(model, (path, v) => byPath.set(keyOf(path), v));
  for (const st of states) {
    const walk = (node: unknown, path: Path) => {
      if (node instanceof Array) {
        const v = byPath.get(keyOf(path));
        if (!v) throw new KilnError(`nnx.update: the model has no variable at '${pathToString(path)}'`);
        if (!v._array.aval.equals(node.aval)) {
          throw new KilnError(`nnx.update: '${pathToString(path)}' is ${v._array.aval} but the new value is ${node.aval}`);
        }
        writes.push([v, node]);
        return;
      }
      if (node === null || node === undefined) return; // an empty branch (a variable not selected)
      if (typeof node !== "object") throw argumentError("nnx.update", "state", `has a ${typeof node} at '${pathToString(path)}'; states hold Arrays`);
      const entries = globalThis.Array.isArray(node) ? node.map((x, i) => [i, x] as const) : Object.entries(node);
      for (const [k, x] of entries) walk(x, [...path, k]);
    };
    walk(st, []);
  }
  for (const [v, a] of writes) v.value = a;
}

/** A module tree's structure without its variable values (Flax's GraphDef). */
export class GraphDef<M> {
  /** @internal */
  constructor(readonly _template: M) {}
}

/** Copies a module tree, giving every variable a new holder (values shared: Arrays are immutable). */
function cloneTree<T>(x: T, memo = new Map<object, unknown>()): T {
  if (x instanceof Variable) {
    if (!memo.has(x)) memo.set(x, new (x.constructor as new (v: Array) => Variable)(x.value));
    return memo.get(x) as T;
  }
  if (x === null || typeof x !== "object" || x instanceof Array) return x;
  if (memo.has(x)) return memo.get(x) as T;
  const isTree = x instanceof Module || globalThis.Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype;
  if (!isTree) return x;
  const copy = (globalThis.Array.isArray(x) ? [] : Object.create(Object.getPrototypeOf(x))) as Record<string, unknown>;
  memo.set(x, copy);
  for (const k of Object.keys(x)) putOwn(copy, k, cloneTree((x as Record<string, unknown>)[k], memo));
  return copy as T;
}

/** nnx.split(model, ...filters): [graphdef, state per filter (the last takes the rest)]. */
export function split<M>(model: M, ...filters: Filter[]): [GraphDef<M>, ...State[]] {
  const fs = filters.length === 0 ? [true as Filter] : filters;
  const taken = new Set<Variable>();
  const states = fs.map((f) => {
    const out: Record<string, unknown> = {};
    forEachVariable(model, (path, v) => {
      if (!taken.has(v) && matches(f, path, v)) {
        taken.add(v);
        setPath(out, path, v.value);
      }
    });
    return out as State;
  });
  const missing: string[] = [];
  forEachVariable(model, (path, v) => {
    if (!taken.has(v)) missing.push(pathToString(path));
  });
  if (missing.length > 0) throw new KilnError(`nnx.split: variables not selected by any filter: ${missing.join(", ")} (add a final filter such as true)`);
  return [new GraphDef(cloneTree(model)), ...states];
}

/** nnx.merge(graphdef, ...states): a new module tree with the given values. */
export function merge<M>(graphdef: GraphDef<M>, ...states: unknown[]): M {
  const model = cloneTree(graphdef._template);
  update(model, ...states);
  return model;
}

