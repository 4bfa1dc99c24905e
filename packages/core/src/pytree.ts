import { Array } from "./array.js";
import { KilnError } from "./errors.js";

/**
 * Pytrees: nested plain objects and JS arrays whose leaves are kiln Arrays (or numbers).
 * Classes opt in with registerPytreeNode (nnx modules and states do). Object keys are
 * visited in sorted order, as JAX sorts dict keys, so flattening never depends on insertion order.
 */
export interface TreeDef {
  readonly kind: "leaf" | "none" | "array" | "object" | "custom";
  readonly children: readonly TreeDef[];
  readonly keys?: readonly string[];
  readonly node?: PytreeNodeType<unknown>;
  readonly aux?: unknown;
  /** A string that is equal for equal structures (used in jit cache keys). */
  readonly key: string;
}

export interface PytreeNodeType<T> {
  readonly name: string;
  flatten(x: T): { children: unknown[]; aux: unknown; auxKey: string };
  unflatten(aux: unknown, children: unknown[]): T;
}

const registry = new Map<abstract new (...args: never[]) => unknown, PytreeNodeType<unknown>>();

export function registerPytreeNode<T>(cls: abstract new (...args: never[]) => T, type: PytreeNodeType<T>): void {
  registry.set(cls, type as PytreeNodeType<unknown>);
}

function customNodeOf(x: object): PytreeNodeType<unknown> | undefined {
  for (let proto = Object.getPrototypeOf(x); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const t = registry.get(proto.constructor);
    if (t) return t;
  }
  return undefined;
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const leafDef: TreeDef = { kind: "leaf", children: [], key: "*" };
const noneDef: TreeDef = { kind: "none", children: [], key: "null" };

export function treeFlatten(tree: unknown, isLeaf?: (x: unknown) => boolean): [unknown[], TreeDef] {
  const leaves: unknown[] = [];
  const walk = (x: unknown): TreeDef => {
    if (isLeaf?.(x)) {
      leaves.push(x);
      return leafDef;
    }
    if (x === null || x === undefined) return noneDef;
    if (x instanceof Array || typeof x !== "object") {
      leaves.push(x);
      return leafDef;
    }
    if (globalThis.Array.isArray(x)) {
      const children = globalThis.Array.from(x as unknown[], (c) => walk(c)); // holes flatten like null
      return { kind: "array", children, key: `[${children.map((c) => c.key).join(",")}]` };
    }
    const custom = customNodeOf(x);
    if (custom) {
      const { children, aux, auxKey } = custom.flatten(x);
      const defs = children.map(walk);
      return { kind: "custom", children: defs, node: custom, aux, key: `${custom.name}<${auxKey}>(${defs.map((c) => c.key).join(",")})` };
    }
    if (isPlainObject(x)) {
      const keys = Object.keys(x).sort();
      const children = keys.map((k) => walk((x as Record<string, unknown>)[k]));
      return { kind: "object", children, keys, key: `{${keys.map((k, i) => `${JSON.stringify(k)}:${children[i]!.key}`).join(",")}}` };
    }
    leaves.push(x);
    return leafDef;
  };
  const def = walk(tree);
  return [leaves, def];
}

export function treeUnflatten(def: TreeDef, leaves: readonly unknown[]): unknown {
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf": return leaves[i++];
      case "none": return null;
      case "array": return d.children.map(build);
      case "object": return Object.fromEntries(d.keys!.map((k, j) => [k, build(d.children[j]!)]));
      case "custom": return d.node!.unflatten(d.aux, d.children.map(build));
    }
  };
  const out = build(def);
  if (i !== leaves.length) throw new KilnError(`treeUnflatten: structure has ${i} leaves but ${leaves.length} were given`);
  return out;
}

export function treeLeaves(tree: unknown): unknown[] {
  return treeFlatten(tree)[0];
}

export function treeMap(fn: (...leaves: unknown[]) => unknown, tree: unknown, ...rest: unknown[]): unknown {
  const [leaves, def] = treeFlatten(tree);
  const others = rest.map((r) => {
    const [l, d] = treeFlatten(r);
    if (d.key !== def.key) throw new KilnError(`treeMap: trees have different structures: ${def.key} vs ${d.key}`);
    return l;
  });
  return treeUnflatten(def, leaves.map((l, i) => fn(l, ...others.map((o) => o[i]))));
}

export function treeStructureEquals(a: TreeDef, b: TreeDef): boolean {
  return a.key === b.key;
}
