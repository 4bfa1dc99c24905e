import type { Eqn } from "@kiln/core";
import { generate } from "astring";
import type { Program } from "estree";
import type { KernelPlan } from "../plan/kernel-plan.js";
import { kernelPlans, type Schedule } from "../plan/schedule.js";
import { LowerCtx } from "./context.js";
import type { Placement } from "../backend/placement.js";
import { arrayExpr, call, dot, exprStmt, fn, id, num, program, ret, type Stmt } from "./estree.js";
import { emitCopyKernel } from "./kernel-copy.js";
import { emitDot } from "./kernel-dot.js";
import { emitElementwise } from "./kernel-elementwise.js";
import { emitReduce } from "./kernel-reduce.js";
import { opRules, type OpRule } from "./op-rules.js";
import type { KernelOp } from "../fusion/op-class.js";

function emitKernel(ctx: LowerCtx, p: KernelPlan): Stmt[] {
  const claimed = ctx.placement?.kernels.get(p);
  if (claimed) {
    // `wasm.call(i, [buffers])`: the device's kernel i on these buffers
    const buffers = claimed.buffers.map((v) => ctx.bufferOf(v));
    return [exprStmt(call(dot(id(ctx.placement!.glueName), "call"), [num(claimed.index), arrayExpr(buffers)]))];
  }
  switch (p.kind) {
    case "elementwise": return emitElementwise(ctx, p);
    case "reduce": return emitReduce(ctx, p);
    case "dot": return emitDot(ctx, p);
    case "op": return (opRules[p.kernel.eqn.op as KernelOp] as OpRule<KernelOp>)(ctx, p.kernel.eqn as Eqn<KernelOp>);
    case "copy": return emitCopyKernel(ctx, p.kernel);
  }
}

/**
 * The whole generated program, the body of `new Function("rt", "wasm", body)`:
 *
 *     const s0 = new Float32Array(4096);        // scratch, allocated once per compiled signature
 *     return function (args) {
 *       const x0 = args[0], ...;                // inputs; y0 = new Float32Array(n) outputs; t0 = s0 aliases
 *       for (...) { ... }                       // one loop nest per kernel
 *       return [y0, ...];
 *     };
 */
export function lowerProgram(schedule: Schedule, placement: Placement | null = null): { ast: Program; source: string } {
  const args = id("args");
  const ctx = new LowerCtx(schedule, args, placement);
  const body: Stmt[] = [];
  for (const p of kernelPlans(schedule.body)) {
    ctx.beginKernel();
    body.push(...emitKernel(ctx, p));
  }
  const results = schedule.results.map((slot) => ctx.buffer(slot));
  const inner = fn([args], [...ctx.prologue, ...body, ret(arrayExpr(results))]);
  const ast = program([...ctx.preamble, ret(inner)]);
  return { ast, source: generate(ast) };
}
