import type { Eqn, Graph, OpName, Var } from "@kiln/core";
import { Rewriter } from "./rewriter.js";
import { foldBroadcastOperands, simplifyRules, type Rewrite, type RuleContext } from "./simplify-rules.js";

export interface SimplifyOptions {
  /** Apply XLA's float rewrites that are not bit-exact (x + 0 -> x). Default false. */
  readonly xlaFloat?: boolean;
}

type AnyRule = (e: Eqn, ctx: RuleContext) => Rewrite | null;

/** Algebraic simplification: applies the rule table (simplify-rules.ts) once to every equation. */
export function simplify(g: Graph, options: SimplifyOptions = {}): Graph {
  const rw = new Rewriter();
  const defs = new Map<Var, Eqn>();
  const ctx: RuleContext = {
    def: (a) => (a.kind === "var" ? defs.get(a) : undefined),
    xlaFloat: options.xlaFloat ?? false,
  };
  const eqns: Eqn[] = [];
  for (const orig of g.eqns) {
    let e = rw.rewrite(orig);
    const rule = simplifyRules[e.op as OpName] as AnyRule | undefined;
    const r = rule?.(e, ctx) ?? foldBroadcastOperands(e, ctx);
    if (r?.kind === "forward") {
      rw.replace(e.out[0]!, r.to);
      continue;
    }
    if (r?.kind === "eqn") {
      e = r.eqn;
      rw.markChanged();
    }
    e.out.forEach((v) => defs.set(v, e));
    eqns.push(e);
  }
  return rw.finish(g, eqns);
}
