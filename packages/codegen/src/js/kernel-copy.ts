import { stridesOf } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import type { View } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import type { Ident, Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";

/** Copies `from` (iterated over its shape) to `target[offset + strides . index]`. */
export function emitCopy(ctx: JsContext, from: View, target: Ident, strides: readonly number[] = stridesOf(from.shape), offset = 0): Stmt[] {
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, coalesce(from.shape, [from.strides, strides]));
  const em = new RegionEmitter(ctx, nest, space, { shape: from.shape, nodes: [] });
  em.write(em.load(from), target, strides, offset);
  return nest.build();
}

/** A copy kernel: materializes a view into a var's buffer, an output array or an in-place input. */
export function emitCopyKernel(ctx: JsContext, k: Extract<FusedKernel, { kind: "copy" }>): Stmt[] {
  const to = k.to;
  const target = to.kind === "var" ? ctx.bufferOf(to.v) : ctx.buffer(to);
  return emitCopy(ctx, k.from, target);
}
