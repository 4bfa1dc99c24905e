import { stridesOf, type DType, type OpName, type ReduceOp } from "@kiln/core";
import type { ReducePlan } from "../plan/kernel-plan.js";
import type { JsContext } from "./context.js";
import { bin, call, dot, exprStmt, fround, index, letDecl, num, type Expr, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { reduceRules } from "./reduce-rules.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";

/** The result element as eager mode stores it: a float sum rounds once, a uint32 sum re-wraps. */
function finalize(op: OpName, dtype: DType, acc: Expr): Expr {
  if (op !== "reduce_sum") return acc;
  return dtype === "float32" ? fround(acc) : dtype === "uint32" ? bin(">>>", acc, num(0)) : acc;
}

/**
 * A reduction with its prologue (input region) and epilogue (output region). Every result
 * element accumulates its inputs in row-major order, exactly as the eager kernel does, so
 * sums are bit-identical. When the reduced axes are innermost, the accumulator is a local and
 * the epilogue runs right after the inner loops; otherwise the loops walk the input in
 * row-major order accumulating into a Float64Array, and a second loop runs the epilogue.
 */
export function emitReduce(ctx: JsContext, plan: ReducePlan): Stmt[] {
  return plan.innermost ? reduceInRegisters(ctx, plan) : reduceIntoArray(ctx, plan);
}

const strides = (reads: ReducePlan["inReads"]) => reads.map((r) => r.view.strides);

function reduceInRegisters(ctx: JsContext, p: ReducePlan): Stmt[] {
  const { input, output, reduce } = p.kernel;
  const rule = reduceRules[reduce.op as ReduceOp];
  const dtype = reduce.out[0]!.aval.dtype;
  const nest = new Nest((s) => ctx.fresh(s));
  const space = loopSpace(nest, p.groups);
  const keptLevel = p.groups.filter((g) => g.role === 0).length;

  const acc = ctx.fresh("acc");
  nest.emit(keptLevel, letDecl(acc, num(rule.init(dtype))));
  const inEm = new RegionEmitter(ctx, nest, space, input);
  const x = inEm.value(reduce.inputs[0]!);
  for (const v of p.inStored) inEm.value(v);
  nest.emit(nest.depth, rule.step(acc, x.expr, dtype));
  for (const v of p.inStored) inEm.store(v);

  const outEm = new RegionEmitter(ctx, nest, space, output, p.lift);
  outEm.provide(reduce.out[0]!, finalize(reduce.op, dtype, acc), keptLevel, true);
  for (const v of p.outStored) outEm.value(v);
  for (const v of p.outStored) outEm.store(v);
  return nest.build();
}

function reduceIntoArray(ctx: JsContext, p: ReducePlan): Stmt[] {
  const { input, output, reduce } = p.kernel;
  const rule = reduceRules[reduce.op as ReduceOp];
  const dtype = reduce.out[0]!.aval.dtype;
  const accBuf = ctx.localScratch("float64", output.shape.reduce((a, b) => a * b, 1));
  const init = exprStmt(call(dot(accBuf, "fill"), [num(rule.init(dtype))]));

  const accStrides = p.lift(stridesOf(output.shape));
  const nest1 = new Nest((s) => ctx.fresh(s));
  const space1 = loopSpace(nest1, coalesce(input.shape, [...strides(p.inReads), stridesOf(input.shape), accStrides]));
  const inEm = new RegionEmitter(ctx, nest1, space1, input);
  const x = inEm.value(reduce.inputs[0]!);
  for (const v of p.inStored) inEm.value(v);
  const accIx = nest1.index(space1.linear(accStrides, 0));
  nest1.emit(nest1.depth, rule.step(index(accBuf, accIx.expr), x.expr, dtype));
  for (const v of p.inStored) inEm.store(v);

  const outStrides = stridesOf(output.shape);
  const nest2 = new Nest((s) => ctx.fresh(s));
  const space2 = loopSpace(nest2, coalesce(output.shape, [...strides(p.outReads), outStrides]));
  const outEm = new RegionEmitter(ctx, nest2, space2, output);
  const ix = nest2.index(space2.linear(outStrides, 0));
  outEm.provide(reduce.out[0]!, finalize(reduce.op, dtype, index(accBuf, ix.expr)), ix.level, false);
  for (const v of p.outStored) outEm.value(v);
  for (const v of p.outStored) outEm.store(v);
  return [init, ...nest1.build(), ...nest2.build()];
}
