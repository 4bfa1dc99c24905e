import { stridesOf, type DType, type Eqn, type OpName, type ReduceOp, type Var } from "@kiln/core";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelReads, regionLocals } from "../fusion/reads.js";
import type { LowerCtx } from "./context.js";
import { bin, call, dot, exprStmt, fround, index, letDecl, num, type Expr, type Stmt } from "./estree.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { reduceRules } from "./reduce-rules.js";
import { coalesce } from "../plan/coalesce.js";
import { loopSpace } from "./space.js";

type ReduceKernel = Extract<FusedKernel, { kind: "reduce" }>;

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
export function emitReduce(ctx: LowerCtx, k: ReduceKernel, stored: readonly Var[]): Stmt[] {
  const { input, output, reduce } = k;
  const axes = (reduce as Eqn<"reduce_sum">).params.axes;
  const kept = input.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const lift = (s: readonly number[]) => input.shape.map((_, d) => (kept.includes(d) ? s[kept.indexOf(d)]! : 0));
  const inLocals = regionLocals(input);
  const reads = kernelReads(k, ctx.views);
  const parts = {
    inReads: reads.filter((r) => r.region === input).map((r) => r.view.strides),
    outReads: reads.filter((r) => r.region === output).map((r) => r.view.strides),
    inStored: stored.filter((v) => inLocals.has(v)),
    outStored: stored.filter((v) => !inLocals.has(v)),
  };
  const big = (d: number) => input.shape[d]! !== 1;
  const lastKept = Math.max(-1, ...kept.filter(big));
  const innermost = axes.filter(big).every((a) => a > lastKept);
  return innermost ? reduceInRegisters(ctx, k, parts, lift) : reduceIntoArray(ctx, k, parts, lift);
}

interface Parts {
  readonly inReads: readonly (readonly number[])[];
  readonly outReads: readonly (readonly number[])[];
  readonly inStored: readonly Var[];
  readonly outStored: readonly Var[];
}

function reduceInRegisters(ctx: LowerCtx, k: ReduceKernel, p: Parts, lift: (s: readonly number[]) => number[]): Stmt[] {
  const { input, output, reduce } = k;
  const rule = reduceRules[reduce.op as ReduceOp];
  const dtype = reduce.out[0]!.aval.dtype;
  const axes = (reduce as Eqn<"reduce_sum">).params.axes;
  const roles = input.shape.map((_, d) => (axes.includes(d) ? 1 : 0));
  const accesses = [...p.inReads, stridesOf(input.shape), ...p.outReads.map(lift), lift(stridesOf(output.shape))];
  const groups = coalesce(input.shape, accesses, roles);
  const nest = new Nest((s) => ctx.fresh(s));
  const space = loopSpace(nest, groups);
  const keptLevel = groups.filter((g) => g.role === 0).length;

  const acc = ctx.fresh("acc");
  nest.emit(keptLevel, letDecl(acc, num(rule.init(dtype))));
  const inEm = new RegionEmitter(ctx, nest, space, input);
  const x = inEm.value(reduce.inputs[0]!);
  for (const v of p.inStored) inEm.value(v);
  nest.emit(nest.depth, rule.step(acc, x.expr, dtype));
  for (const v of p.inStored) inEm.store(v);

  const outEm = new RegionEmitter(ctx, nest, space, output, lift);
  outEm.provide(reduce.out[0]!, finalize(reduce.op, dtype, acc), keptLevel, true);
  for (const v of p.outStored) outEm.value(v);
  for (const v of p.outStored) outEm.store(v);
  return nest.build();
}

function reduceIntoArray(ctx: LowerCtx, k: ReduceKernel, p: Parts, lift: (s: readonly number[]) => number[]): Stmt[] {
  const { input, output, reduce } = k;
  const rule = reduceRules[reduce.op as ReduceOp];
  const dtype = reduce.out[0]!.aval.dtype;
  const accBuf = ctx.localScratch("float64", output.shape.reduce((a, b) => a * b, 1));
  const init = exprStmt(call(dot(accBuf, "fill"), [num(rule.init(dtype))]));

  const accStrides = lift(stridesOf(output.shape));
  const nest1 = new Nest((s) => ctx.fresh(s));
  const space1 = loopSpace(nest1, coalesce(input.shape, [...p.inReads, stridesOf(input.shape), accStrides]));
  const inEm = new RegionEmitter(ctx, nest1, space1, input);
  const x = inEm.value(reduce.inputs[0]!);
  for (const v of p.inStored) inEm.value(v);
  const accIx = nest1.index(space1.linear(accStrides, 0));
  nest1.emit(nest1.depth, rule.step(index(accBuf, accIx.expr), x.expr, dtype));
  for (const v of p.inStored) inEm.store(v);

  const outStrides = stridesOf(output.shape);
  const nest2 = new Nest((s) => ctx.fresh(s));
  const space2 = loopSpace(nest2, coalesce(output.shape, [...p.outReads, outStrides]));
  const outEm = new RegionEmitter(ctx, nest2, space2, output);
  const ix = nest2.index(space2.linear(outStrides, 0));
  outEm.provide(reduce.out[0]!, finalize(reduce.op, dtype, index(accBuf, ix.expr)), ix.level, false);
  for (const v of p.outStored) outEm.value(v);
  for (const v of p.outStored) outEm.store(v);
  return [init, ...nest1.build(), ...nest2.build()];
}
