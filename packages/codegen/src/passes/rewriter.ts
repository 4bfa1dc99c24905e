import type { Atom, Eqn, Graph, Var } from "@kiln/core";

/**
 * Substitution shared by the passes: vars replaced by other atoms are resolved in every
 * later equation's inputs and in the graph outputs, so a pass only decides what to replace.
 */
export class Rewriter {
  private readonly subst = new Map<Var, Atom>();
  private dirty = false;

  /** True once anything was replaced or an equation was dropped or changed. */
  get changed(): boolean {
    return this.dirty;
  }
  markChanged(): void {
    this.dirty = true;
  }

  replace(v: Var, by: Atom): void {
    this.subst.set(v, by);
    this.dirty = true;
  }

  resolve(a: Atom): Atom {
    let cur = a;
    while (cur.kind === "var") {
      const next = this.subst.get(cur);
      if (next === undefined) break;
      cur = next;
    }
    return cur;
  }

  /** The equation with its inputs resolved (the same object when none changed). */
  rewrite(e: Eqn): Eqn {
    const inputs = e.inputs.map((a) => this.resolve(a));
    return inputs.every((a, i) => a === e.inputs[i]) ? e : { ...e, inputs };
  }

  /** The rewritten graph, or `g` itself when the pass changed nothing. */
  finish(g: Graph, eqns: readonly Eqn[]): Graph {
    if (!this.dirty && eqns.length === g.eqns.length && eqns.every((e, i) => e === g.eqns[i])) return g;
    return withBody(g, eqns, g.outputs.map((a) => this.resolve(a)));
  }
}

/** A plain graph with the same constVars and inputs (passes never change the signature). */
export function withBody(g: Graph, eqns: readonly Eqn[], outputs: readonly Atom[]): Graph {
  return { constVars: g.constVars, inputs: g.inputs, eqns, outputs };
}
