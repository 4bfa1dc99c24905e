import { compile, type Executable } from "@kiln/codegen";
import {
  Array, ClosedGraph, FloatingPointError, KilnError, config, currentTrace, evalGraph, firstNonFinite, treeFlatten, treeUnflatten,
  withNewTrace, type Atom, type TypedArray, type Var,
} from "@kiln/core";
import { exportGraph, leafPaths, type ExportOptions, type StablehloModule } from "@kiln/stablehlo";
import { pathToString, structureKey, variablesOf, type Path } from "../module.js";
import type { Variable } from "../variable.js";
import { Fingerprint, dynamicLeafPaths, withLeaves } from "./fingerprint.js";

export interface NnxJitOptions {
  /** Print the graphs and generated source of each compilation to stderr (also KILN_DEBUG=1). */
  debug?: boolean;
  /**
   * Check every step for NaN or ±Infinity (default: config.debugNans). A step that produces one
   * throws a FloatingPointError naming the first op that did, and leaves every variable as it was.
   */
  debugNans?: boolean;
}

/** One compiled signature: the executable and how its inputs and outputs map to holders. */
interface CompiledStep {
  readonly exe: Executable;
  readonly graph: ClosedGraph;
  readonly vars: readonly Variable[];
  /** Indices (into vars) of the variables the step replaces, in output order after the user's outputs. */
  readonly updated: readonly number[];
  readonly userOutputs: number;
  readonly fingerprint: Fingerprint;
  /** Reused input list: the variables' buffers, then the dynamic leaves' buffers. */
  readonly inputs: TypedArray[];
  /** Indices (into vars) of the variables device kernels use: their buffers live in the device's memory. */
  readonly residentVars: readonly number[];
  /** For each variable, whether a device kernel uses it (residentVars as flags, for the per-call loop). */
  readonly resident: readonly boolean[];
  /** Indices (into the dynamic leaves) of the batch arrays device kernels read. */
  readonly residentLeaves: readonly number[];
  /** The same graph compiled without in-place outputs, for debugNans (compiled on first use). */
  checked?: Executable;
  /**
   * For graphs whose compiled code can throw after writing in place (an out-of-range take or
   * scatter_add index): one buffer per updated variable, allocated once, holding its values
   * from before the run so a failed step can put them back. Null for other graphs.
   */
  readonly guard: TypedArray[] | null;
}

export interface StepExportOptions extends Pick<ExportOptions, "name" | "precision"> {
  /** Names of the step's arguments in the signature's paths (default `arg0`, `arg1`, ...): `["model", "optimizer", "x", "y"]`. */
  readonly argNames?: readonly string[];
}

export interface LoweredStep {
  readonly graph: ClosedGraph;
  readonly source: string;
  readonly optimized: string;
  readonly plan: string;
  /** The compiled step. */
  readonly executable: Executable;
  /**
   * The whole step as a StableHLO module: every variable is an explicit input (in the order of
   * the arguments' variables), then the step's Array arguments; the outputs are the step's own
   * outputs, then the new value of each variable it changed (`updates` in the signature names
   * the input it replaces; `variable` the Variable type of each state input). Paths are the
   * variables' nnx paths under the argument names.
   */
  asStablehlo(options?: StepExportOptions): StablehloModule;
}

export interface JittedStep<A extends unknown[], R> {
  (...args: A): R;
  /** Traces and compiles for these arguments (without running) and returns the graphs and source. */
  lower(...args: A): LoweredStep;
  /** Number of compiled signatures held. */
  readonly cacheSize: number;
  /** Number of times the function was traced. */
  readonly traceCount: number;
}

/**
 * nnx.jit(step): compiles the whole step (forward, backward and optimizer update) into one
 * JavaScript function per signature. Every Variable reachable from the arguments (model,
 * optimizer, rngs) becomes a graph input; those the step replaces become outputs written back
 * into the holders' buffers in place. The signature is the arguments' structure: module classes
 * and fields, variable types and avals, static values, array avals. Arrays outside modules are
 * traced inputs; anything else (numbers, strings, Arrays stored in module fields) is static.
 */
export function jit<A extends unknown[], R>(f: (...args: A) => R, options: NnxJitOptions = {}): JittedStep<A, R> {
  const cache = new Map<string, CompiledStep>();
  let last: CompiledStep | null = null;
  let traceCount = 0;

  const build = (args: A): CompiledStep => {
    traceCount++;
    const vars = variablesOf(args);
    const fingerprint = Fingerprint.record(args);
    fingerprint.matches(args); // collects the dynamic leaves in walk order
    const leaves = fingerprint.leaves.slice(0, fingerprint.leafCount);
    const { graph, updated } = traceStep(f, args, vars, leaves);
    const userOutputs = graph.outputs.length - updated.length;
    const inPlace = new Map(updated.map((varIndex, k) => [userOutputs + k, varIndex] as const));
    const exe = compile(graph, { inPlace, debug: options.debug, name: f.name || "step" });
    const inputs = new globalThis.Array<TypedArray>(vars.length + leaves.length);
    const nConst = graph.constVars.length;
    const residentInputs = exe.residentInputs.map((p) => p - nConst);
    const residentVars = residentInputs.filter((i) => i >= 0 && i < vars.length);
    const residentLeaves = residentInputs.filter((i) => i >= vars.length).map((i) => i - vars.length);
    const mayThrow = graph.eqns.some((e) => e.op === "take" || e.op === "scatter_add");
    const guard = mayThrow ? updated.map((i) => vars[i]![1]._array.toTypedArray()) : null;
    return { exe, graph, vars: vars.map(([, v]) => v), updated, userOutputs, fingerprint, inputs, residentVars, resident: vars.map((_, i) => residentVars.includes(i)), residentLeaves, guard };
  };

  const lookup = (args: A): CompiledStep => {
    if (last !== null && last.fingerprint.matches(args)) return last;
    const key = structureKey(args);
    let step = cache.get(key);
    if (!step) {
      step = build(args);
      cache.set(key, step);
    } else if (!step.fingerprint.matches(args)) {
      // same structure through other objects (a new model of the same shape): re-record
      const fresh = { ...step, vars: variablesOf(args).map(([, v]) => v), fingerprint: Fingerprint.record(args) };
      fresh.fingerprint.matches(args);
      step = fresh;
      cache.set(key, step);
    }
    last = step;
    return step;
  };

  const jitted = ((...args: A): R => {
    if (currentTrace() !== null) return f(...args); // inside an outer trace: inline
    const step = lookup(args);
    if (options.debugNans ?? config.debugNans) return runChecked(step, options, f.name) as R;
    // copy-on-write: a buffer about to be written in place must not be visible outside its holder
    for (const i of step.updated) {
      const v = step.vars[i]!;
      if (v._shared) v._setOwned(new Array(v._array.aval, step.resident[i] ? step.exe.toResident(v._array._data!) : v._array.toTypedArray()));
    }
    moveToDeviceMemory(step);
    const outs = step.guard === null ? step.exe.run(fillInputs(step)) : runGuarded(step);
    const outputs = step.graph.outputs;
    if (step.userOutputs === 1 && step.graph.outTree.kind === "leaf") return new Array(outputs[0]!.aval, outs[0]!) as R;
    const user = outs.slice(0, step.userOutputs).map((data, i) => new Array(outputs[i]!.aval, data));
    return treeUnflatten(step.graph.outTree, user) as R;
  }) as JittedStep<A, R>;

  jitted.lower = (...args: A): LoweredStep => {
    const step = build(args);
    const asStablehlo = (o: StepExportOptions = {}) => exportStep(step, args, f.name, o);
    return { graph: step.graph, source: step.exe.source, optimized: step.exe.optimizedGraph, plan: step.exe.plan, executable: step.exe, asStablehlo };
  };
  Object.defineProperty(jitted, "cacheSize", { get: () => cache.size });
  Object.defineProperty(jitted, "traceCount", { get: () => traceCount });
  return jitted;
}

function exportStep(step: CompiledStep, args: readonly unknown[], fnName: string, options: StepExportOptions): StablehloModule {
  const { argNames, ...rest } = options;
  const named = (path: readonly (string | number)[]) => pathToString([argNames?.[path[0] as number] ?? `arg${path[0]}`, ...path.slice(1)]);
  const vars = variablesOf(args);
  const inputPaths = [...vars.map(([p]) => named(p)), ...dynamicLeafPaths(args).map(named)];
  const variables = new Map(vars.map(([, v], i) => [i, v.constructor.name] as const));
  const outputPaths = [...leafPaths(step.graph.outTree, "result").slice(0, step.userOutputs), ...step.updated.map((i) => inputPaths[i]!)];
  const updates = new Map(step.updated.map((varIndex, k) => [step.userOutputs + k, varIndex] as const));
  return exportGraph(step.graph, { name: `jit_${fnName || "step"}`, ...rest, inputPaths, outputPaths, updates, variables });
}

/**
 * Device kernels (wasm) read and write buffers in the device's memory. A variable they use whose
 * buffer is elsewhere (a fresh parameter, a value set with `.value = ...`) gets a copy there,
 * once; its holder owns the copy, so every later step runs on it in place and nothing is copied
 * per step. The executable says which inputs and which buffers are resident.
 */
function moveToDeviceMemory(step: CompiledStep): void {
  const exe = step.exe;
  for (const i of step.residentVars) {
    const v = step.vars[i]!;
    const data = v._array._data!;
    if (!exe.isResident(data)) v._setOwned(new Array(v._array.aval, exe.toResident(data)));
  }
  // A batch array is immutable, so it can move into device memory for good: the same batch next
  // step (or in the next epoch) is not copied again. The copy is freed with the Array.
  const leaves = step.fingerprint.leaves;
  for (const i of step.residentLeaves) {
    const a = leaves[i]!;
    if (!exe.isResident(a._data!)) a._rebase(exe.toResident(a._data!));
  }
}

/** Runs a step whose code may throw mid-way; on a throw, every variable written in place gets its old values back. */
function runGuarded(step: CompiledStep): TypedArray[] {
  const guard = step.guard!;
  step.updated.forEach((i, k) => guard[k]!.set(step.vars[i]!._array._data!));
  try {
    return step.exe.run(fillInputs(step));
  } catch (e) {
    step.updated.forEach((i, k) => step.vars[i]!._array._data!.set(guard[k]!));
    throw e;
  }
}

function fillInputs(step: CompiledStep): TypedArray[] {
  const inputs = step.inputs;
  const nv = step.vars.length;
  for (let i = 0; i < nv; i++) inputs[i] = step.vars[i]!._array._data!;
  const { leaves, leafCount } = step.fingerprint;
  for (let i = 0; i < leafCount; i++) inputs[nv + i] = leaves[i]!._data!;
  return inputs;
}

/**
 * debugNans: run the step into fresh buffers, check every float output, and only then write the
 * variables. On a NaN or Infinity, replay the traced graph op by op to name the op, and throw
 * with every variable untouched.
 */
function runChecked(step: CompiledStep, options: NnxJitOptions, name: string): unknown {
  step.checked ??= compile(step.graph, { debug: options.debug, name: `${name || "step"}_checked` });
  const inputs = fillInputs(step);
  const outs = step.checked.run(inputs);
  const outputs = step.graph.outputs;
  const bad = outs.findIndex((o, i) => outputs[i]!.aval.dtype === "float32" && firstNonFinite(o) !== null);
  if (bad >= 0) {
    const args = inputs.map((buf, i) => new Array(step.graph.inputs[i]!.aval, buf));
    const saved = config.debugNans;
    config.update("debugNans", true);
    try {
      evalGraph(step.graph, step.graph.constValues, args); // throws naming the op
    } finally {
      config.update("debugNans", saved);
    }
    throw new FloatingPointError(`debugNans: the compiled step produced a non-finite value in output ${bad}, which the op-by-op replay did not reproduce`);
  }
  step.updated.forEach((varIndex, k) => step.vars[varIndex]!._setOwned(new Array(outputs[step.userOutputs + k]!.aval, outs[step.userOutputs + k]!)));
  const user = outs.slice(0, step.userOutputs).map((data, i) => new Array(outputs[i]!.aval, data));
  return treeUnflatten(step.graph.outTree, user);
}

/**
 * Traces the step with every variable and dynamic leaf replaced by a tracer. Holders are
 * restored afterwards (even if the step throws); the variables the step replaced become
 * extra outputs.
 */
function traceStep<A extends unknown[]>(f: (...args: A) => unknown, args: A, vars: [Path, Variable][], leaves: Array[]): { graph: ClosedGraph; updated: number[] } {
  return withNewTrace((trace) => {
    const inputs: Var[] = [];
    const fresh = (a: Array) => {
      const v = trace.vars.fresh(a.aval);
      inputs.push(v);
      return trace.tracer(v);
    };
    const saved = vars.map(([, v]) => [v._array, v._shared] as const);
    const entry = vars.map(([, v]) => (v._array = fresh(v._array)));
    const tracedArgs = withLeaves(args, leaves.map(fresh)) as A;
    let result: unknown;
    let finals: Array[];
    try {
      result = f(...tracedArgs);
      finals = vars.map(([, v]) => v._array);
    } finally {
      vars.forEach(([, v], i) => {
        v._array = saved[i]![0];
        v._shared = saved[i]![1];
      });
    }
    const [outLeaves, outTree] = treeFlatten(result);
    const outputs: Atom[] = outLeaves.map((l, i) => {
      if (!(l instanceof Array)) {
        throw new KilnError(`nnx.jit: the step must return Arrays (or nothing); output leaf ${i} is ${l === null ? "null" : typeof l}. Do not return the model or optimizer: they are updated in place`);
      }
      return trace.atomFor(l);
    });
    const updated: number[] = [];
    finals.forEach((a, i) => {
      if (a === entry[i]) return;
      const [path, v] = vars[i]!;
      if (!a.aval.equals(v._array.aval)) {
        throw new KilnError(`nnx.jit: the step changed '${pathToString(path)}' from ${v._array.aval} to ${a.aval}; variables must keep their shape and dtype`);
      }
      updated.push(i);
      outputs.push(trace.atomFor(a));
    });
    const inTree = treeFlatten(args)[1];
    return { graph: new ClosedGraph(trace.constVars, trace.constValues, inputs, trace.eqns, outputs, inTree, outTree), updated };
  });
}
