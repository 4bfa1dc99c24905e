import type { Var } from "@kiln/core";
import type { KernelPlan } from "./kernel-plan.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/**
 * Liveness-based buffer assignment. Kernels run in order; a var's buffer is live from the
 * kernel that writes it to the last kernel that reads it (through any view). A buffer whose
 * var is dead is reused by the next var of the same dtype and size. Every scratch buffer is
 * allocated once, when the function is compiled.
 */
export function planBuffers(plans: readonly KernelPlan[], preassigned: ReadonlyMap<Var, Slot>): { slots: Map<Var, Slot>; scratch: ScratchBuffer[] } {
  const slots = new Map(preassigned);
  const scratch: ScratchBuffer[] = [];
  const lastRead = new Map<Var, number>();
  plans.forEach((p, t) => p.reads.forEach((r) => r.view.source.kind === "var" && lastRead.set(r.view.source.v, t)));
  const free = new Map<string, number[]>();
  let live: { v: Var; id: number; key: string; until: number }[] = [];

  plans.forEach((p, t) => {
    live = live.filter((b) => {
      if (b.until >= t) return true;
      free.set(b.key, [...(free.get(b.key) ?? []), b.id]);
      return false;
    });
    for (const v of p.stored) {
      if (slots.has(v)) continue;
      const key = `${v.aval.dtype}:${v.aval.size}`;
      const reuse = free.get(key)?.pop();
      const id = reuse ?? scratch.length;
      if (reuse === undefined) scratch.push({ id, type: v.aval.dtype, size: v.aval.size });
      slots.set(v, { kind: "scratch", id });
      live.push({ v, id, key, until: Math.max(t, lastRead.get(v) ?? t) });
    }
  });
  return { slots, scratch };
}
