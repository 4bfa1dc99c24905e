import type { Eqn } from "@kiln/core";
import { viewOfAtom } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import { call, exprStmt, num, type Expr, type Stmt } from "./estree.js";
import { elementOf, scalarOf } from "./kernel-structural.js";

/** The two key words of a u32[2] key operand (read through its view). */
function keyWords(ctx: JsContext, e: Eqn): [Expr, Expr] {
  const v = viewOfAtom(e.inputs[0]!, ctx.views);
  return [elementOf(ctx, v, 0), elementOf(ctx, v, v.strides[0]!)];
}

/** threefry random bits (partitionable scheme) written straight into the result buffer. */
export function emitRandomBits(ctx: JsContext, e: Eqn<"random_bits">): Stmt[] {
  return [exprStmt(call(ctx.helper("randomBits32"), [...keyWords(ctx, e), ctx.bufferOf(e.out[0]!)]))];
}

export function emitRandomSplit(ctx: JsContext, e: Eqn<"random_split">): Stmt[] {
  return [exprStmt(call(ctx.helper("splitKeys"), [...keyWords(ctx, e), num(e.params.num), ctx.bufferOf(e.out[0]!)]))];
}

/** fold_in(key, d) = threefry2x32(key, [0, d]), written in place (no allocation). */
export function emitRandomFoldIn(ctx: JsContext, e: Eqn<"random_fold_in">): Stmt[] {
  const data = scalarOf(ctx, e.inputs[1]!);
  return [exprStmt(call(ctx.helper("threefry2x32Into"), [...keyWords(ctx, e), num(0), data, ctx.bufferOf(e.out[0]!), num(0)]))];
}
