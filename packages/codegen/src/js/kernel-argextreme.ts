import { stridesOf, type Eqn } from "@kiln/core";
import { viewOfAtom } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import { add, assign, bin, constDecl, forLoop, ifStmt, letDecl, logical, num, scale, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter, sourceAt } from "./region.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";

/**
 * argmax/argmin along one axis: the first extreme wins, and a NaN counts as the extreme (the
 * scan stops at the first NaN), exactly as the eager kernel.
 */
export function emitArgExtreme(ctx: JsContext, e: Eqn<"argmax" | "argmin">, isMax: boolean): Stmt[] {
  const xv = viewOfAtom(e.inputs[0]!, ctx.views);
  const axis = e.params.axis;
  const outShape = e.out[0]!.aval.shape;
  const xs = xv.strides.filter((_, d) => d !== axis);
  const os = stridesOf(outShape);
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, coalesce(outShape, [xs, os]));
  const base = nest.index(space.linear(xs, xv.offset)).expr;
  const [best, bi, k, v] = [ctx.fresh("best"), ctx.fresh("bi"), ctx.fresh("k"), ctx.fresh("v")];
  const better = logical("||", bin("!==", v, v), bin(isMax ? ">" : "<", v, best));
  const scan = [constDecl(v, sourceAt(ctx, xv.source, add(base, scale(k, xv.strides[axis]!)))), ifStmt(better, [assign(best, v), assign(bi, k)])];
  const d = nest.depth;
  nest.emit(d, letDecl(best, sourceAt(ctx, xv.source, base)));
  nest.emit(d, letDecl(bi, num(0)));
  nest.emit(d, forLoop(k, num(1), num(xv.shape[axis]!), scan, 1, bin("===", best, best)));
  new RegionEmitter(ctx, nest, space, { shape: outShape, nodes: [] }).write({ expr: bi, level: d, late: false }, ctx.bufferOf(e.out[0]!), os, 0);
  return nest.build();
}
