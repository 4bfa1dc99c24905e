import { ArgumentError, ClosedGraph, printGraph, verifyGraph, type Graph, type TypedArray } from "@kiln/core";
import { settings } from "@kiln/platform";
import type { BackendChoice } from "./backend/choice.js";
import type { DeviceProgram, DeviceSummary, HostFunction } from "./backend/placement.js";
import { debugEnabled, debugLog } from "./debug.js";
import { emitHostProgram } from "./js/program.js";
import { optimize, type OptimizeOptions } from "./passes/optimize.js";
import { printSchedule } from "./plan/print.js";
import { schedule } from "./plan/schedule.js";
import { runtime, type Runtime } from "./runtime.js";
import { wasmBackend } from "./wasm/backend.js";
import { wasmFeatures } from "./wasm/features.js";

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
   * Where kernels run (backend/choice.ts). Default: KILN_BACKEND, else `auto`; an engine without
   * SIMD128 always gets `js`.
   */
  readonly backend?: BackendChoice;
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

/** What the wasm backend runs of an executable (null: every kernel is JavaScript). */
export interface WasmInfo extends DeviceSummary {
  /** Argument positions (constVars then inputs) the wasm kernels use (see Executable.residentInputs). */
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
  /** The generated JavaScript (the body of `new Function("rt", "wasm", source)`). */
  readonly source: string;
  /** The printed graph as given, and after optimization. */
  readonly graph: string;
  readonly optimizedGraph: string;
  /** The printed kernels in execution order (what each computes and stores). */
  readonly plan: string;
  readonly wasm: WasmInfo | null;
  /**
   * Argument positions (constVars then inputs) that device kernels use in place. Such an argument
   * not in the device's memory is copied there on every call; a caller that passes the same
   * buffer every call (a parameter) moves it there once with `toResident`.
   */
  readonly residentInputs: readonly number[];
  /** True when `buffer` is in the device memory this executable's kernels use. */
  isResident(buffer: TypedArray): boolean;
  /** A copy of `buffer` in that memory (the buffer itself without device kernels). */
  toResident(buffer: TypedArray): TypedArray;
}

const arrayTypes = { float32: Float32Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array } as const;

/**
 * The pipeline: optimize -> fuse and plan every kernel (schedule) -> device backends claim
 * kernels (placement) -> the JavaScript host program, with a call where a device runs a kernel
 * -> new Function.
 */
export function compile(graph: ClosedGraph | Graph, options: CompileOptions = {}): Executable {
  const debug = debugEnabled(options.debug);
  const name = options.name ?? "kiln_fn";
  const opt = options.optimize ?? true;
  const g = opt === false ? graph : optimize(graph, { debug, ...(typeof opt === "object" ? opt : {}) });
  verifyGraph(g);
  const sched = schedule(g, options.inPlace);
  const backend = wasmFeatures().simd ? options.backend ?? settings().backend : "js";
  const exact = options.wasmExact ?? settings().wasmExact;
  const relaxed = !exact && wasmFeatures().relaxedSimd && (options.relaxedSimd ?? true);
  const placement = wasmBackend.place(sched, { backend, exact, relaxed });
  const { source } = emitHostProgram(sched, placement);
  // the printed plan and graphs are only read by debug output, inspect and tests: print on demand
  let plan: string | null = null;
  const planText = () => (plan ??= printSchedule(sched));
  if (debug) debugLog(`${name}: plan`, planText());
  if (debug) debugLog(`${name}: generated source`, source);
  const device: DeviceProgram | null = placement?.instantiate({ threads: options.threads ?? true }) ?? null;
  if (debug && device) debugLog(`${name}: ${placement!.backend}`, `${device.summary.kernels} kernels, ${device.summary.moduleBytes} bytes, ${device.summary.compileMs.toFixed(2)} ms`);
  const inner = (new Function("rt", placement?.glueName ?? "wasm", source) as (rt: Runtime, d: DeviceProgram["glue"] | null) => HostFunction)(runtime, device?.glue ?? null);
  const writtenInputs = new Set(sched.results.flatMap((r) => (r.kind === "input" ? [r.index] : [])));
  const fn = device ? device.wrap(inner, writtenInputs) : inner;
  // the device memory this function's scratch and workspaces use is freed once it is collected
  device?.releaseWith(fn);
  Object.defineProperty(fn, "name", { value: name });
  const expected = [...g.constVars, ...g.inputs].map((v) => v.aval);
  const types = expected.map((a) => arrayTypes[a.dtype]);
  const sizes = expected.map((a) => a.size);
  const consts = graph instanceof ClosedGraph ? boundConsts(graph, name) : null;
  const withConsts = consts !== null && consts.length > 0 ? { bound: consts.length, list: [...consts] } : null;
  const residentInputs = placement ? [...placement.residentInputs].sort((a, b) => a - b) : [];
  const exe: Executable = {
    name,
    wasm: device && {
      ...device.summary,
      arenaInputs: residentInputs,
    },
    residentInputs,
    isResident: (buffer) => device !== null && device.isResident(buffer),
    toResident: (buffer) => (device ? device.toResident(buffer) : buffer),
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

function boundConsts(g: ClosedGraph, name: string): TypedArray[] {
  return g.constValues.map((a, i) => {
    if (a._data === null) throw new ArgumentError(`${name}: constant ${i} (${a.aval}) is a tracer of another trace and cannot be compiled in`);
    return a._data;
  });
}
