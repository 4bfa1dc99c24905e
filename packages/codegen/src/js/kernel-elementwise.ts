import type { ElementwisePlan } from "../plan/kernel-plan.js";
import type { JsContext } from "./context.js";
import type { Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { loopSpace } from "./space.js";

/** One loop nest over the region's shape computing its nodes in registers and storing `stored`. */
export function emitElementwise(ctx: JsContext, plan: ElementwisePlan): Stmt[] {
  const nest = new Nest((p) => ctx.fresh(p));
  const em = new RegionEmitter(ctx, nest, loopSpace(nest, plan.groups), plan.kernel.region);
  for (const v of plan.stored) em.value(v);
  for (const v of plan.stored) em.store(v);
  return nest.build();
}
