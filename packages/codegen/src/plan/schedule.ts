import type { Graph, Var } from "@kiln/core";
import { fuse } from "../fusion/fuse.js";
import type { Fusion } from "../fusion/kernels.js";
import { planBuffers } from "./buffers.js";
import { planKernel, type KernelPlan } from "./kernel-plan.js";
import { planOutputs } from "./outputs.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/**
 * One step of the generated function. Today every step is a kernel; loops and branches (scan,
 * while, cond) are steps that hold blocks of their own, so everything that walks a schedule
 * (buffer planning, backends' placement, the host program) switches over the step kinds.
 */
export type Step = { readonly kind: "kernel"; readonly plan: KernelPlan };

/** Steps run in order. */
export interface Block {
  readonly steps: readonly Step[];
}

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
  const { slots, scratch } = planBuffers(plans, new Map([...args, ...out.fixed]));
  return { fusion, body: { steps: plans.map((plan) => ({ kind: "kernel", plan })) }, slots, scratch, results: out.results };
}

/** The kernel plans of a block, in execution order. */
export function kernelPlans(block: Block): KernelPlan[] {
  return block.steps.map((s) => s.plan);
}
