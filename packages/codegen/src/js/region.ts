import { stridesOf, type Atom, type Eqn, type Var } from "@kiln/core";
import type { ElementwiseOp } from "../fusion/op-class.js";
import type { Region } from "../fusion/kernels.js";
import { broadcastView, viewOfAtom, type Source, type View } from "../fusion/views.js";
import type { JsContext } from "./context.js";
import { assign, bin, cond, constDecl, fround, index, num, type Expr, type Ident } from "./estree.js";
import type { Nest, Phase } from "./nest.js";
import { elementwiseRules, type ElementwiseRule } from "./elementwise-rules.js";
import type { Space } from "./space.js";

/**
 * A value inside a loop nest: its expression (an identifier or literal), the loop level it
 * varies at, and whether it depends on a value that only exists after an inner loop (a
 * reduction result), in which case it is placed after that loop.
 */
export interface Value {
  readonly expr: Expr;
  readonly level: number;
  readonly late: boolean;
}

/** Maps strides over the region's axes to strides over the nest's space (identity by default). */
export type Lift = (strides: readonly number[]) => readonly number[];

/**
 * Emits a region's nodes into a nest: each node becomes one `const` at the outermost level
 * where all its operands are known (loop-invariant code motion for free), leaves are loads
 * through their views, and stores come last so that an in-place store follows every load.
 */
export class RegionEmitter {
  private readonly memo = new Map<Var, Value>();
  private readonly defs = new Map<Var, Eqn>();

  constructor(
    private readonly ctx: JsContext,
    private readonly nest: Nest,
    private readonly space: Space,
    private readonly region: Region,
    private readonly lift: Lift = (s) => s,
    private readonly base: readonly (readonly [Ident, number])[] = [],
  ) {
    for (const e of region.nodes) for (const v of e.out) this.defs.set(v, e);
  }

  /** Makes `v` available as `expr` (a reduction or dot result), bound to a const at `level`. */
  provide(v: Var, expr: Expr, level: number, late: boolean): Value {
    const val = this.bind(expr, level, late);
    this.memo.set(v, val);
    return val;
  }

  value(a: Atom): Value {
    if (a.kind === "literal") return { expr: num(a.value), level: 0, late: false };
    const known = this.memo.get(a);
    if (known) return known;
    const e = this.defs.get(a);
    const v = e ? this.node(e) : this.load(broadcastView(viewOfAtom(a, this.ctx.views), this.region.shape));
    this.memo.set(a, v);
    return v;
  }

  /** Reads a view (over the region's shape) at the current element. */
  load(view: View): Value {
    if (view.source.kind === "literal") return { expr: num(view.source.value), level: 0, late: false };
    return this.loadAt(view.source, this.nest.index(this.space.linear(this.lift(view.strides), view.offset, this.base)));
  }

  /** Reads a source at a computed flat position. */
  loadAt(src: Source, ix: { readonly expr: Expr; readonly level: number }): Value {
    if (src.kind === "literal") return { expr: num(src.value), level: 0, late: false };
    return this.bind(sourceAt(this.ctx, src, ix.expr), ix.level, false);
  }

  /** `buffer[element] = value` for a stored node; call after every value() of the kernel. */
  store(v: Var): void {
    this.write(this.value(v), this.ctx.bufferOf(v), stridesOf(this.region.shape), 0);
  }

  /** `target[offset + strides . element] = value`. */
  write(val: Value, target: Ident, strides: readonly number[], offset: number): void {
    const ix = this.nest.index(this.space.linear(this.lift(strides), offset, this.base));
    this.nest.emit(Math.max(val.level, ix.level), assign(index(target, ix.expr), val.expr), phaseOf(val));
  }

  private node(e: Eqn): Value {
    const args = e.inputs.map((a) => this.value(a));
    const level = Math.max(0, ...args.map((a) => a.level));
    const late = args.some((a) => a.late);
    const rule = elementwiseRules[e.op as ElementwiseOp] as ElementwiseRule<ElementwiseOp> | undefined;
    if (!rule) throw new Error(`codegen: ${e.op} is not elementwise`);
    const scalarCtx = {
      bind: (x: Expr) => this.bind(x, level, late).expr,
      helper: this.ctx.helper.bind(this.ctx),
    };
    return this.bind(rule(e as Eqn<ElementwiseOp>, args.map((a) => a.expr), scalarCtx), level, late);
  }

  /** Binds an expression to a fresh const at `level` (identifiers and literals are used as they are). */
  bind(expr: Expr, level: number, late = false): Value {
    if (expr.type === "Identifier" || expr.type === "Literal") return { expr, level, late };
    const name = this.ctx.fresh("v");
    this.nest.emit(level, constDecl(name, expr), late ? "post" : "pre");
    return { expr: name, level, late };
  }
}

/** The element of a source at flat position `ix`: a buffer load, the literal, or the iota value. */
export function sourceAt(ctx: JsContext, src: Source, ix: Expr): Expr {
  switch (src.kind) {
    case "literal": return num(src.value);
    case "iota": return src.dtype === "bool" ? cond(bin("!==", ix, num(0)), num(1), num(0)) : src.dtype === "float32" ? fround(ix) : ix;
    case "var": return index(ctx.bufferOf(src.v), ix);
  }
}

const phaseOf = (v: Value): Phase => (v.late ? "post" : "pre");
