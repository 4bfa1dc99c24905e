import { stridesOf, type Eqn, type Var } from "@kiln/core";
import type { Kernel } from "../fusion/plan.js";
import { kernelReads } from "../fusion/reads.js";
import { viewOfAtom, type View } from "../fusion/views.js";
import type { LowerCtx } from "./context.js";
import { bin, fround, letDecl, math, num, assign, type Expr, type Ident, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { coalesce, loopSpace, type Group } from "./space.js";
import { emitTiledDot } from "./dot-tiles.js";
import { blockingPays, emitBlockedDot } from "./dot-blocking.js";

export type DotKernel = Extract<Kernel, { kind: "dot" }>;

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

export function dotSpace(ctx: Pick<LowerCtx, "views">, k: DotKernel): DotSpace {
  const e = k.dot as Eqn<"dot_general">;
  const [lv, rv] = e.inputs.map((x) => viewOfAtom(x, ctx.views)) as [View, View];
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
  const outLike = [...kernelReads(k, ctx.views).filter((r) => r.region === k.output).map((r) => lift(r.view.strides)), lift(stridesOf(k.output.shape))];
  const groups = coalesce(sizes, [aStrides, bStrides, ...outLike], roles);
  return { sizes, roles, a: { ...lv, shape: sizes, strides: aStrides }, b: { ...rv, shape: sizes, strides: bStrides }, lift, groups };
}

/** Float products accumulate in a double (exact products, one rounding per sum step); ints wrap. */
export function macStmt(acc: Ident, a: Expr, b: Expr, isFloat: boolean): Stmt {
  return isFloat ? assign(acc, bin("*", a, b), "+=") : assign(acc, bin("|", bin("+", acc, math("imul", a, b)), num(0)));
}

/** The stored result element: a float sum is rounded once (Float32Array semantics), uint32 re-wrapped. */
export function dotResult(dtype: string, acc: Expr): Expr {
  return dtype === "float32" ? fround(acc) : dtype === "uint32" ? bin(">>>", acc, num(0)) : acc;
}

/** Multiply-adds below this count use the plain kernel: less code, same bits. */
const TILE_THRESHOLD = 256;

/**
 * Each output element sums its products sequentially over K in a double, exactly like the
 * eager kernel, so results are bit-identical whatever the loop order around it. Large dots
 * use 4x4 register tiles (dot-tiles.ts), cache-blocked over packed operands when the operands
 * outgrow the cache (dot-blocking.ts); small ones (or several uncoalescable K axes) loop
 * over the output with one accumulator and run the epilogue on the spot.
 */
export function emitDot(ctx: LowerCtx, k: DotKernel, stored: readonly Var[]): Stmt[] {
  const sp = dotSpace(ctx, k);
  const macs = sp.sizes.reduce((a, b) => a * b, 1);
  const kGroups = sp.groups.filter((g) => g.role === Role.K).length;
  const buffers = sp.a.source.kind === "var" && sp.b.source.kind === "var";
  if (buffers && kGroups <= 1 && macs >= TILE_THRESHOLD) {
    return blockingPays(sp, k.dot.out[0]!.aval.dtype) ? emitBlockedDot(ctx, k, sp, stored) : emitTiledDot(ctx, k, sp, stored);
  }
  return emitSimpleDot(ctx, k, sp, stored);
}

function emitSimpleDot(ctx: LowerCtx, k: DotKernel, sp: DotSpace, stored: readonly Var[]): Stmt[] {
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, sp.groups);
  const outLevel = sp.groups.filter((g) => g.role !== Role.K).length;
  const dtype = k.dot.out[0]!.aval.dtype;
  const acc = ctx.fresh("acc");
  nest.emit(outLevel, letDecl(acc, num(0)));
  const em = new RegionEmitter(ctx, nest, space, { shape: sp.sizes, nodes: [] });
  const a = em.load(sp.a);
  const b = em.load(sp.b);
  nest.emit(nest.depth, macStmt(acc, a.expr, b.expr, dtype === "float32"));
  const out = new RegionEmitter(ctx, nest, space, k.output, sp.lift);
  out.provide(k.dot.out[0]!, dotResult(dtype, acc), outLevel, true);
  for (const v of stored) out.value(v);
  for (const v of stored) out.store(v);
  return nest.build();
}
