import { KilnError } from "../errors.js";
import { shapeRules, type ShapeRule } from "../ops/shape-rules.js";
import type { OpName } from "../ops/op-names.js";
import type { Atom, Graph, Var } from "./graph.js";

export class VerifyError extends KilnError {
  override name = "VerifyError";
}

/**
 * Checks the invariants every pass must keep: each var defined once before use, each
 * equation's output avals equal to its op's shape rule, literals scalar.
 */
export function verifyGraph(g: Graph): void {
  const defined = new Set<Var>();
  const define = (v: Var, where: string) => {
    if (defined.has(v)) throw new VerifyError(`verify: var ${v.id} defined twice (${where})`);
    defined.add(v);
  };
  g.constVars.forEach((v) => define(v, "const"));
  g.inputs.forEach((v) => define(v, "input"));
  const check = (a: Atom, where: string) => {
    if (a.kind === "literal") {
      if (a.aval.ndim !== 0) throw new VerifyError(`verify: literal ${a.value} in ${where} is not a scalar`);
    } else if (!defined.has(a)) {
      throw new VerifyError(`verify: var ${a.id} (${a.aval}) used in ${where} before it is defined`);
    }
  };
  g.eqns.forEach((e, i) => {
    const where = `equation ${i} (${e.op})`;
    e.inputs.forEach((a) => check(a, where));
    let expected;
    try {
      expected = (shapeRules[e.op] as ShapeRule<OpName>)(e.inputs.map((a) => a.aval), e.params);
    } catch (err) {
      throw new VerifyError(`verify: ${where} is ill-typed: ${(err as Error).message}`);
    }
    if (expected.length !== e.out.length || expected.some((a, k) => !a.equals(e.out[k]!.aval))) {
      throw new VerifyError(`verify: ${where} declares outputs ${e.out.map((v) => v.aval).join(", ")} but its rule gives ${expected.join(", ")}`);
    }
    e.out.forEach((v) => define(v, where));
  });
  g.outputs.forEach((a) => check(a, "outputs"));
}
