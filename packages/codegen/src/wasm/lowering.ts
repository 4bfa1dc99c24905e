import type { Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import type { View } from "../fusion/views.js";
import { kernelWrites } from "../plan/buffers.js";
import type { Schedule } from "../plan/schedule.js";
import { planDot, planElementwise, type WasmKernel, type WasmOptions } from "./plan.js";
import { planReduce } from "./plan-reduce.js";
import { WasmProgram } from "./program.js";

/** Which kernels of a schedule run as wasm, and which buffers must therefore live in the arena. */
export interface WasmLowering {
  readonly program: WasmProgram;
  /** Kernel -> its index in the module (`wasm.call(index, ...)`). */
  readonly kernelOf: ReadonlyMap<FusedKernel, number>;
  /** Output positions whose fresh array a wasm kernel writes (arena, copied out per call). */
  readonly arenaOutputs: ReadonlySet<number>;
  /** Argument positions (constVars then inputs) a wasm kernel reads or writes. */
  readonly arenaInputs: ReadonlySet<number>;
}

/** Asks the cost model about every kernel; null when every kernel stays JS. */
export function planWasm(s: Schedule, opts: WasmOptions): WasmLowering | null {
  if (opts.backend === "js") return null;
  const program = new WasmProgram();
  const kernelOf = new Map<FusedKernel, number>();
  const arenaOutputs = new Set<number>();
  const arenaInputs = new Set<number>();
  for (const k of s.kernels) {
    const stored = kernelWrites(k, s.fusion.materialized);
    const d = planKernel(s.fusion.views, k, stored, opts);
    if (!d) continue;
    kernelOf.set(k, program.add(d));
    for (const v of d.buffers) {
      const slot = s.slots.get(v);
      if (slot?.kind === "output") arenaOutputs.add(slot.index);
      if (slot?.kind === "input") arenaInputs.add(slot.index);
    }
  }
  return kernelOf.size === 0 ? null : { program, kernelOf, arenaOutputs, arenaInputs };
}

function planKernel(views: ReadonlyMap<Var, View>, k: FusedKernel, stored: readonly Var[], opts: WasmOptions): WasmKernel | null {
  switch (k.kind) {
    case "dot": return planDot(views, k, stored, opts);
    case "elementwise": return planElementwise(views, k, stored, opts);
    case "reduce": return planReduce(views, k, stored, opts);
    default: return null;
  }
}
