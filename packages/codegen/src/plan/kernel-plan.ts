import { stridesOf, type Atom, type Eqn, type Var } from "@kiln/core";
import { kernelValues, type FusedKernel } from "../fusion/kernels.js";
import { kernelReads, regionLocals, type Read } from "../fusion/reads.js";
import type { View } from "../fusion/views.js";
import { accessOf, leafOf, regionLeaves, type Access, type Leaf } from "./accesses.js";
import { coalesce, type Group } from "./coalesce.js";
import { dotSpace, type DotSpace } from "./dot-space.js";

type KernelOf<K extends FusedKernel["kind"]> = Extract<FusedKernel, { kind: K }>;

interface PlanOf<K extends FusedKernel["kind"]> {
  readonly kind: K;
  readonly kernel: KernelOf<K>;
  /** The values it writes to buffers: those read outside its regions, and outputs. */
  readonly stored: readonly Var[];
  /** Every buffer, literal and iota it reads, through its view (with the region it is read in). */
  readonly reads: readonly Read[];
  /** The vars whose buffers it reads or writes, each once: reads in order, then stores. */
  readonly buffers: readonly Var[];
}

/** An elementwise loop: its shape coalesced over every access into loop groups. */
export interface ElementwisePlan extends PlanOf<"elementwise"> {
  readonly groups: readonly Group[];
  readonly leaves: ReadonlyMap<Atom, Leaf>;
  readonly stores: ReadonlyMap<Var, Access>;
}

/**
 * A reduction over its input's shape: the kept axes (role 0) and the reduced ones (role 1),
 * coalesced over every access of the prologue, the epilogue (lifted to the input's axes) and
 * the stores; the prologue's and the epilogue's reads and stores apart.
 */
export interface ReducePlan extends PlanOf<"reduce"> {
  readonly axes: readonly number[];
  /** Strides over the result's axes mapped to the input's (0 on reduced axes). */
  readonly lift: (strides: readonly number[]) => number[];
  readonly groups: readonly Group[];
  readonly inReads: readonly Read[];
  readonly outReads: readonly Read[];
  readonly inStored: readonly Var[];
  readonly outStored: readonly Var[];
  /** Every (non-unit) reduced axis inside every kept one: each result element's inputs are adjacent in the loop nest. */
  readonly innermost: boolean;
  /** The prologue's leaves (with the reduction's operand when it is not computed there) and the epilogue's. */
  readonly inLeaves: ReadonlyMap<Atom, Leaf>;
  readonly outLeaves: ReadonlyMap<Atom, Leaf>;
  readonly stores: ReadonlyMap<Var, Access>;
}

/** A dot_general with its epilogue, as one [batch, M, N, K] space (dot-space.ts). */
export interface DotPlan extends PlanOf<"dot"> {
  readonly space: DotSpace;
  /** The operands over the dot's space. */
  readonly a: Leaf;
  readonly b: Leaf;
  /** The epilogue's leaves. */
  readonly leaves: ReadonlyMap<Atom, Leaf>;
  readonly stores: ReadonlyMap<Var, Access>;
}

export type OpPlan = PlanOf<"op">;
export type CopyPlan = PlanOf<"copy">;

/**
 * What a kernel computes, planned once for every backend: the loop groups of its iteration
 * space with their roles, the buffers it reads and writes, the values it stores. Backends read
 * this; none of them derives kernel geometry again.
 */
export type KernelPlan = ElementwisePlan | ReducePlan | DotPlan | OpPlan | CopyPlan;

/** The vars a kernel writes to buffers. */
export function kernelWrites(k: FusedKernel, materialized: ReadonlySet<Var>): Var[] {
  if (k.kind === "copy") return k.to.kind === "var" ? [k.to.v] : [];
  return kernelValues(k).filter((v) => materialized.has(v));
}

export function planKernel(k: FusedKernel, views: ReadonlyMap<Var, View>, materialized: ReadonlySet<Var>): KernelPlan {
  const stored = kernelWrites(k, materialized);
  const reads = kernelReads(k, views);
  const buffers = [...new Set([...reads.flatMap((r) => (r.view.source.kind === "var" ? [r.view.source.v] : [])), ...stored])];
  const common = { stored, reads, buffers };
  switch (k.kind) {
    case "elementwise": {
      const { region } = k;
      const groups = coalesce(region.shape, [...reads.map((r) => r.view.strides), stridesOf(region.shape)]);
      const leaves = regionLeaves(views, region.nodes.flatMap((e) => e.inputs), regionLocals(region), region, (s) => s, groups);
      return { kind: "elementwise", kernel: k, ...common, groups, leaves, stores: storesOf(stored, () => stridesOf(region.shape), groups) };
    }
    case "reduce": return { kind: "reduce", kernel: k, ...common, ...reduceGeometry(k, views, reads, stored) };
    case "dot": {
      const space = dotSpace(views, k);
      const { groups, lift } = space;
      const leaves = regionLeaves(views, k.output.nodes.flatMap((e) => e.inputs), regionLocals(k.output, k.dot.out), k.output, lift, groups);
      const stores = storesOf(stored, () => lift(stridesOf(k.output.shape)), groups);
      return { kind: "dot", kernel: k, ...common, space, a: leafOf(space.a, groups), b: leafOf(space.b, groups), leaves, stores };
    }
    case "op": return { kind: "op", kernel: k, ...common };
    case "copy": return { kind: "copy", kernel: k, ...common };
  }
}

function storesOf(stored: readonly Var[], strides: (v: Var) => readonly number[], groups: readonly Group[]): Map<Var, Access> {
  return new Map(stored.map((v) => [v, accessOf(strides(v), 0, groups)]));
}

function reduceGeometry(k: KernelOf<"reduce">, views: ReadonlyMap<Var, View>, reads: readonly Read[], stored: readonly Var[]) {
  const { input, output } = k;
  const axes = (k.reduce as Eqn<"reduce_sum">).params.axes;
  const kept = input.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const lift = (s: readonly number[]) => input.shape.map((_, d) => (kept.includes(d) ? s[kept.indexOf(d)]! : 0));
  const inLocals = regionLocals(input);
  const inReads = reads.filter((r) => r.region === input);
  const outReads = reads.filter((r) => r.region === output);
  const accesses = [...inReads.map((r) => r.view.strides), stridesOf(input.shape), ...outReads.map((r) => lift(r.view.strides)), lift(stridesOf(output.shape))];
  const groups = coalesce(input.shape, accesses, input.shape.map((_, d) => (axes.includes(d) ? 1 : 0)));
  const big = (d: number) => input.shape[d]! !== 1;
  const lastKept = Math.max(-1, ...kept.filter(big));
  const outLocals = regionLocals(output, k.reduce.out);
  return {
    inLeaves: regionLeaves(views, [...input.nodes.flatMap((e) => e.inputs), k.reduce.inputs[0]!], inLocals, input, (s) => s, groups),
    outLeaves: regionLeaves(views, output.nodes.flatMap((e) => e.inputs), outLocals, output, lift, groups),
    stores: storesOf(stored, (v) => (inLocals.has(v) ? stridesOf(input.shape) : lift(stridesOf(output.shape))), groups),
    axes, lift, groups, inReads, outReads,
    inStored: stored.filter((v) => inLocals.has(v)),
    outStored: stored.filter((v) => !inLocals.has(v)),
    innermost: axes.filter(big).every((a) => a > lastKept),
  };
}
