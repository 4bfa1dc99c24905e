import { ArgumentError, ClosedGraph, printGraph, verifyGraph, type Graph, type TypedArray } from "@kiln/core";
import { debugEnabled, debugLog } from "./debug.js";
import { printPlan } from "./plan/print.js";
import { lowerProgram } from "./lower/program.js";
import { optimize, type OptimizeOptions } from "./passes/optimize.js";
import { schedule, type Schedule } from "./plan/schedule.js";
import { runtime, type Runtime } from "./runtime.js";
import { wasmFeatures } from "./wasm/features.js";
import { arena } from "./wasm/memory.js";
import type { Backend } from "./wasm/plan.js";
import type { WasmGlue } from "./wasm/program.js";

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
  /**
   * Where kernels run: `auto` (default) lets the cost model move large float32 dots (with their
   * epilogues) and large float32 elementwise kernels to WebAssembly SIMD, `js` keeps everything JavaScript, `wasm` lowers every kernel
   * that has a wasm form to wasm whatever its size. Default: KILN_BACKEND, else `auto`; an engine
   * without SIMD128 always gets `js`.
   */
  readonly backend?: Backend;
  /**
   * Wasm dots accumulate in f64x2 and round once, giving the JS path's bits (about 3x slower than
   * the default float32 accumulation; for tests). Default: KILN_WASM_EXACT=1.
   */
  readonly wasmExact?: boolean;
  /**
   * Relaxed SIMD's multiply-add (an FMA on x64) in wasm dots. Default: where the engine has it
   * (features.ts; KILN_RELAXED_SIMD=0 turns it off); false forces a multiply then an add.
   */
  readonly relaxedSimd?: boolean;
  /**
   * Let wasm kernels of at least PARALLEL_MIN_MACS multiply-adds (or `minMacs`) split their rows
   * across the worker-thread pool (default true; KILN_THREADS=1 means one thread).
   */
  readonly threads?: boolean | { readonly minMacs: number };
}

/** What the wasm lowering did for an executable (null: every kernel is JavaScript). */
export interface WasmInfo {
  readonly kernels: number;
  readonly exact: boolean;
  /** Whether its dots multiply-add with relaxed SIMD (fused on x64). */
  readonly relaxedSimd: boolean;
  readonly moduleBytes: number;
  /** The encoded module. */
  readonly binary: Uint8Array;
  readonly compileMs: number;
  /** Argument positions (constVars then inputs) the wasm kernels use: such buffers are copied into
   * the wasm memory on each call unless they already live there (see `toWasmMemory`). */
  readonly arenaInputs: readonly number[];
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
  readonly wasm: WasmInfo | null;
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
  const backend = wasmFeatures().simd ? options.backend ?? envBackend() : "js";
  const exact = options.wasmExact ?? process.env["KILN_WASM_EXACT"] === "1";
  const relaxed = !exact && wasmFeatures().relaxedSimd && (options.relaxedSimd ?? true);
  const { source, wasm } = lowerProgram(sched, { backend, exact, relaxed });
  // the printed plan and graphs are only read by debug output, inspect and tests: print on demand
  let plan: string | null = null;
  const planText = () => (plan ??= printPlan(sched.fusion, sched.kernels));
  if (debug) debugLog(`${name}: plan`, planText());
  if (debug) debugLog(`${name}: generated source`, source);
  const instance = wasm ? wasm.program.instantiate(options.threads ?? true) : null;
  const glue = instance?.glue ?? null;
  if (debug && wasm) debugLog(`${name}: wasm`, `${wasm.kernelOf.size} kernels, ${wasm.program.moduleBytes} bytes, ${wasm.program.compileMs.toFixed(2)} ms`);
  const inner = (new Function("rt", "wasm", source) as (rt: Runtime, w: WasmGlue | null) => Compiled)(runtime, glue);
  const fn = wasm ? withStaging(inner, wasm.arenaInputs, wasm.arenaOutputs, sched.results) : inner;
  // the wasm memory this function's scratch and workspaces use is freed once it is collected
  instance?.releaseWith(fn);
  Object.defineProperty(fn, "name", { value: name });
  const expected = [...g.constVars, ...g.inputs].map((v) => v.aval);
  const types = expected.map((a) => arrayTypes[a.dtype]);
  const sizes = expected.map((a) => a.size);
  const consts = graph instanceof ClosedGraph ? boundConsts(graph, name) : null;
  const withConsts = consts !== null && consts.length > 0 ? { bound: consts.length, list: [...consts] } : null;
  const exe: Executable = {
    name,
    wasm: wasm && {
      kernels: wasm.kernelOf.size,
      exact,
      relaxedSimd: relaxed,
      moduleBytes: wasm.program.moduleBytes,
      binary: wasm.program.binary,
      compileMs: wasm.program.compileMs,
      arenaInputs: [...wasm.arenaInputs].sort((a, b) => a - b),
    },
    source,
    get graph() {
      return printGraph(graph);
    },
    get optimizedGraph() {
      return printGraph(g);
    },
    get plan() {
      return planText();
    },
    run(given) {
      let inputs = given;
      if (withConsts !== null && given.length === expected.length - withConsts.bound) {
        // the bound constants stay in place; only the call's inputs are written after them
        for (let i = 0; i < given.length; i++) withConsts.list[withConsts.bound + i] = given[i]!;
        inputs = withConsts.list;
      }
      if (inputs.length !== expected.length) throw new ArgumentError(`${name}: expected ${expected.length} input buffers (constants then inputs), got ${inputs.length}`);
      for (let i = 0; i < inputs.length; i++) {
        const a = expected[i]!;
        const x = inputs[i]!;
        if (x.length !== sizes[i] || !(x instanceof types[i]!)) {
          throw new ArgumentError(`${name}: input buffer ${i} must be a ${a} buffer of ${a.size} elements, got ${x.constructor.name}(${x.length})`);
        }
      }
      return fn(inputs);
    },
  };
  return exe;
}

function envBackend(): Backend {
  const b = process.env["KILN_BACKEND"];
  return b === "js" || b === "wasm" ? b : "auto";
}

/**
 * Around a function with wasm kernels: an argument the kernels use that is not in the wasm
 * memory is copied into a staging buffer there (allocated once per position), and copied back
 * if the step writes it in place; a fresh output a wasm kernel wrote is copied out of the
 * memory (the executable reuses that buffer on the next call).
 */
function withStaging(fn: Compiled, inputs: ReadonlySet<number>, outputs: ReadonlySet<number>, results: Schedule["results"]): Compiled {
  const ar = arena();
  const staging = new Map<number, TypedArray>();
  const inputPositions = [...inputs];
  const outputPositions = [...outputs];
  const writtenInputs = new Set(results.flatMap((r) => (r.kind === "input" ? [r.index] : [])));
  return (given) => {
    let args = given;
    let staged: [number, TypedArray, TypedArray][] | null = null;
    for (const i of inputPositions) {
      const x = given[i]!;
      if (ar.owns(x)) continue;
      let s = staging.get(i);
      if (!s) staging.set(i, (s = ar.copyIn(x)));
      else s.set(x as never);
      if (args === given) args = given.slice();
      (args as TypedArray[])[i] = s;
      (staged ??= []).push([i, x, s]);
    }
    const outs = fn(args);
    for (const k of outputPositions) outs[k] = outs[k]!.slice();
    if (staged) {
      for (const [i, x, s] of staged) {
        if (!writtenInputs.has(i)) continue;
        x.set(s as never);
        for (let k = 0; k < outs.length; k++) if (outs[k] === s) outs[k] = x;
      }
    }
    return outs;
  };
}

function boundConsts(g: ClosedGraph, name: string): TypedArray[] {
  return g.constValues.map((a, i) => {
    if (a._data === null) throw new ArgumentError(`${name}: constant ${i} (${a.aval}) is a tracer of another trace and cannot be compiled in`);
    return a._data;
  });
}
