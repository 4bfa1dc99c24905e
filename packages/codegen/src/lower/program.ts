import type { Eqn } from "@kiln/core";
import { generate } from "astring";
import type { Program } from "estree";
import type { FusedKernel } from "../fusion/kernels.js";
import { kernelWrites } from "../plan/buffers.js";
import type { Schedule } from "../plan/schedule.js";
import { LowerCtx } from "./context.js";
import type { WasmOptions } from "../wasm/plan.js";
import { planWasm, type WasmLowering } from "../wasm/lowering.js";
import { arrayExpr, call, dot, exprStmt, fn, id, num, program, ret, type Stmt } from "./estree.js";
import { emitCopyKernel } from "./kernel-copy.js";
import { emitDot } from "./kernel-dot.js";
import { emitElementwise } from "./kernel-elementwise.js";
import { emitReduce } from "./kernel-reduce.js";
import { opRules, type OpRule } from "./op-rules.js";
import type { KernelOp } from "../fusion/op-class.js";

function emitKernel(ctx: LowerCtx, k: FusedKernel): Stmt[] {
  const wasmIndex = ctx.wasm?.kernelOf.get(k);
  if (wasmIndex !== undefined) {
    // `wasm.call(i, [buffers])`: the kernel's wasm function on these buffers' addresses
    const buffers = ctx.wasm!.program.kernels[wasmIndex]!.buffers.map((v) => ctx.bufferOf(v));
    return [exprStmt(call(dot(id("wasm"), "call"), [num(wasmIndex), arrayExpr(buffers)]))];
  }
  const stored = kernelWrites(k, ctx.schedule.fusion.materialized);
  switch (k.kind) {
    case "elementwise": return emitElementwise(ctx, k, stored);
    case "reduce": return emitReduce(ctx, k, stored);
    case "dot": return emitDot(ctx, k, stored);
    case "op": return (opRules[k.eqn.op as KernelOp] as OpRule<KernelOp>)(ctx, k.eqn as Eqn<KernelOp>);
    case "copy": return emitCopyKernel(ctx, k);
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
export function lowerProgram(schedule: Schedule, wasmOptions?: WasmOptions): { ast: Program; source: string; wasm: WasmLowering | null } {
  const args = id("args");
  const wasm = wasmOptions ? planWasm(schedule, wasmOptions) : null;
  const ctx = new LowerCtx(schedule, args, wasm);
  const body: Stmt[] = [];
  for (const k of schedule.kernels) {
    ctx.beginKernel();
    body.push(...emitKernel(ctx, k));
  }
  const results = schedule.results.map((slot) => ctx.buffer(slot));
  const inner = fn([args], [...ctx.prologue, ...body, ret(arrayExpr(results))]);
  const ast = program([...ctx.preamble, ret(inner)]);
  return { ast, source: generate(ast), wasm };
}
