import type { Eqn } from "@kiln/core";
import { generate } from "astring";
import type { Program } from "estree";
import type { KernelPlan } from "../plan/kernel-plan.js";
import type { Block, Schedule } from "../plan/schedule.js";
import { JsContext } from "./context.js";
import type { Placement } from "../backend/placement.js";
import { arrayExpr, call, dot, exprStmt, fn, id, num, program, ret, type Stmt } from "./estree.js";
import { emitCopyKernel } from "./kernel-copy.js";
import { emitDot } from "./kernel-dot.js";
import { emitElementwise } from "./kernel-elementwise.js";
import { emitReduce } from "./kernel-reduce.js";
import { opRules, type OpRule } from "./op-rules.js";
import type { KernelOp } from "../fusion/op-class.js";

function emitKernel(ctx: JsContext, p: KernelPlan): Stmt[] {
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

/** A block's steps in order: each kernel's loops, or a call where a device runs it. */
function emitBlock(ctx: JsContext, block: Block): Stmt[] {
  const out: Stmt[] = [];
  for (const step of block.steps) {
    switch (step.kind) {
      case "kernel":
        ctx.beginKernel();
        out.push(...emitKernel(ctx, step.plan));
        break;
      default:
        step.kind satisfies never;
    }
  }
  return out;
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
export function emitHostProgram(schedule: Schedule, placement: Placement | null = null): { ast: Program; source: string } {
  const args = id("args");
  const ctx = new JsContext(schedule, args, placement);
  const body = emitBlock(ctx, schedule.body);
  const results = schedule.results.map((slot) => ctx.buffer(slot));
  const inner = fn([args], [...ctx.prologue, ...body, ret(arrayExpr(results))]);
  const ast = program([...ctx.preamble, ret(inner)]);
  return { ast, source: generate(ast) };
}
