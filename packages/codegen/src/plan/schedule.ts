import type { Graph, Var } from "@kiln/core";
import { fuse } from "../fusion/fuse.js";
import type { Fusion, FusedKernel } from "../fusion/kernels.js";
import { planBuffers } from "./buffers.js";
import { planOutputs } from "./outputs.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/** Everything lowering needs: kernels in order and the buffer of every materialized var. */
export interface Schedule {
  readonly fusion: Fusion;
  readonly kernels: readonly FusedKernel[];
  readonly slots: ReadonlyMap<Var, Slot>;
  readonly scratch: readonly ScratchBuffer[];
  readonly results: readonly Slot[];
}

export function schedule(g: Graph, inPlace: ReadonlyMap<number, number> = new Map()): Schedule {
  const fusion = fuse(g);
  const out = planOutputs(fusion, inPlace);
  const args = new Map<Var, Slot>();
  [...g.constVars, ...g.inputs].forEach((v, index) => args.set(v, { kind: "input", index }));
  const preassigned = new Map([...args, ...out.fixed]);
  const { slots, scratch } = planBuffers(out.kernels, fusion.views, fusion.materialized, preassigned);
  return { fusion, kernels: out.kernels, slots, scratch, results: out.results };
}
