import type { BufferType } from "../plan/slots.js";
import { encodeModule, type FuncBuilder } from "./encoder.js";
import { dotFunction, workspaceBytes } from "./kernel-dot.js";
import { elementwiseFunction } from "./kernel-elementwise.js";
import { reduceFunction, reduceWorkspaceBytes } from "./kernel-reduce.js";
import { arena, bytesPer } from "./memory.js";
import type { DeviceGlue } from "../backend/placement.js";
import type { WasmDot } from "./claim-dot.js";
import type { WasmElementwise } from "./claim-elementwise.js";
import type { WasmReduce } from "./claim-reduce.js";
import { CHUNK_ELEMENTS } from "./options.js";
import { MAX_THREAD_BUFFERS, threadPool, type ThreadPool } from "./threads.js";

/**
 * A kernel is called on at most this many rows at a time (one row block of its loop nest, so
 * no extra packing). V8 first runs wasm with its baseline compiler and swaps in optimized code
 * at the next call once a function is hot: short calls let a step's first run switch over early
 * (a first step at L goes from seconds to about the steady time) for ~100 ns per call.
 */
const CHUNK_ROWS = 64;

/**
 * Multiply-adds from which a wasm dot splits its rows across threads: about 3 ms of one
 * thread's work. Measured on the 2-core machine of docs/performance.md: the seed step's dots at
 * M (17M multiply-adds each) ran slower on two threads than on one (4.1 vs 3.4 ms a step, the
 * wake-up and barrier against ~1 ms kernels), those at L (1.07G) up to twice as fast.
 */
export const PARALLEL_MIN_MACS = 1 << 26;

/**
 * What generated code calls as `wasm`: arena buffers for its scratch, and its kernels.
 *
 *     const s0 = wasm.float32(65536);             // preamble: scratch in the shared memory
 *     ...
 *     wasm.call(0, [x2, x0, y1]);                  // a kernel on these buffers' addresses
 */
export type WasmGlue = DeviceGlue;

/** The glue, and `releaseWith(owner)`: free its memory (and workers' module) once `owner` is collected. */
export interface Instantiated {
  readonly glue: WasmGlue;
  releaseWith(owner: object): void;
}

/** A kernel the wasm backend runs. */
export type WasmKernel = WasmDot | WasmElementwise | WasmReduce;

const droppedModules = new FinalizationRegistry<{ pool: ThreadPool; id: number }>(({ pool, id }) => pool.drop(id));

/** The wasm kernels of one executable: one module, its instance, the workspace per thread. */
export class WasmProgram {
  readonly kernels: WasmKernel[] = [];
  /** Encoded module size, and how long encoding and compiling took. */
  moduleBytes = 0;
  compileMs = 0;
  /** The encoded module (pinned by snapshot tests). */
  binary: Uint8Array = new Uint8Array(0);

  add(k: WasmKernel): number {
    return this.kernels.push(k) - 1;
  }

  /** Encodes, compiles and instantiates the module. */
  instantiate(threads: boolean | { readonly minMacs: number }): Instantiated {
    const t0 = performance.now();
    const ar = arena();
    const funcs = this.kernels.map((k, i) => ({ name: `k${i}`, fn: functionOf(k) }));
    const bytes = encodeModule(funcs, { min: 1, max: ar.maxPages, shared: true });
    const module = new WebAssembly.Module(bytes);
    const exports = new WebAssembly.Instance(module, { env: { mem: ar.memory } }).exports as Record<string, (...a: number[]) => void>;
    this.moduleBytes = bytes.length;
    this.binary = bytes;

    const minMacs = threads === false ? Infinity : threads === true ? PARALLEL_MIN_MACS : threads.minMacs;
    // elementwise and reduce kernels are memory-bound: one thread
    const parallel = this.kernels.map((k) => k.kind === "dot" && k.macs >= minMacs && k.buffers.length <= MAX_THREAD_BUFFERS);
    const pool = parallel.some(Boolean) ? threadPool() : null;
    const nThreads = pool ? pool.threads : 1;
    const wsBytes = Math.max(64, ...this.kernels.map((k) => (k.kind === "dot" ? workspaceBytes(k.spec) : k.kind === "reduce" ? reduceWorkspaceBytes(k.spec) : 0)));
    const chunks = this.kernels.map((k) => (k.kind === "dot" ? CHUNK_ROWS : k.kind === "reduce" ? k.chunk : Math.max(1, Math.ceil(CHUNK_ELEMENTS / k.spec.cols))));
    const blocks: number[] = [];
    const allocate = (bytes: number) => {
      const a = ar.alloc(bytes, "scratch");
      blocks.push(a);
      return a;
    };
    const workspaces = Array.from({ length: nThreads }, () => allocate(wsBytes));
    const moduleId = pool ? pool.load(module) : 0;
    this.compileMs = performance.now() - t0;

    const fns = this.kernels.map((_, i) => exports[`k${i}`]!);
    // per kernel: its buffers' addresses, and the full argument list (ws, row0, row1, ...addresses)
    const ptrLists = this.kernels.map((k) => k.buffers.map(() => 0));
    const argLists = this.kernels.map((k) => [0, 0, 0, ...k.buffers.map(() => 0)]);
    /** Runs kernel i on rows [r0, r1) with workspace ws, `chunks[i]` rows per wasm call. */
    const callRows = this.kernels.map((_, i) => {
      const fn = fns[i]!, args = argLists[i]!, chunk = chunks[i]!;
      return (ws: number, r0: number, r1: number) => {
        args[0] = ws;
        for (let r = r0; r < r1; r += chunk) {
          args[1] = r;
          args[2] = Math.min(r + chunk, r1);
          fn(...args);
        }
      };
    });
    const buffer = (type: BufferType) => (size: number) => ar.view(type, allocate(Math.max(1, size) * bytesPer[type]), size);
    const glue: WasmGlue = {
      float32: buffer("float32"),
      int32: buffer("int32"),
      uint32: buffer("uint32"),
      bool: buffer("bool"),
      float64: buffer("float64"),
      call: (i, buffers) => {
        // a step calls this once per wasm kernel: fill the kernel's argument lists, allocate nothing
        const ptrs = ptrLists[i]!, args = argLists[i]!;
        for (let b = 0; b < buffers.length; b++) ptrs[b] = args[3 + b] = buffers[b]!.byteOffset;
        const rows = this.kernels[i]!.rows;
        if (pool && parallel[i] && !pool.isClosed) pool.run(moduleId, i, rows, 4, CHUNK_ROWS, workspaces, ptrs, callRows[i]!);
        else callRows[i]!(workspaces[0]!, 0, rows);
      },
    };
    const releaseWith = (owner: object) => {
      ar.releaseWith(owner, blocks);
      if (pool) droppedModules.register(owner, { pool, id: moduleId });
    };
    return { glue, releaseWith };
  }
}

function functionOf(k: WasmKernel): FuncBuilder {
  switch (k.kind) {
    case "dot": return dotFunction(k.spec);
    case "elementwise": return elementwiseFunction(k.spec);
    case "reduce": return reduceFunction(k.spec);
  }
}
