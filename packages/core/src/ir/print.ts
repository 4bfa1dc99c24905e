import { dtypeInfo } from "../dtype.js";
import type { Atom, Eqn, Graph, Var } from "./graph.js";

/** Names a, b, ..., z, ba, bb, ... as jaxprs do, assigned in order of first definition. */
export function nameOf(i: number): string {
  let s = "";
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

export function formatParam(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v);
  if (globalThis.Array.isArray(v)) return `(${v.map(formatParam).join(", ")}${v.length === 1 ? "," : ""})`;
  return String(v);
}

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0.0";
  return String(x);
}

/**
 * The stable printed form of a graph, in the style of jax.make_jaxpr:
 * `{ lambda consts ; inputs. let eqns in (outputs) }`.
 */
export function printGraph(g: Graph): string {
  const names = new Map<Var, string>();
  const def = (v: Var) => {
    const n = nameOf(names.size);
    names.set(v, n);
    return `${n}:${v.aval}`;
  };
  const use = (a: Atom): string => {
    if (a.kind === "literal") {
      const d = dtypeInfo[a.aval.dtype].short;
      return a.aval.dtype === "float32" ? `${formatNumber(a.value)}:${d}[]` : `${formatNumber(a.value)}:${d}[]`;
    }
    return names.get(a) ?? `<undefined ${a.id}>`;
  };
  const consts = g.constVars.map(def).join(" ");
  const inputs = g.inputs.map(def).join(" ");
  const eqnLine = (e: Eqn) => {
    const params = Object.entries(e.params as Record<string, unknown>)
      .map(([k, v]) => `${k}=${formatParam(v)}`)
      .join(" ");
    const lhs = e.out.map(def).join(" ");
    const args = e.inputs.map(use).join(" ");
    return `    ${lhs} = ${e.op}${params ? `[${params}]` : ""}${args ? ` ${args}` : ""}`;
  };
  const lines = g.eqns.map(eqnLine);
  const outs = g.outputs.map(use).join(", ");
  const head = `{ lambda ${consts}${consts ? " " : ""}; ${inputs}. let`;
  return [head, ...lines, `  in (${outs}${g.outputs.length === 1 ? "," : ""}) }`].join("\n");
}
