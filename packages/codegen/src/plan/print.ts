import { formatParam, nameOf, type Atom, type Eqn, type Graph, type Var } from "@kiln/core";
import type { Fusion, FusedKernel } from "../fusion/kernels.js";
import { kernelWrites } from "./kernel-plan.js";
import { kernelPlans, type Schedule } from "./schedule.js";
import type { View } from "../fusion/views.js";

/** Names vars a, b, ..., z, ba, ... in order of definition, exactly as printGraph does. */
export function graphNames(g: Graph): Map<Var, string> {
  const names = new Map<Var, string>();
  for (const v of [...g.constVars, ...g.inputs, ...g.eqns.flatMap((e) => e.out)]) names.set(v, nameOf(names.size));
  return names;
}

/**
 * The plan as text, one kernel per line, vars named as in printGraph:
 * `k0 dot [4,2]: c = dot_general a b | d = add c e -> d` (prologue | main | epilogue -> stored vars).
 * `kernels` defaults to the fusion kernels; printSchedule adds the output copies.
 */
export function printPlan(plan: Fusion, kernels: readonly FusedKernel[] = plan.kernels): string {
  const names = graphNames(plan.graph);
  const atom = (a: Atom) => (a.kind === "literal" ? `${formatParam(a.value)}:${a.aval}` : names.get(a) ?? `tmp${-a.id}`);
  const eqn = (e: Eqn) => {
    const params = Object.entries(e.params as Record<string, unknown>).map(([k, v]) => `${k}=${formatParam(v)}`).join(" ");
    return `${e.out.map(atom).join(" ")} = ${e.op}${params ? `[${params}]` : ""} ${e.inputs.map(atom).join(" ")}`.trimEnd();
  };
  const eqns = (es: readonly Eqn[]) => es.map(eqn).join(" ; ");
  const parts = (...xs: string[]) => xs.filter((x) => x !== "").join(" | ");
  const view = (v: View) => (v.source.kind === "var" ? atom(v.source.v) : v.source.kind === "literal" ? `${formatParam(v.source.value)}` : "iota");
  const body = (k: FusedKernel): string => {
    switch (k.kind) {
      case "elementwise": return `elementwise [${k.region.shape}]: ${eqns(k.region.nodes)}`;
      case "reduce": return `reduce [${k.input.shape}] -> [${k.output.shape}]: ${parts(eqns(k.input.nodes), eqn(k.reduce), eqns(k.output.nodes))}`;
      case "dot": return `dot [${k.output.shape}]: ${parts(eqn(k.dot), eqns(k.output.nodes))}`;
      case "op": return `op: ${eqn(k.eqn)}`;
      case "copy": return `copy [${k.from.shape}]: ${view(k.from)}${k.to.kind === "var" ? "" : ` -> ${k.to.kind} ${k.to.index}`}`;
    }
  };
  return kernels
    .map((k, i) => {
      const stores = kernelWrites(k, plan.materialized).map(atom);
      return `k${i} ${body(k)}${stores.length > 0 ? ` -> ${stores.join(" ")}` : ""}`;
    })
    .join("\n");
}

/** A schedule's kernels (the fusion kernels and the output copies) as printPlan prints them. */
export function printSchedule(s: Schedule): string {
  return printPlan(s.fusion, kernelPlans(s.body).map((p) => p.kernel));
}
