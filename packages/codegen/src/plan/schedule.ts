import type { Graph, Var } from "@kiln/core";
import { fuse } from "../fusion/fuse.js";
import type { Fusion } from "../fusion/kernels.js";
import { planBuffers } from "./buffers.js";
import type { Block } from "./block.js";
import { planKernel } from "./kernel-plan.js";
import { planOutputs } from "./outputs.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/** Everything a backend needs: the steps in order and the buffer of every materialized var. */
export interface Schedule {
  readonly fusion: Fusion;
  readonly body: Block;
  readonly slots: ReadonlyMap<Var, Slot>;
  readonly scratch: readonly ScratchBuffer[];
  readonly results: readonly Slot[];
}

export function schedule(g: Graph, inPlace: ReadonlyMap<number, number> = new Map()): Schedule {
  const fusion = fuse(g);
  const out = planOutputs(fusion, inPlace);
  const plans = out.kernels.map((k) => planKernel(k, fusion.views, fusion.materialized));
  const args = new Map<Var, Slot>();
  [...g.constVars, ...g.inputs].forEach((v, index) => args.set(v, { kind: "input", index }));
  const body: Block = { steps: plans.map((plan) => ({ kind: "kernel", plan })) };
  const { slots, scratch } = planBuffers(body, new Map([...args, ...out.fixed]));
  return { fusion, body, slots, scratch, results: out.results };
}

export { kernelPlans, type Block, type Step } from "./block.js";
