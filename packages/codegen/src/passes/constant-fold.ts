import { dtypeInfo, eagerKernels, ShapedArray, type Eqn, type Graph, type EagerKernel, type Literal, type OpName } from "@kiln/core";
import { Rewriter } from "./rewriter.js";

/**
 * Constant folding: an equation whose inputs are all literals and whose single output is a
 * scalar is evaluated now, with the eager kernel (the same scalar functions eager mode uses,
 * so the folded value is bit-identical), and its output replaced by a literal.
 */
export function constantFold(g: Graph): Graph {
  const rw = new Rewriter();
  const eqns: Eqn[] = [];
  for (const orig of g.eqns) {
    const e = rw.rewrite(orig);
    const lit = fold(e);
    if (lit) rw.replace(e.out[0]!, lit);
    else eqns.push(e);
  }
  return rw.finish(g, eqns);
}

function fold(e: Eqn): Literal | null {
  if (e.out.length !== 1 || e.out[0]!.aval.ndim !== 0) return null;
  if (!e.inputs.every((a) => a.kind === "literal")) return null;
  const out = e.out[0]!.aval;
  const operands = e.inputs.map((a) => ({ aval: a.aval, data: dtypeInfo[a.aval.dtype].from([a.value]) }));
  let result;
  try {
    result = (eagerKernels[e.op] as EagerKernel<OpName>)(operands, e.params, [out]);
  } catch {
    return null; // leave it to run time, which reports the error where eager mode would
  }
  return { kind: "literal", value: result[0]![0]!, aval: new ShapedArray([], out.dtype) };
}
