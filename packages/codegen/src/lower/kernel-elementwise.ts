import { stridesOf, type Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelReads } from "../fusion/reads.js";
import type { LowerCtx } from "./context.js";
import type { Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";

/** One loop nest over the region's shape computing its nodes in registers and storing `stored`. */
export function emitElementwise(ctx: LowerCtx, k: Extract<FusedKernel, { kind: "elementwise" }>, stored: readonly Var[]): Stmt[] {
  const shape = k.region.shape;
  const accesses = [...kernelReads(k, ctx.views).map((r) => r.view.strides), stridesOf(shape)];
  const nest = new Nest((p) => ctx.fresh(p));
  const em = new RegionEmitter(ctx, nest, loopSpace(nest, coalesce(shape, accesses)), k.region);
  for (const v of stored) em.value(v);
  for (const v of stored) em.store(v);
  return nest.build();
}
