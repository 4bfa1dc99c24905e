import { add, bin, constDecl, forLoop, num, scale, type Expr, type Ident, type Stmt } from "./estree.js";

/** A linear index: offset + sum(coefficient * loop variable). Strides are literals in the code. */
export interface Linear {
  readonly offset: number;
  readonly terms: readonly (readonly [Ident, number])[];
}

export type Phase = "pre" | "post";

/**
 * A loop nest under construction. Level 0 is outside every loop of the nest, level k inside
 * loop k. Statements are placed at a level, before ("pre") or after ("post") the next inner
 * loop, which is what loop-invariant hoisting and reduction finalizers need.
 */
export class Nest {
  private readonly loops: { v: Ident; start: Expr; end: Expr; step: number }[] = [];
  private readonly pre: Stmt[][] = [[]];
  private readonly post: Stmt[][] = [[]];
  private readonly levelOf = new Map<string, number>();
  private readonly indexMemo = new Map<string, { expr: Expr; level: number }>();

  constructor(private readonly fresh: (prefix: string) => Ident) {}

  get depth(): number {
    return this.loops.length;
  }

  /** Opens `for (let v = start; v < end; v += step)` inside the current innermost loop. */
  loop(start: Expr, end: Expr, step = 1, prefix = "i"): Ident {
    const v = this.fresh(prefix);
    this.loops.push({ v, start, end, step });
    this.pre.push([]);
    this.post.push([]);
    this.levelOf.set(v.name, this.loops.length);
    return v;
  }

  /** The loop level a variable varies at (0 for variables from enclosing code). */
  level(v: Ident): number {
    return this.levelOf.get(v.name) ?? 0;
  }

  emit(level: number, stmt: Stmt, phase: Phase = "pre"): void {
    (phase === "pre" ? this.pre : this.post)[level]!.push(stmt);
  }

  /** An index expression, bound to a `const` at the level it varies at (memoized per nest). */
  index(ix: Linear): { expr: Expr; level: number } {
    const terms = ix.terms.filter(([, c]) => c !== 0);
    const level = Math.max(0, ...terms.map(([v]) => this.level(v)));
    if (terms.length === 0) return { expr: num(ix.offset), level: 0 };
    if (terms.length === 1 && terms[0]![1] === 1 && ix.offset === 0) return { expr: terms[0]![0], level };
    const key = `${ix.offset}|${terms.map(([v, c]) => `${v.name}*${c}`).join("+")}`;
    const memo = this.indexMemo.get(key);
    if (memo) return memo;
    const sorted = [...terms].sort(([a], [b]) => this.level(a) - this.level(b));
    const expr = add(sorted.map(([v, c]) => scale(v, c)).reduce((a, b) => bin("+", a, b)), num(ix.offset));
    const name = this.fresh("p");
    this.emit(level, constDecl(name, expr));
    const r = { expr: name, level };
    this.indexMemo.set(key, r);
    return r;
  }

  build(): Stmt[] {
    return this.body(0);
  }

  private body(level: number): Stmt[] {
    const l = this.loops[level];
    const inner = l ? [forLoop(l.v, l.start, l.end, this.body(level + 1), l.step)] : [];
    return [...this.pre[level]!, ...inner, ...this.post[level]!];
  }
}
