import type { Eqn, Graph } from "@kiln/core";
import { atomKey, paramsKey } from "./keys.js";
import { Rewriter } from "./rewriter.js";

/**
 * Common-subexpression elimination: two equations with the same op, params and inputs compute
 * the same values (every op is pure, random ops included: their key is an input), so the later
 * one's outputs are replaced by the earlier one's. Random ops with different params never
 * merge because params are part of the key.
 */
export function cse(g: Graph): Graph {
  const rw = new Rewriter();
  const seen = new Map<string, Eqn>();
  const eqns: Eqn[] = [];
  for (const orig of g.eqns) {
    const e = rw.rewrite(orig);
    const key = `${e.op}|${paramsKey(e.params)}|${e.inputs.map(atomKey).join(" ")}`;
    const prev = seen.get(key);
    if (prev) {
      e.out.forEach((v, i) => rw.replace(v, prev.out[i]!));
      continue;
    }
    seen.set(key, e);
    eqns.push(e);
  }
  return rw.finish(g, eqns);
}
