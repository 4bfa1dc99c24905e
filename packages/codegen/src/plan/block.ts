import type { KernelPlan } from "./kernel-plan.js";

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

/** Every kernel plan of a block, nested blocks included, in execution order. */
export function kernelPlans(block: Block): KernelPlan[] {
  return block.steps.flatMap((step) => {
    switch (step.kind) {
      case "kernel": return [step.plan];
      default: return step.kind satisfies never;
    }
  });
}
