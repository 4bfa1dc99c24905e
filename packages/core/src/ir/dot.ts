import type { Atom, Graph, Var } from "./graph.js";

/**
 * The graph in Graphviz DOT: one node per input, equation and output, edges labelled with
 * avals. Labels are op names and avals only (no user strings), quoted for DOT.
 */
export function graphToDot(g: Graph, title = "kiln"): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const producer = new Map<Var, string>();
  const lines = [`digraph ${quote(title)} {`, "  rankdir=TB;", '  node [fontname="Helvetica", fontsize=10];'];
  g.constVars.forEach((v, i) => {
    producer.set(v, `c${i}`);
    lines.push(`  c${i} [label=${quote(`const ${v.aval}`)}, shape=box, style=dashed];`);
  });
  g.inputs.forEach((v, i) => {
    producer.set(v, `in${i}`);
    lines.push(`  in${i} [label=${quote(`input ${i}\\n${v.aval}`)}, shape=box];`);
  });
  let literals = 0;
  const edgeFrom = (a: Atom, to: string) => {
    if (a.kind === "literal") {
      const id = `lit${literals++}`;
      lines.push(`  ${id} [label=${quote(String(a.value))}, shape=plaintext];`);
      lines.push(`  ${id} -> ${to};`);
    } else {
      lines.push(`  ${producer.get(a) ?? "missing"} -> ${to} [label=${quote(String(a.aval))}];`);
    }
  };
  g.eqns.forEach((e, i) => {
    const id = `e${i}`;
    lines.push(`  ${id} [label=${quote(e.op)}, shape=ellipse];`);
    e.inputs.forEach((a) => edgeFrom(a, id));
    e.out.forEach((v) => producer.set(v, id));
  });
  g.outputs.forEach((a, i) => {
    lines.push(`  out${i} [label=${quote(`output ${i}`)}, shape=box, style=bold];`);
    edgeFrom(a, `out${i}`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}
