import type { Var } from "@kiln/core";
import type { Block } from "./block.js";
import type { ScratchBuffer, Slot } from "./slots.js";

/**
 * Liveness-based buffer assignment. Steps run in order, each at a time t (a step holding a
 * block, such as a loop, spans the times of its body); a var's buffer is live from the step
 * that writes it to the last step that reads it (through any view). A buffer whose var is dead
 * is reused by the next var of the same dtype and size. Every scratch buffer is allocated once,
 * when the function is compiled.
 */
export function planBuffers(block: Block, preassigned: ReadonlyMap<Var, Slot>): { slots: Map<Var, Slot>; scratch: ScratchBuffer[] } {
  const slots = new Map(preassigned);
  const scratch: ScratchBuffer[] = [];
  const timed = timeline(block);
  const lastRead = new Map<Var, number>();
  for (const { t, reads } of timed) for (const v of reads) lastRead.set(v, t);
  const free = new Map<string, number[]>();
  let live: { v: Var; id: number; key: string; until: number }[] = [];

  for (const { t, writes } of timed) {
    live = live.filter((b) => {
      if (b.until >= t) return true;
      free.set(b.key, [...(free.get(b.key) ?? []), b.id]);
      return false;
    });
    for (const v of writes) {
      if (slots.has(v)) continue;
      const key = `${v.aval.dtype}:${v.aval.size}`;
      const reuse = free.get(key)?.pop();
      const id = reuse ?? scratch.length;
      if (reuse === undefined) scratch.push({ id, type: v.aval.dtype, size: v.aval.size });
      slots.set(v, { kind: "scratch", id });
      live.push({ v, id, key, until: Math.max(t, lastRead.get(v) ?? t) });
    }
  }
  return { slots, scratch };
}

interface Timed {
  readonly t: number;
  readonly reads: readonly Var[];
  readonly writes: readonly Var[];
}

/** The buffers each step reads and writes, at its time. */
function timeline(block: Block): Timed[] {
  const out: Timed[] = [];
  for (const step of block.steps) {
    switch (step.kind) {
      case "kernel": {
        const reads = step.plan.reads.flatMap((r) => (r.view.source.kind === "var" ? [r.view.source.v] : []));
        out.push({ t: out.length, reads, writes: step.plan.stored });
        break;
      }
      default:
        step.kind satisfies never;
    }
  }
  return out;
}
