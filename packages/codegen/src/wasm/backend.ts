import type { ClaimedKernel, DeviceBackend, DeviceProgram, Placement } from "../backend/placement.js";
import type { KernelPlan } from "../plan/kernel-plan.js";
import { kernelPlans } from "../plan/schedule.js";
import { claimDot } from "./claim-dot.js";
import { claimElementwise } from "./claim-elementwise.js";
import { claimReduce } from "./claim-reduce.js";
import { arena } from "./memory.js";
import type { WasmOptions } from "./options.js";
import { WasmProgram, type WasmKernel } from "./program.js";
import { withStaging } from "./staging.js";

function claim(plan: KernelPlan, opts: WasmOptions): WasmKernel | null {
  switch (plan.kind) {
    case "dot": return claimDot(plan, opts);
    case "elementwise": return claimElementwise(plan, opts);
    case "reduce": return claimReduce(plan, opts);
    case "op":
    case "copy": return null;
  }
}

/**
 * The WebAssembly SIMD backend: claims the dot, elementwise and reduce kernels its cost model
 * (or a forced `wasm` choice) gives it; every buffer those kernels touch lives in the process's
 * shared wasm memory (memory.ts).
 */
export const wasmBackend: DeviceBackend<WasmOptions> = {
  name: "wasm",
  place(s, opts) {
    if (opts.backend === "js") return null;
    const program = new WasmProgram();
    const kernels = new Map<KernelPlan, ClaimedKernel>();
    const residentOutputs = new Set<number>();
    const residentInputs = new Set<number>();
    for (const plan of kernelPlans(s.body)) {
      const k = claim(plan, opts);
      if (!k) continue;
      kernels.set(plan, { index: program.add(k), buffers: k.buffers });
      for (const v of k.buffers) {
        const slot = s.slots.get(v);
        if (slot?.kind === "output") residentOutputs.add(slot.index);
        if (slot?.kind === "input") residentInputs.add(slot.index);
      }
    }
    if (kernels.size === 0) return null;
    const placement: Placement = {
      backend: "wasm",
      glueName: "wasm",
      kernels,
      residentInputs,
      residentOutputs,
      instantiate: ({ threads }): DeviceProgram => {
        const instance = program.instantiate(threads);
        const ar = arena();
        return {
          glue: instance.glue,
          wrap: (fn, writtenInputs) => withStaging(fn, ar, residentInputs, residentOutputs, writtenInputs),
          releaseWith: instance.releaseWith,
          isResident: (buffer) => ar.owns(buffer),
          toResident: (buffer) => ar.copyIn(buffer),
          summary: {
            kernels: kernels.size,
            exact: opts.exact,
            relaxedSimd: opts.relaxed,
            moduleBytes: program.moduleBytes,
            compileMs: program.compileMs,
            binary: program.binary,
          },
        };
      },
    };
    return placement;
  },
};
