import type { Var } from "@kiln/core";
import { Role, type DotKernel, type DotSpace } from "../plan/dot-space.js";
import type { DotPlan } from "../plan/kernel-plan.js";
import type { JsContext } from "./context.js";
import { dotResult, macStmt } from "./dot-arith.js";
import { letDecl, num, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { loopSpace } from "./space.js";
import { emitTiledDot } from "./dot-tiles.js";
import { blockingPays, emitBlockedDot } from "./dot-blocking.js";

/** Multiply-adds below this count use the plain kernel: less code, same bits. */
const TILE_THRESHOLD = 256;

/**
 * Each output element sums its products sequentially over K in a double, exactly like the
 * eager kernel, so results are bit-identical whatever the loop order around it. Large dots
 * use 4x4 register tiles (dot-tiles.ts), cache-blocked over packed operands when the operands
 * outgrow the cache (dot-blocking.ts), with loops over any contraction groups outside the
 * innermost one (a convolution as a window view and a dot); small ones loop over the output
 * with one accumulator and run the epilogue on the spot.
 */
export function emitDot(ctx: JsContext, plan: DotPlan): Stmt[] {
  const { kernel: k, space: sp, stored } = plan;
  const macs = sp.sizes.reduce((a, b) => a * b, 1);
  const buffers = sp.a.source.kind === "var" && sp.b.source.kind === "var";
  if (buffers && macs >= TILE_THRESHOLD) {
    return blockingPays(sp, k.dot.out[0]!.aval.dtype) ? emitBlockedDot(ctx, k, sp, stored) : emitTiledDot(ctx, k, sp, stored);
  }
  return emitSimpleDot(ctx, k, sp, stored);
}

function emitSimpleDot(ctx: JsContext, k: DotKernel, sp: DotSpace, stored: readonly Var[]): Stmt[] {
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
