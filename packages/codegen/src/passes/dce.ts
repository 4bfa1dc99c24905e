import type { Graph, Var } from "@kiln/core";
import { withBody } from "./rewriter.js";

/**
 * Dead-code elimination: an equation none of whose outputs reach a graph output is dropped.
 * Every op is pure (random ops take their key as data), so this is always safe. Inputs and
 * constVars stay, so the compiled function keeps the graph's signature.
 */
export function dce(g: Graph): Graph {
  const live = new Set<Var>();
  for (const a of g.outputs) if (a.kind === "var") live.add(a);
  const kept = [];
  for (let i = g.eqns.length - 1; i >= 0; i--) {
    const e = g.eqns[i]!;
    if (!e.out.some((v) => live.has(v))) continue;
    kept.push(e);
    for (const a of e.inputs) if (a.kind === "var") live.add(a);
  }
  if (kept.length === g.eqns.length) return g;
  return withBody(g, kept.reverse(), g.outputs);
}
