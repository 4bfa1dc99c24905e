import { stridesOf, type Eqn } from "@kiln/core";
import { viewOfAtom, type View } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import { call, dot, exprStmt, num, type Expr, type Stmt } from "./estree.js";
import { sourceAt } from "./region.js";
import { emitCopy } from "./kernel-copy.js";

/** Each operand is copied (through its view) into its block of the result. */
export function emitConcatenate(ctx: JsContext, e: Eqn<"concatenate">): Stmt[] {
  const out = ctx.bufferOf(e.out[0]!);
  const os = stridesOf(e.out[0]!.aval.shape);
  let start = 0;
  return e.inputs.flatMap((x) => {
    const offset = start * os[e.params.dimension]!;
    start += x.aval.shape[e.params.dimension]!;
    return emitCopy(ctx, viewOfAtom(x, ctx.views), out, os, offset);
  });
}

/**
 * Fills the result with the padding value, then copies the operand's elements that land inside
 * (negative padding crops) to their strided positions: the in-range index box per axis is
 * computed here, so the loops have no bounds tests.
 */
export function emitPad(ctx: JsContext, e: Eqn<"pad">): Stmt[] {
  const [x, pv] = e.inputs as [Eqn["inputs"][0], Eqn["inputs"][0]];
  const out = ctx.bufferOf(e.out[0]!);
  const outShape = e.out[0]!.aval.shape;
  const os = stridesOf(outShape);
  const { lo, interior } = e.params;
  const fill = exprStmt(call(dot(out, "fill"), [scalarOf(ctx, pv)]));
  const xv = viewOfAtom(x, ctx.views);
  let offset = xv.offset;
  let outOffset = 0;
  const shape: number[] = [];
  xv.shape.forEach((n, d) => {
    const step = interior[d]! + 1;
    const first = Math.min(n, Math.max(0, Math.ceil(-lo[d]! / step)));
    const end = Math.min(n, Math.max(first, Math.ceil((outShape[d]! - lo[d]!) / step)));
    shape.push(end - first);
    offset += first * xv.strides[d]!;
    outOffset += (lo[d]! + first * step) * os[d]!;
  });
  const from = { ...xv, shape, offset };
  return [fill, ...emitCopy(ctx, from, out, os.map((s, d) => s * (interior[d]! + 1)), outOffset)];
}

/** A scalar operand's value: a literal, or element 0 of its view's buffer. */
export function scalarOf(ctx: JsContext, a: Eqn["inputs"][0]): Expr {
  return elementOf(ctx, viewOfAtom(a, ctx.views), 0);
}

/** The element of a view at flat position `offset + delta` of its source (delta a literal). */
export function elementOf(ctx: JsContext, v: View, delta: number): Expr {
  return sourceAt(ctx, v.source, num(v.offset + delta));
}
