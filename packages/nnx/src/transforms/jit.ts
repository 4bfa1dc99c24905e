import { compile, type Executable } from "@kiln/codegen";
import { Array, ClosedGraph, KilnError, currentTrace, treeFlatten, treeUnflatten, withNewTrace, type Atom, type Var } from "@kiln/core";
import { pathToString, structureKey, variablesOf, type Path } from "../module.js";
import type { Variable } from "../variable.js";

export interface NnxJitOptions {
  /** Print the graphs and generated source of each compilation to stderr. */
  debug?: boolean;
}

/** One compiled signature: the executable and how its inputs and outputs map to holders. */
interface CompiledStep {
  readonly exe: Executable;
  readonly graph: ClosedGraph;
  /** For each updated variable (by index in the variable list), its output index. */
  readonly updated: readonly number[];
  readonly userOutputs: number;
  readonly outTree: ClosedGraph["outTree"];
}

export interface JittedStep<A extends unknown[], R> {
  (...args: A): R;
  /** Traces and compiles for these arguments (without running) and returns the graphs and source. */
  lower(...args: A): { graph: ClosedGraph; source: string; optimized: string };
  /** Number of compiled signatures held. */
  readonly cacheSize: number;
  /** Number of times the function was traced. */
  readonly traceCount: number;
}

const isArrayLeaf = (x: unknown): x is Array => x instanceof Array;

/**
 * nnx.jit(step): compiles the whole step (forward, backward and optimizer update) into one
 * JavaScript function per signature. Every Variable reachable from the arguments (model,
 * optimizer, rngs) becomes a graph input; those the step replaces become outputs written back
 * into the holders' buffers in place. The signature is the arguments' structure: module classes
 * and fields, variable types and avals, static values, array avals.
 */
export function jit<A extends unknown[], R>(f: (...args: A) => R, options: NnxJitOptions = {}): JittedStep<A, R> {
  const cache = new Map<string, CompiledStep>();
  let traceCount = 0;

  const build = (args: A, vars: [Path, Variable][], leaves: unknown[], inTree: ClosedGraph["inTree"]): CompiledStep => {
    traceCount++;
    const graph = withNewTrace((trace) => {
      const inputs: Var[] = [];
      const fresh = (a: Array) => {
        const v = trace.vars.fresh(a.aval);
        inputs.push(v);
        return trace.tracer(v);
      };
      const saved = vars.map(([, v]) => v._array);
      const entry = vars.map(([, v]) => (v._array = fresh(v._array)));
      const tracedLeaves = leaves.map((l) => (isArrayLeaf(l) ? fresh(l) : l));
      let result: unknown;
      let finals: Array[];
      try {
        result = f(...(treeUnflatten(inTree, tracedLeaves) as A));
        finals = vars.map(([, v]) => v._array);
      } finally {
        vars.forEach(([, v], i) => (v._array = saved[i]!));
      }
      const [outLeaves, outTree] = treeFlatten(result);
      const outputs: Atom[] = outLeaves.map((l, i) => {
        if (!(l instanceof Array)) throw new KilnError(`nnx.jit: the step must return Arrays (or nothing); output leaf ${i} is ${typeof l}. Do not return the model or optimizer: they are updated in place`);
        return trace.atomFor(l);
      });
      const updated: number[] = [];
      finals.forEach((a, i) => {
        if (a === entry[i]) return;
        const [path, v] = vars[i]!;
        if (!a.aval.equals(v._array.aval)) throw new KilnError(`nnx.jit: the step changed '${pathToString(path)}' from ${v._array.aval} to ${a.aval}; variables must keep their shape and dtype`);
        updated.push(i);
        outputs.push(trace.atomFor(a));
      });
      const g = new ClosedGraph(trace.constVars, trace.constValues, inputs, trace.eqns, outputs, inTree, outTree);
      return Object.assign(g, { updatedVars: updated });
    });
    const updated = (graph as ClosedGraph & { updatedVars: number[] }).updatedVars;
    const userOutputs = graph.outputs.length - updated.length;
    const inPlace = new Map(updated.map((varIndex, k) => [userOutputs + k, varIndex] as const));
    const exe = compile(graph, { inPlace, debug: options.debug ?? process.env["KILN_DEBUG"] === "1", name: f.name || "step" });
    return { exe, graph, updated, userOutputs, outTree: graph.outTree };
  };

  const prepare = (args: A) => {
    const vars = variablesOf(args);
    const [leaves, inTree] = treeFlatten(args);
    const key = structureKey(args);
    return { vars, leaves, inTree, key };
  };

  const jitted = ((...args: A): R => {
    if (currentTrace() !== null) return f(...args); // inside an outer trace: inline
    const { vars, leaves, inTree, key } = prepare(args);
    let step = cache.get(key);
    if (!step) {
      step = build(args, vars, leaves, inTree);
      cache.set(key, step);
    }
    // copy-on-write: a buffer about to be written in place must not be visible outside its holder
    for (const i of step.updated) {
      const v = vars[i]![1];
      if (v._shared) v._setOwned(new Array(v._array.aval, v._array.toTypedArray()));
    }
    const inputs = [...vars.map(([, v]) => v._array._data!), ...leaves.filter(isArrayLeaf).map((a) => a._data!)];
    const outs = step.exe.run(inputs);
    const user = outs.slice(0, step.userOutputs).map((data, i) => new Array(step!.graph.outputs[i]!.aval, data));
    return treeUnflatten(step.outTree, user) as R;
  }) as JittedStep<A, R>;

  jitted.lower = (...args: A) => {
    const { vars, leaves, inTree } = prepare(args);
    const step = build(args, vars, leaves, inTree);
    return { graph: step.graph, source: step.exe.source, optimized: step.exe.optimizedGraph };
  };
  Object.defineProperty(jitted, "cacheSize", { get: () => cache.size });
  Object.defineProperty(jitted, "traceCount", { get: () => traceCount });
  return jitted;
}
