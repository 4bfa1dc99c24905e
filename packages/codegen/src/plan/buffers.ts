import type { Var } from "@kiln/core";
import { kernelValues, type FusedKernel } from "../fusion/kernels.js";
import { readVars } from "../fusion/reads.js";
import type { View } from "../fusion/views.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/** The vars a kernel writes to buffers. */
export function kernelWrites(k: FusedKernel, materialized: ReadonlySet<Var>): Var[] {
  if (k.kind === "copy") return k.to.kind === "var" ? [k.to.v] : [];
  return kernelValues(k).filter((v) => materialized.has(v));
}

/**
 * Liveness-based buffer assignment. Kernels run in order; a var's buffer is live from the
 * kernel that writes it to the last kernel that reads it (through any view). A buffer whose
 * var is dead is reused by the next var of the same dtype and size. Every scratch buffer is
 * allocated once, when the function is compiled.
 */
export function planBuffers(
  kernels: readonly FusedKernel[],
  views: ReadonlyMap<Var, View>,
  materialized: ReadonlySet<Var>,
  preassigned: ReadonlyMap<Var, Slot>,
): { slots: Map<Var, Slot>; scratch: ScratchBuffer[] } {
  const slots = new Map(preassigned);
  const scratch: ScratchBuffer[] = [];
  const lastRead = new Map<Var, number>();
  kernels.forEach((k, t) => readVars(k, views).forEach((v) => lastRead.set(v, t)));
  const free = new Map<string, number[]>();
  let live: { v: Var; id: number; key: string; until: number }[] = [];

  kernels.forEach((k, t) => {
    live = live.filter((b) => {
      if (b.until >= t) return true;
      free.set(b.key, [...(free.get(b.key) ?? []), b.id]);
      return false;
    });
    for (const v of kernelWrites(k, materialized)) {
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
