import { stridesOf, type Eqn } from "@kiln/core";
import { viewOfAtom, type View } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import { add, assign, bin, call, dot, exprStmt, forLoop, ifStmt, index, logical, num, scale, throwStmt, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter, sourceAt } from "./region.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";
import type { RuntimeName } from "../runtime.js";

/** Throws eager mode's error for the first out-of-range index, before anything is written. */
function checkIndices(ctx: JsContext, iv: View, n: number, error: RuntimeName): Stmt[] {
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, coalesce(iv.shape, [iv.strides]));
  const q = new RegionEmitter(ctx, nest, space, { shape: iv.shape, nodes: [] }).load(iv);
  const bad = logical("||", bin("<", q.expr, num(0)), bin(">=", q.expr, num(n)));
  nest.emit(nest.depth, ifStmt(bad, [throwStmt(call(ctx.helper(error), [q.expr, num(n)]))]));
  return nest.build();
}

/** Strides of the index view spread over [outer..., index axes..., inner...]. */
const spread = (iv: View, outer: number, inner: number) => [...Array(outer).fill(0), ...iv.strides, ...Array(inner).fill(0)] as number[];

/** take along one axis: the result's [outer, index, inner] element reads x at the loaded index. */
export function emitTake(ctx: JsContext, e: Eqn<"take">): Stmt[] {
  const [xv, iv] = e.inputs.map((a) => viewOfAtom(a, ctx.views)) as [View, View];
  const axis = e.params.axis;
  const shape = e.out[0]!.aval.shape;
  const inner = xv.shape.length - axis - 1;
  const xs = [...xv.strides.slice(0, axis), ...iv.shape.map(() => 0), ...xv.strides.slice(axis + 1)];
  const is = spread(iv, axis, inner);
  const os = stridesOf(shape);
  const roles = shape.map((_, d) => (d < axis ? 0 : d < axis + iv.shape.length ? 1 : 2));
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, coalesce(shape, [xs, is, os], roles));
  const em = new RegionEmitter(ctx, nest, space, { shape, nodes: [] });
  const q = em.load({ ...iv, shape, strides: is });
  const base = nest.index(space.linear(xs, xv.offset));
  const level = Math.max(q.level, base.level);
  const value = em.bind(sourceAt(ctx, xv.source, add(base.expr, scale(q.expr, xv.strides[axis]!))), level);
  em.write(value, ctx.bufferOf(e.out[0]!), os, 0);
  return [...checkIndices(ctx, iv, xv.shape[axis]!, "takeIndexError"), ...nest.build()];
}

/**
 * scatter_add: updates are added, in row-major order of the updates, into a zeroed Float64Array
 * (no rounding until the end, as eager), then stored into the result.
 */
export function emitScatterAdd(ctx: JsContext, e: Eqn<"scatter_add">): Stmt[] {
  const [uv, iv] = e.inputs.map((a) => viewOfAtom(a, ctx.views)) as [View, View];
  const { axis, shape: outShape } = e.params;
  const size = outShape.reduce((a, b) => a * b, 1);
  const acc = ctx.localScratch("float64", size);
  const os = stridesOf(outShape);
  const inner = outShape.length - axis - 1;
  const as = [...os.slice(0, axis), ...iv.shape.map(() => 0), ...os.slice(axis + 1)];
  const is = spread(iv, axis, inner);
  const nest = new Nest((p) => ctx.fresh(p));
  const space = loopSpace(nest, coalesce(uv.shape, [uv.strides, as, is]));
  const em = new RegionEmitter(ctx, nest, space, { shape: uv.shape, nodes: [] });
  const u = em.load(uv);
  const q = em.load({ ...iv, shape: uv.shape, strides: is });
  const at = add(nest.index(space.linear(as, 0)).expr, scale(q.expr, os[axis]!));
  nest.emit(nest.depth, assign(index(acc, at), u.expr, "+="));
  const out = ctx.bufferOf(e.out[0]!);
  const i = ctx.fresh("i");
  return [
    ...checkIndices(ctx, iv, outShape[axis]!, "scatterIndexError"),
    exprStmt(call(dot(acc, "fill"), [num(0)])),
    ...nest.build(),
    forLoop(i, num(0), num(size), [assign(index(out, i), index(acc, i))]),
  ];
}

