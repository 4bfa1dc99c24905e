import { describe, expect, it } from "vitest";
import { KilnError } from "./errors.js";
import * as jnp from "./jnp/index.js";
import { registerPytreeNode, treeFlatten, treeLeaves, treeMap, treeStructureEquals, treeUnflatten } from "./pytree.js";

/** Pytrees: flatten/unflatten round trips, sorted keys, null handling, custom nodes, treeMap. */

const a = jnp.array([1, 2]);
const b = jnp.array(3.5);

class Pair {
  constructor(readonly left: unknown, readonly right: unknown, readonly tag: string) {}
}
registerPytreeNode(Pair, {
  name: "Pair",
  flatten: (p) => ({ children: [p.left, p.right], aux: p.tag, auxKey: p.tag }),
  unflatten: (tag, [left, right]) => new Pair(left, right, tag as string),
});
class SubPair extends Pair {}
class Opaque {
  constructor(readonly v: number) {}
}

describe("flatten / unflatten", () => {
  it.each([
    ["a leaf", a, [a], "*"],
    ["a number", 5, [5], "*"],
    ["a list", [a, b, 1], [a, b, 1], "[*,*,*]"],
    ["nested", { x: [a, { y: b }], z: 2 }, [a, b, 2], '{"x":[*,{"y":*}],"z":*}'],
    ["empty containers", { p: [], q: {} }, [], '{"p":[],"q":{}}'],
    ["null", [null, a], [a], "[null,*]"],
    ["a custom node", new Pair(a, [b], "t"), [a, b], "Pair<t>(*,[*])"],
    ["a subclass of a custom node", new SubPair(a, b, "s"), [a, b], "Pair<s>(*,*)"],
    ["an unregistered class instance is a leaf", new Opaque(1), "self", "*"],
    ["a string is a leaf", "hi", ["hi"], "*"],
  ] as const)("%s", (_name, tree, leaves, key) => {
    const [ls, def] = treeFlatten(tree);
    expect(ls).toEqual(leaves === "self" ? [tree] : leaves);
    expect(def.key).toBe(key);
    const back = treeUnflatten(def, ls);
    expect(back).toEqual(tree);
    if (tree instanceof Pair) expect(back).toBeInstanceOf(Pair);
  });

  it("visits object keys in sorted order, whatever the insertion order", () => {
    const [l1, d1] = treeFlatten({ b: 2, a: 1, c: 3 });
    const [l2, d2] = treeFlatten({ c: 3, a: 1, b: 2 });
    expect(l1).toEqual([1, 2, 3]);
    expect(l2).toEqual([1, 2, 3]);
    expect(treeStructureEquals(d1, d2)).toBe(true);
    expect(Object.keys(treeUnflatten(d1, [10, 20, 30]) as object)).toEqual(["a", "b", "c"]);
  });

  it("null and undefined are empty subtrees that come back as null", () => {
    const [leaves, def] = treeFlatten({ a: null, b: undefined, c: 1 });
    expect(leaves).toEqual([1]);
    expect(treeUnflatten(def, [2])).toEqual({ a: null, b: null, c: 2 });
    expect(treeFlatten(null)[0]).toEqual([]);
  });

  it("unflatten takes new leaves in order and checks their count", () => {
    const [, def] = treeFlatten({ x: [0, 0], y: 0 });
    expect(treeUnflatten(def, ["p", "q", "r"])).toEqual({ x: ["p", "q"], y: "r" });
    expect(() => treeUnflatten(def, [1, 2])).toThrow("treeUnflatten: structure has 3 leaves but 2 were given");
    expect(() => treeUnflatten(def, [1, 2, 3, 4])).toThrow("treeUnflatten: structure has 3 leaves but 4 were given");
  });

  it("isLeaf stops the walk at chosen subtrees", () => {
    const [leaves, def] = treeFlatten({ keep: [1, 2], go: [3] }, (x) => Array.isArray(x) && x.length === 2);
    expect(leaves).toEqual([3, [1, 2]]);
    expect(def.key).toBe('{"go":[*],"keep":*}');
  });

  it("distinguishes structures by custom-node aux data and container kind", () => {
    const k = (t: unknown) => treeFlatten(t)[1];
    expect(treeStructureEquals(k(new Pair(1, 2, "x")), k(new Pair(1, 2, "y")))).toBe(false);
    expect(treeStructureEquals(k([1, 2]), k({ 0: 1, 1: 2 }))).toBe(false);
    expect(treeStructureEquals(k([a]), k([5]))).toBe(true); // a leaf is a leaf
    expect(treeLeaves([{ z: 1, y: [2, 3] }, 4])).toEqual([2, 3, 1, 4]);
  });
});

describe("treeMap", () => {
  it("maps leaves and keeps the structure", () => {
    const out = treeMap((x) => (x as number) * 10, { b: [1, 2], a: new Pair(3, null, "t") });
    expect(out).toEqual({ a: new Pair(30, null, "t"), b: [10, 20] });
  });

  it("zips several trees of the same structure", () => {
    const out = treeMap((x, y) => jnp.add(x as typeof a, y as typeof a), { p: a, q: [b] }, { p: a, q: [b] }) as { p: typeof a; q: (typeof a)[] };
    expect(out.p.tolist()).toEqual([2, 4]);
    expect(out.q[0]!.tolist()).toBe(7);
  });

  it.each([
    [{ p: 1 }, { q: 1 }, '{"p":*} vs {"q":*}'],
    [[1, 2], [1], "[*,*] vs [*]"],
    [[1, null], [1, 2], "[*,null] vs [*,*]"],
    [{ p: [1] }, { p: 1 }, '{"p":[*]} vs {"p":*}'],
    [new Pair(1, 2, "x"), new Pair(1, 2, "y"), "Pair<x>(*,*) vs Pair<y>(*,*)"],
  ])("with mismatched structures %j and %j is an error naming both", (t1, t2, message) => {
    expect(() => treeMap((x) => x, t1, t2)).toThrow(KilnError);
    expect(() => treeMap((x) => x, t1, t2)).toThrow(`treeMap: trees have different structures: ${message}`);
  });
});
