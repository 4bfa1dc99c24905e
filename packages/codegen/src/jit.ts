import {
  Array, Array as KilnArray, FloatingPointError, ShapedArray, TraceError, argumentError, config, currentTrace, evalGraph, firstNonFinite, optionsOf,
  traceFlat, treeFlatten, treeUnflatten, type ClosedGraph, type TypedArray,
} from "@kiln/core";
import { exportGraph, leafPaths, type ExportOptions, type StablehloModule } from "@kiln/stablehlo";
import { compile, type CompileOptions, type Executable } from "./compile.js";
import { optimize } from "./passes/optimize.js";

export interface JitOptions {
  /** Positions of arguments passed to `f` as they are and made part of the cache key. */
  readonly staticArgnums?: readonly number[];
  readonly debug?: boolean;
  readonly name?: string;
  /**
   * Check every call's outputs for NaN or ±Infinity (default: config.debugNans). A call that
   * produces one throws a FloatingPointError naming the first op that did (found by replaying
   * the traced graph op by op, eagerly).
   */
  readonly debugNans?: boolean;
}

function checkJitArgs(f: unknown, options: unknown): void {
  if (typeof f !== "function") throw argumentError("jit", "f", `must be a function, got ${f === null ? "null" : typeof f}`);
  optionsOf("jit", options, ["staticArgnums", "debug", "name", "debugNans"]);
  const nums = (options as JitOptions).staticArgnums;
  if (nums !== undefined && (!globalThis.Array.isArray(nums) || nums.some((n) => !Number.isInteger(n) || n < 0))) {
    throw argumentError("jit", "staticArgnums", "must be a list of non-negative integer argument positions");
  }
}

/** What `jitted.lower(...args)` returns: the graphs and the compiled function for these arguments. */
export interface Lowered {
  readonly graph: ClosedGraph;
  readonly optimized: ClosedGraph;
  readonly executable: Executable;
  readonly source: string;
  /** The traced graph as a StableHLO module (`jax.jit(f).lower(...).as_text()`), with the arguments' pytree paths. */
  asStablehlo(options?: Pick<ExportOptions, "name" | "precision">): StablehloModule;
}

export interface Jitted<A extends unknown[], R> {
  (...args: A): R;
  /** Traces and compiles (or finds in the cache) for these arguments; ShapedArrays may stand for Arrays. */
  lower(...args: { [K in keyof A]: A[K] extends Array ? Array | ShapedArray : A[K] }): Lowered;
  /** Compiled signatures held. */
  readonly cacheSize: number;
  /** How many times `f` was traced (one per cache miss). */
  readonly traceCount: number;
  clearCache(): void;
}

/** Stands for a static argument during flattening, so its contents are never traced. */
class StaticArg {
  constructor(readonly value: unknown) {}
}

const objectIds = new WeakMap<object, number>();
const avalKeys = new WeakMap<ShapedArray, string>();

/** `f32[3,4]`, memoized per aval object (the cache key is built on every call). */
function avalKey(a: ShapedArray): string {
  let k = avalKeys.get(a);
  if (k === undefined) avalKeys.set(a, (k = String(a)));
  return k;
}
let nextObjectId = 0;

/** A key for a static value: primitives by value (-0 and NaN distinct), objects by identity. */
function staticKey(x: unknown): string {
  if (x instanceof StaticArg) return `static(${staticKey(x.value)})`;
  if (x === null || x === undefined) return String(x);
  if (typeof x === "object" || typeof x === "function") {
    let id = objectIds.get(x);
    if (id === undefined) objectIds.set(x, (id = nextObjectId++));
    return `#${id}`;
  }
  if (typeof x === "number") return Object.is(x, -0) ? "n:-0" : `n:${x}`;
  return `${typeof x}:${String(x)}`;
}

interface Entry {
  readonly graph: ClosedGraph;
  readonly optimized: ClosedGraph;
  readonly exe: Executable;
  readonly outAvals: readonly ShapedArray[];
}

/**
 * jit(f): traces `f` once per signature and runs the compiled function. The signature (cache
 * key) is the pytree structure of the arguments, the aval of every Array leaf, and the value
 * of every other leaf and static argument; any difference traces again. Called while another
 * function is being traced (jit inside grad or jit), `f` is simply inlined into that trace.
 */
export function jit<A extends unknown[], R>(f: (...args: A) => R, options: JitOptions = {}): Jitted<A, R> {
  checkJitArgs(f, options);
  const statics = new Set(options.staticArgnums ?? []);
  const cache = new Map<string, Entry>();
  let traceCount = 0;
  const name = options.name ?? (f.name || "jitted");
  const unbox = (args: unknown[]) => args.map((a) => (a instanceof StaticArg ? a.value : a)) as A;

  const flatTrees = new Map<number, ClosedGraph["inTree"]>();
  const signature = (args: A) => {
    if (statics.size === 0 && args.every((a) => a instanceof Array)) {
      // fast path for the common call f(array, array, ...): no tree walk
      let inTree = flatTrees.get(args.length);
      if (!inTree) flatTrees.set(args.length, (inTree = treeFlatten(args)[1]));
      let key = inTree.key;
      for (const a of args as Array[]) key += `|${avalKey(a.aval)}`;
      return { leaves: args as unknown[], inTree, key };
    }
    const boxed = statics.size === 0 ? args : args.map((a, i) => (statics.has(i) ? new StaticArg(a) : a));
    const [leaves, inTree] = treeFlatten(boxed);
    let key = inTree.key;
    for (const l of leaves) key += l instanceof Array ? `|${avalKey(l.aval)}` : l instanceof ShapedArray ? `|${avalKey(l)}` : `|${staticKey(l)}`;
    return { leaves, inTree, key };
  };

  const build = (leaves: unknown[], inTree: ClosedGraph["inTree"]): Entry => {
    traceCount++;
    const graph = traceFlat((...a: unknown[]) => f(...unbox(a)), leaves, inTree, (l) => !(l instanceof Array || l instanceof ShapedArray));
    const optimized = optimize(graph, { debug: options.debug });
    const compileOptions: CompileOptions = { debug: options.debug, name, optimize: false };
    return { graph, optimized, exe: compile(optimized, compileOptions), outAvals: optimized.outputs.map((a) => a.aval) };
  };

  const lookup = (args: A): [Entry, unknown[]] => {
    const { leaves, inTree, key } = signature(args);
    let entry = cache.get(key);
    if (!entry) {
      entry = build(leaves, inTree);
      cache.set(key, entry);
    }
    return [entry, leaves];
  };

  const jitted = ((...args: A): R => {
    if (currentTrace() !== null) return f(...args);
    const [entry, leaves] = lookup(args);
    const inputs: TypedArray[] = [];
    for (const l of leaves) {
      if (l instanceof Array) inputs.push(l.concrete(name));
      else if (l instanceof ShapedArray) throw new TraceError(`${name}: a ShapedArray (${l}) has no values to run on; pass it to .lower() instead`);
    }
    const outs = entry.exe.run(inputs);
    if (options.debugNans ?? config.debugNans) checkNans(entry, inputs, outs, name);
    const results = outs.map((data, i) => new KilnArray(entry.outAvals[i]!, data));
    const outTree = entry.optimized.outTree;
    return (outTree.kind === "leaf" ? results[0] : treeUnflatten(outTree, results)) as R;
  }) as Jitted<A, R>;

  jitted.lower = (...args): Lowered => {
    const [entry, leaves] = lookup(args as A);
    const { graph } = entry;
    const asStablehlo = (o: Pick<ExportOptions, "name" | "precision"> = {}) => {
      const inputPaths = leafPaths(graph.inTree, "args").filter((_, i) => leaves[i] instanceof Array || leaves[i] instanceof ShapedArray);
      return exportGraph(graph, { name: `jit_${name}`, ...o, inputPaths, outputPaths: leafPaths(graph.outTree, "result") });
    };
    return { graph, optimized: entry.optimized, executable: entry.exe, source: entry.exe.source, asStablehlo };
  };
  jitted.clearCache = () => cache.clear();
  Object.defineProperty(jitted, "cacheSize", { get: () => cache.size });
  Object.defineProperty(jitted, "traceCount", { get: () => traceCount });
  return jitted;
}

/**
 * debugNans: the compiled function wrote fresh output buffers (jit never runs in place), so
 * nothing has changed yet. On a NaN or Infinity in a float32 output, replay the traced graph
 * op by op with eager debugNans on, which throws naming the first op that produced one.
 */
function checkNans(entry: Entry, inputs: readonly TypedArray[], outs: readonly TypedArray[], name: string): void {
  const bad = outs.findIndex((o, i) => entry.outAvals[i]!.dtype === "float32" && firstNonFinite(o) !== null);
  if (bad < 0) return;
  const { graph } = entry;
  const args = inputs.map((buf, i) => new KilnArray(graph.inputs[i]!.aval, buf));
  const saved = config.debugNans;
  config.update("debugNans", true);
  try {
    evalGraph(graph, graph.constValues, args); // throws naming the op
  } finally {
    config.update("debugNans", saved);
  }
  const value = firstNonFinite(outs[bad]!)!.value;
  const out = graph.outputs[bad];
  const passthrough = out !== undefined && (out.kind === "literal" || graph.inputs.includes(out) || graph.constVars.includes(out));
  throw new FloatingPointError(
    passthrough
      ? `debugNans: output ${bad} of ${name} is ${value}, passed through unchanged from an input or constant (no op produced it)`
      : `debugNans: ${name} produced ${value} in output ${bad}, which the op-by-op replay did not reproduce`,
  );
}
