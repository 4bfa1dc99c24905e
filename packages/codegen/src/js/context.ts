import type { Var } from "@kiln/core";
import type { View } from "../fusion/views.js";
import type { RuntimeName } from "../runtime.js";
import type { Schedule } from "../plan/schedule.js";
import { arrayConstructor, type BufferType, type Slot } from "../plan/slots.js";
import type { Placement } from "../backend/placement.js";
import { call, constDecl, dot, id, newExpr, num, type Expr, type Ident, type Stmt } from "./estree.js";

/**
 * State of one lowering: the name counters (every identifier in generated code is a prefix
 * plus a counter), the buffer of every slot, and the statements that run once at compile time.
 */
export class JsContext {
  private readonly counts = new Map<string, number>();
  private readonly slotNames = new Map<string, Ident>();
  private readonly locals = new Map<string, Ident[]>();
  private localUse = new Map<string, number>();
  /** Runs once, when the function is compiled: scratch allocations. */
  readonly preamble: Stmt[] = [];
  /** Runs at the start of every call, before the kernels: argument and buffer locals. */
  readonly prologue: Stmt[] = [];

  /** With device kernels, scratch and the outputs they write live in the device's memory. */
  constructor(readonly schedule: Schedule, readonly argsParam: Ident, readonly placement: Placement | null = null) {}

  get views(): ReadonlyMap<Var, View> {
    return this.schedule.fusion.views;
  }

  fresh(prefix: string): Ident {
    const n = this.counts.get(prefix) ?? 0;
    this.counts.set(prefix, n + 1);
    return id(`${prefix}${n}`);
  }

  helper(name: RuntimeName): Expr {
    return dot(id("rt"), name);
  }

  slotOf(v: Var): Slot {
    const s = this.schedule.slots.get(v);
    if (!s) throw new Error(`codegen: var ${v.id} (${v.aval}) has no buffer`);
    return s;
  }

  /** The local holding a slot's typed array (declared in the prologue on first use). */
  buffer(slot: Slot): Ident {
    const key = `${slot.kind}${slot.kind === "scratch" ? slot.id : slot.index}`;
    const known = this.slotNames.get(key);
    if (known) return known;
    const name = this.fresh(slot.kind === "input" ? "x" : slot.kind === "output" ? "y" : "t");
    this.slotNames.set(key, name);
    if (slot.kind === "input") this.prologue.push(constDecl(name, { type: "MemberExpression", object: this.argsParam, property: num(slot.index), computed: true, optional: false }));
    else if (slot.kind === "output" && this.placement?.residentOutputs.has(slot.index)) this.prologue.push(constDecl(name, this.compileTime(this.outputType(slot.index), this.outputSize(slot.index), true)));
    else if (slot.kind === "output") this.prologue.push(constDecl(name, this.alloc(this.outputType(slot.index), this.outputSize(slot.index))));
    else {
      const s = this.schedule.scratch[slot.id]!;
      this.prologue.push(constDecl(name, this.compileTime(s.type, s.size, this.placement !== null)));
    }
    return name;
  }

  bufferOf(v: Var): Ident {
    return this.buffer(this.slotOf(v));
  }

  /** Resets kernel-local scratch numbering: a new kernel may reuse the previous kernels' scratch. */
  beginKernel(): void {
    this.localUse = new Map();
  }

  /** Scratch private to the current kernel (accumulators, panels), shared with other kernels. */
  localScratch(type: BufferType, size: number): Ident {
    const key = `${type}:${size}`;
    const n = this.localUse.get(key) ?? 0;
    this.localUse.set(key, n + 1);
    const list = this.locals.get(key) ?? [];
    this.locals.set(key, list);
    if (!list[n]) {
      const name = this.fresh("t");
      this.prologue.push(constDecl(name, this.compileTime(type, size)));
      list[n] = name;
    }
    return list[n]!;
  }

  alloc(type: BufferType, size: number): Expr {
    return newExpr(id(arrayConstructor[type]), [num(size)]);
  }

  /**
   * A buffer allocated once in the preamble; the call aliases it to a local (V8 keeps locals in
   * registers). In the device's memory (`wasm.float32(size)`, ...) when device kernels may touch it.
   */
  private compileTime(type: BufferType, size: number, inDeviceMemory = false): Expr {
    const name = this.fresh("s");
    const init = inDeviceMemory ? call(dot(id(this.placement!.glueName), type), [num(size)]) : this.alloc(type, size);
    this.preamble.push(constDecl(name, init));
    return name;
  }

  private outputType(k: number) {
    return this.schedule.fusion.graph.outputs[k]!.aval.dtype;
  }
  private outputSize(k: number) {
    return this.schedule.fusion.graph.outputs[k]!.aval.size;
  }
}
