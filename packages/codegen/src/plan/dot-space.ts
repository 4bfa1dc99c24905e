import { stridesOf, type Eqn, type Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelReads } from "../fusion/reads.js";
import { viewOfAtom, type View } from "../fusion/views.js";
import { coalesce, type Group } from "./coalesce.js";

export type DotKernel = Extract<FusedKernel, { kind: "dot" }>;

/** Roles of the iteration axes: batch, lhs-free (M), rhs-free (N), contracting (K). */
export const Role = { Batch: 0, M: 1, N: 2, K: 3 } as const;
export type Role = (typeof Role)[keyof typeof Role];

/**
 * dot_general as one iteration space [batch..., M..., N..., K...] where every operand is a view
 * with a literal stride per axis (0 where it does not depend on the axis): transposed operands,
 * any contracting/batch dimension numbers, broadcasts all become strides, never copies.
 */
export interface DotSpace {
  readonly sizes: readonly number[];
  readonly roles: readonly Role[];
  readonly a: View;
  readonly b: View;
  /** Lifts strides over the output's axes to the whole space (0 on K). */
  readonly lift: (s: readonly number[]) => number[];
  readonly groups: readonly Group[];
}

export function dotSpace(views: ReadonlyMap<Var, View>, k: DotKernel): DotSpace {
  const e = k.dot as Eqn<"dot_general">;
  const [lv, rv] = e.inputs.map((x) => viewOfAtom(x, views)) as [View, View];
  const [lc, rc] = e.params.contracting;
  const [lb, rb] = e.params.batch;
  const free = (v: View, c: readonly number[], b: readonly number[]) => v.shape.map((_, d) => d).filter((d) => !c.includes(d) && !b.includes(d));
  const lf = free(lv, lc, lb);
  const rf = free(rv, rc, rb);
  const sizes = [...lb, ...lf].map((d) => lv.shape[d]!).concat(rf.map((d) => rv.shape[d]!), lc.map((d) => lv.shape[d]!));
  const roles = [...lb.map(() => Role.Batch), ...lf.map(() => Role.M), ...rf.map(() => Role.N), ...lc.map(() => Role.K)];
  const zeros = (xs: readonly number[]) => xs.map(() => 0);
  const aStrides = [...lb, ...lf].map((d) => lv.strides[d]!).concat(zeros(rf), lc.map((d) => lv.strides[d]!));
  const bStrides = rb.map((d) => rv.strides[d]!).concat(zeros(lf), rf.map((d) => rv.strides[d]!), rc.map((d) => rv.strides[d]!));
  const lift = (s: readonly number[]) => [...s, ...zeros(lc)];
  const outLike = [...kernelReads(k, views).filter((r) => r.region === k.output).map((r) => lift(r.view.strides)), lift(stridesOf(k.output.shape))];
  const groups = coalesce(sizes, [aStrides, bStrides, ...outLike], roles);
  return { sizes, roles, a: { ...lv, shape: sizes, strides: aStrides }, b: { ...rv, shape: sizes, strides: bStrides }, lift, groups };
}

/** Sizes of the innermost M, N and K groups (1 when there is none) and their group indices. */
export function dotExtents(sp: DotSpace): { M: number; N: number; K: number; mi: number; ni: number; ki: number } {
  const g = sp.groups;
  const lastOf = (role: Role) => g.map((x) => x.role).lastIndexOf(role);
  const [mi, ni, ki] = [lastOf(Role.M), lastOf(Role.N), lastOf(Role.K)];
  const size = (gi: number) => (gi < 0 ? 1 : g[gi]!.size);
  return { M: size(mi), N: size(ni), K: size(ki), mi, ni, ki };
}
