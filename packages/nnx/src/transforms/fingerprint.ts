import { Array, ShapedArray } from "@kiln/core";
import { Module } from "../module.js";
import { Variable } from "../variable.js";

const END = Symbol("end");
const MAX_DEPTH = 64;

function isContainer(x: object): boolean {
  if (x instanceof Module || globalThis.Array.isArray(x)) return true;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * A flat record of everything that decides a jitted step's signature (containers by
 * identity and key, static values, variables and their avals, array avals), in property order.
 * `matches` re-walks the arguments comparing token by token, without building strings or
 * allocating, so a steady-state call skips recomputing the structure key. Arrays outside
 * modules are dynamic inputs (compared by aval); Arrays stored in module fields are baked into
 * the graph as constants, so they are compared by identity. Any difference (a new
 * field, a changed flag, a replaced variable, another shape) falls back to the full key.
 */
export class Fingerprint {
  private readonly tape: unknown[] = [];
  /** Containers already walked (a reused list, not a Set: clearing a Set shrinks it, so refilling it allocates every call). */
  private readonly seen: object[] = [];
  private seenCount = 0;

  private wasSeen(x: object): boolean {
    for (let i = 0; i < this.seenCount; i++) if (this.seen[i] === x) return true;
    return false;
  }

  private markSeen(x: object): void {
    this.seen[this.seenCount++] = x;
  }

  /**
   * The dynamic Array leaves (outside modules) found by the last successful `matches`, in walk
   * order: the first `leafCount` entries (the array is reused, so a call allocates nothing).
   */
  readonly leaves: Array[] = [];
  leafCount = 0;

  static record(args: readonly unknown[]): Fingerprint {
    // the argument list itself is a fresh array every call: record its length, then each argument
    const fp = new Fingerprint();
    fp.tape.push(args.length);
    for (const a of args) fp.walkRecord(a, 0, false);
    return fp;
  }

  private walkRecord(x: unknown, depth: number, inModule: boolean): void {
    const t = this.tape;
    if (x instanceof Variable) {
      t.push(x, x._array.aval);
      return;
    }
    if (x instanceof Array && !inModule) {
      t.push(Array, x.aval);
      return;
    }
    if (x === null || typeof x !== "object" || !isContainer(x) || depth > MAX_DEPTH || this.wasSeen(x)) {
      t.push(x);
      return;
    }
    this.markSeen(x);
    t.push(x);
    const nested = inModule || x instanceof Module;
    for (const k in x) {
      t.push(k);
      this.walkRecord((x as Record<string, unknown>)[k], depth + 1, nested);
    }
    t.push(END);
  }

  matches(args: readonly unknown[]): boolean {
    this.seenCount = 0;
    this.leafCount = 0;
    if (this.tape[0] !== args.length) return false;
    let p = 1;
    for (let i = 0; i < args.length && p > 0; i++) p = this.walkMatch(args[i], p, 0, false);
    return p === this.tape.length;
  }

  /** Returns the tape position after x, or -1 on the first difference. */
  private walkMatch(x: unknown, pos: number, depth: number, inModule: boolean): number {
    const t = this.tape;
    if (pos < 0 || pos >= t.length) return -1;
    if (x instanceof Variable) {
      return t[pos] === x && sameAval(t[pos + 1], x._array.aval) ? pos + 2 : -1;
    }
    if (x instanceof Array && !inModule) {
      if (t[pos] !== Array || !sameAval(t[pos + 1], x.aval)) return -1;
      this.leaves[this.leafCount++] = x;
      return pos + 2;
    }
    if (x === null || typeof x !== "object" || !isContainer(x) || depth > MAX_DEPTH || this.wasSeen(x)) {
      return t[pos] === x || (typeof x === "number" && Number.isNaN(x) && Number.isNaN(t[pos])) ? pos + 1 : -1;
    }
    if (t[pos] !== x) return -1;
    this.markSeen(x);
    const nested = inModule || x instanceof Module;
    let p = pos + 1;
    for (const k in x) {
      if (t[p] !== k) return -1;
      p = this.walkMatch((x as Record<string, unknown>)[k], p + 1, depth + 1, nested);
      if (p < 0) return -1;
    }
    return t[p] === END ? p + 1 : -1;
  }
}

function sameAval(a: unknown, b: ShapedArray): boolean {
  return a === b || (a instanceof ShapedArray && a.equals(b));
}

/**
 * A copy of `args` whose dynamic Array leaves (outside modules, in the same walk order as
 * Fingerprint) are replaced by `leaves`; modules and other objects are kept as they are.
 */
export function withLeaves(args: readonly unknown[], leaves: readonly Array[]): unknown[] {
  let i = 0;
  // a container met again was walked (and its leaves taken) once, as Fingerprint does: reuse its copy
  const copies = new Map<object, unknown>();
  const walk = (x: unknown): unknown => {
    if (x instanceof Array) return leaves[i++];
    if (x === null || typeof x !== "object" || x instanceof Module || x instanceof Variable || !isContainer(x)) return x;
    if (copies.has(x)) return copies.get(x);
    if (globalThis.Array.isArray(x)) {
      const out: unknown[] = [];
      copies.set(x, out);
      for (const e of x) out.push(walk(e));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(x, out);
    // own properties even for a key like "__proto__" (an assignment would set the prototype)
    for (const k in x) Object.defineProperty(out, k, { value: walk((x as Record<string, unknown>)[k]), writable: true, enumerable: true, configurable: true });
    return out;
  };
  return walk(args) as unknown[];
}

/**
 * The path of each dynamic Array leaf ([argument position, keys...]), in the order `withLeaves`
 * and `matches` take them: the names of a step's batch inputs in an exported signature.
 */
export function dynamicLeafPaths(args: readonly unknown[]): (string | number)[][] {
  const out: (string | number)[][] = [];
  const seen = new Set<object>();
  const walk = (x: unknown, path: (string | number)[]) => {
    if (x instanceof Array) {
      out.push(path);
      return;
    }
    if (x === null || typeof x !== "object" || x instanceof Module || x instanceof Variable || !isContainer(x) || seen.has(x)) return;
    seen.add(x);
    if (globalThis.Array.isArray(x)) x.forEach((e, i) => walk(e, [...path, i]));
    else for (const k in x) walk((x as Record<string, unknown>)[k], [...path, k]);
  };
  args.forEach((a, i) => walk(a, [i]));
  return out;
}
