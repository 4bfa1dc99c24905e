import { ArgumentError, ClosedGraph, printGraph, verifyGraph, type Graph, type TypedArray } from "@kiln/core";
import { debugEnabled, debugLog } from "./debug.js";
import { printPlan } from "./fusion/print-plan.js";
import { lowerProgram } from "./lower/program.js";
import { optimize, type OptimizeOptions } from "./passes/optimize.js";
import { schedule } from "./plan/schedule.js";
import { runtime, type Runtime } from "./runtime.js";

export interface CompileOptions {
  /**
   * In-place outputs: output k's values end up in the buffer passed as input j (j indexes
   * graph.inputs, not counting constVars), and run() returns that same buffer at position k.
   */
  readonly inPlace?: ReadonlyMap<number, number>;
  /** Print each pass's graph, the plan and the source to stderr (also KILN_DEBUG=1). */
  readonly debug?: boolean;
  /** A label for debug output and the function's `name` (never part of the generated source). */
  readonly name?: string;
  /** Run the optimization passes first (default true), or with these options. */
  readonly optimize?: boolean | OptimizeOptions;
}

/** A compiled graph: one specialized JavaScript function and what it was made from. */
export interface Executable {
  readonly name: string;
  /**
   * Runs the function on the constVars' buffers then the inputs', in graph order. For a
   * ClosedGraph the constants are bound at compile time, so the inputs alone may be passed.
   */
  run(inputs: readonly TypedArray[]): TypedArray[];
  /** The generated JavaScript (the body of `new Function("rt", source)`). */
  readonly source: string;
  /** The printed graph as given, and after optimization. */
  readonly graph: string;
  readonly optimizedGraph: string;
  /** The printed fusion plan (kernels and what each stores). */
  readonly plan: string;
}

type Compiled = (args: readonly TypedArray[]) => TypedArray[];

const arrayTypes = { float32: Float32Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array } as const;

export function compile(graph: ClosedGraph | Graph, options: CompileOptions = {}): Executable {
  const debug = debugEnabled(options.debug);
  const name = options.name ?? "kiln_fn";
  const opt = options.optimize ?? true;
  const g = opt === false ? graph : optimize(graph, { debug, ...(typeof opt === "object" ? opt : {}) });
  verifyGraph(g);
  const sched = schedule(g, options.inPlace);
  const { source } = lowerProgram(sched);
  const plan = printPlan(sched.fusion, sched.kernels);
  if (debug) debugLog(`${name}: plan`, plan);
  if (debug) debugLog(`${name}: generated source`, source);
  const fn = (new Function("rt", source) as (rt: Runtime) => Compiled)(runtime);
  Object.defineProperty(fn, "name", { value: name });
  const expected = [...g.constVars, ...g.inputs].map((v) => v.aval);
  const types = expected.map((a) => arrayTypes[a.dtype]);
  const consts = graph instanceof ClosedGraph ? boundConsts(graph, name) : null;
  return {
    name,
    source,
    graph: printGraph(graph),
    optimizedGraph: printGraph(g),
    plan,
    run(given) {
      const inputs = consts && consts.length > 0 && given.length === expected.length - consts.length ? consts.concat(given) : given;
      if (inputs.length !== expected.length) throw new ArgumentError(`${name}: expected ${expected.length} input buffers (constants then inputs), got ${inputs.length}`);
      for (let i = 0; i < inputs.length; i++) {
        const a = expected[i]!;
        const x = inputs[i]!;
        if (x.length !== a.size || !(x instanceof types[i]!)) {
          throw new ArgumentError(`${name}: input buffer ${i} must be a ${a} buffer of ${a.size} elements, got ${x.constructor.name}(${x.length})`);
        }
      }
      return fn(inputs);
    },
  };
}

function boundConsts(g: ClosedGraph, name: string): TypedArray[] {
  return g.constValues.map((a, i) => {
    if (a._data === null) throw new ArgumentError(`${name}: constant ${i} (${a.aval}) is a tracer of another trace and cannot be compiled in`);
    return a._data;
  });
}
