import type { Block, Func, Op, OpPrinter, Value } from "./ir.js";
import { typeOf } from "./mlir-types.js";

/** MLIR's SSA naming state while a block is numbered; child regions start from a copy. */
interface NamingState {
  nextValue: number;
  nextArg: number;
  nextConflict: number;
  used: Set<string>;
}

/**
 * Prints functions as MLIR's AsmPrinter does. Naming follows SSANameState: function arguments
 * are %arg0..; results are numbered %0, %1, ... in order (one number per op, `%3:2` and
 * `%3#1` for several results); hinted results take the hint, made unique with a suffix
 * `_N` from one counter; the regions of a block's ops are numbered after the whole block,
 * each from a copy of the counters and names as they stand then.
 */
export class Printer implements OpPrinter {
  private readonly names = new Map<Value, string>();
  private readonly defs = new Map<Op, string>();

  name(v: Value): string {
    const n = this.names.get(v);
    if (n === undefined) throw new Error("stablehlo printer: a value is used outside the scope that defines it");
    return n;
  }

  type(v: Value): string {
    return typeOf(v.aval);
  }

  /** `%a, %b` */
  list(vs: readonly Value[]): string {
    return vs.map((v) => this.name(v)).join(", ");
  }

  /** `tensor<..>, tensor<..>` */
  types(vs: readonly Value[]): string {
    return vs.map((v) => this.type(v)).join(", ");
  }

  /** A region's block: its ops' lines, each indented by two spaces (relative to the op that owns it). */
  blockLines(b: Block): string[] {
    return b.ops.flatMap((op) => this.opLines(op).map((l) => `  ${l}`));
  }

  /** `%arg3: tensor<f32>` for a block argument. */
  argDecl(v: Value): string {
    return `${this.name(v)}: ${this.type(v)}`;
  }

  private opLines(op: Op): string[] {
    const lhs = this.defs.get(op);
    const text = op.render(this);
    return (lhs === undefined ? text : `${lhs} = ${text}`).split("\n");
  }

  private unique(hint: string, s: NamingState): string {
    let name = hint;
    while (s.used.has(name)) name = `${hint}_${s.nextConflict++}`;
    s.used.add(name);
    return name;
  }

  private numberBlock(b: Block, s: NamingState, isEntry: boolean): void {
    if (!isEntry) for (const a of b.args) this.names.set(a, `%arg${s.nextArg++}`);
    for (const op of b.ops) {
      if (op.results.length === 0) continue;
      const base = op.hint !== undefined ? `%${this.unique(op.hint, s)}` : `%${s.nextValue++}`;
      if (op.results.length === 1) {
        this.names.set(op.results[0]!, base);
        this.defs.set(op, base);
      } else {
        op.results.forEach((r, i) => this.names.set(r, `${base}#${i}`));
        this.defs.set(op, `${base}:${op.results.length}`);
      }
    }
    for (const op of b.ops) {
      for (const region of op.regions) {
        this.numberBlock(region, { nextValue: s.nextValue, nextArg: s.nextArg, nextConflict: s.nextConflict, used: new Set(s.used) }, false);
      }
    }
  }

  /** The lines of one `func.func`, indented for a module body. */
  func(f: Func): string[] {
    const args = f.body.args;
    args.forEach((a, i) => this.names.set(a, `%arg${i}`));
    this.numberBlock(f.body, { nextValue: 0, nextArg: args.length, nextConflict: 0, used: new Set() }, true);
    const results = f.resultAvals.map(typeOf);
    const resultText = results.length === 0 ? "" : results.length === 1 ? ` -> ${results[0]}` : ` -> (${results.join(", ")})`;
    const head = `  func.func ${f.visibility} @${f.name}(${args.map((a) => this.argDecl(a)).join(", ")})${resultText} {`;
    const body = f.body.ops.flatMap((op) => this.opLines(op).map((l) => `    ${l}`));
    return [head, ...body, "  }"];
  }
}
