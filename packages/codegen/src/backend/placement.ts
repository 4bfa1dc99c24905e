import type { TypedArray, Var } from "@kiln/core";
import type { KernelPlan } from "../plan/kernel-plan.js";
import type { Schedule } from "../plan/schedule.js";
import type { BufferType } from "../plan/slots.js";

/**
 * A device backend: a sibling of the JavaScript host that runs some kernels of a schedule on its
 * own terms (WebAssembly SIMD today). It receives the schedule, already planned, and claims the
 * kernels it runs; it never plans kernels itself and never imports another backend. compile.ts
 * asks each device backend in turn and hands the placement to the host program, which emits a
 * call for every claimed kernel where it would have emitted the kernel's loops.
 */
export interface DeviceBackend<Options> {
  readonly name: string;
  /** The kernels it claims and the buffers that must live in its memory, or null when it claims none. */
  place(schedule: Schedule, options: Options): Placement | null;
}

/** A kernel a device backend claimed: its index in the device program and its buffer parameters in order. */
export interface ClaimedKernel {
  readonly index: number;
  readonly buffers: readonly Var[];
}

/** What a device backend claimed of one schedule. */
export interface Placement {
  readonly backend: string;
  /**
   * The name generated code calls the device by (`wasm.call(0, [x0, t1])`, `wasm.float32(n)`):
   * a constant of the backend, never user text.
   */
  readonly glueName: string;
  readonly kernels: ReadonlyMap<KernelPlan, ClaimedKernel>;
  /** Argument positions (constVars then inputs) that claimed kernels read or write. */
  readonly residentInputs: ReadonlySet<number>;
  /** Output positions whose fresh array a claimed kernel writes. */
  readonly residentOutputs: ReadonlySet<number>;
  /** Builds the device program: compiles its kernels and sets up its memory and threads. */
  instantiate(options: InstantiateOptions): DeviceProgram;
}

export interface InstantiateOptions {
  /** Let large kernels split their work across the device's threads (or from `minMacs` multiply-adds). */
  readonly threads: boolean | { readonly minMacs: number };
}

/** The compiled host function: argument buffers (constVars then inputs) in, result buffers out. */
export type HostFunction = (args: readonly TypedArray[]) => TypedArray[];

/**
 * What generated code calls as the device: buffers in the device's memory for the host's scratch
 * (allocated once, in the preamble), and its kernels on buffers.
 */
export type DeviceGlue = { readonly [T in BufferType]: (size: number) => TypedArray } & {
  call(kernel: number, buffers: readonly TypedArray[]): void;
};

/** A device program, ready to run. */
export interface DeviceProgram {
  readonly glue: DeviceGlue;
  /**
   * Wraps the host function so that every argument claimed kernels use is in the device's memory
   * (copied into a staging buffer when it is not) and every result is an ordinary buffer.
   * `writtenInputs` are the argument positions the function writes in place.
   */
  wrap(fn: HostFunction, writtenInputs: ReadonlySet<number>): HostFunction;
  /** Frees the program's memory and threads' copies once `owner` (the executable's function) is collected. */
  releaseWith(owner: object): void;
  /** True when `buffer` lives in the device's memory (claimed kernels use it without a copy). */
  isResident(buffer: TypedArray): boolean;
  /** A copy of `buffer` in the device's memory, freed when the copy is collected. */
  toResident(buffer: TypedArray): TypedArray;
  /** What the program holds, for Executable.wasm and debug output. */
  readonly summary: DeviceSummary;
}

export interface DeviceSummary {
  readonly kernels: number;
  /** Whether its dots accumulate in float64 (the JS backend's bits). */
  readonly exact: boolean;
  /** Whether its dots multiply-add with relaxed SIMD (fused on x64). */
  readonly relaxedSimd: boolean;
  readonly moduleBytes: number;
  readonly compileMs: number;
  /** The encoded module. */
  readonly binary: Uint8Array;
}
