import type { ShapedArray } from "../aval.js";
import type { OpName, OpParams } from "../ops/op-names.js";

/**
 * The IR, as plain data (JAX's jaxpr in ANF form). A Var is defined once, by a graph input
 * or by one equation; a Literal is a scalar constant written inline. Names are not stored:
 * the printer assigns them in order, so printed graphs never depend on global counters.
 */
export interface Var {
  readonly kind: "var";
  readonly id: number;
  readonly aval: ShapedArray;
}

export interface Literal {
  readonly kind: "literal";
  readonly value: number;
  readonly aval: ShapedArray; // always a scalar aval
}

export type Atom = Var | Literal;

export interface Eqn<P extends OpName = OpName> {
  readonly op: P;
  readonly inputs: readonly Atom[];
  readonly params: OpParams[P];
  readonly out: readonly Var[];
}

/**
 * A graph: constVars are inputs whose values were captured at trace time (constValues, kept
 * beside the graph by whoever traced it); inputs are the function's flattened arguments.
 */
export interface Graph {
  readonly constVars: readonly Var[];
  readonly inputs: readonly Var[];
  readonly eqns: readonly Eqn[];
  readonly outputs: readonly Atom[];
}

export function isVar(a: Atom): a is Var {
  return a.kind === "var";
}

export function isLiteral(a: Atom): a is Literal {
  return a.kind === "literal";
}

/** Allocates Var ids for one graph under construction or transformation. */
export class VarFactory {
  private next = 0;
  constructor(start = 0) {
    this.next = start;
  }
  fresh(aval: ShapedArray): Var {
    return { kind: "var", id: this.next++, aval };
  }
}


/** The largest var id in use, so a pass can allocate fresh ones after it. */
export function maxVarId(g: Graph): number {
  let m = -1;
  for (const v of g.constVars) m = Math.max(m, v.id);
  for (const v of g.inputs) m = Math.max(m, v.id);
  for (const e of g.eqns) for (const v of e.out) m = Math.max(m, v.id);
  return m;
}
