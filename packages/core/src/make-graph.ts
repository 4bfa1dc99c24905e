import { Array, scalarArray } from "./array.js";
import { ShapedArray } from "./aval.js";
import { defaultDTypeOf } from "./dtype.js";
import { TraceError } from "./errors.js";
import type { Atom, Eqn, Graph, Var } from "./ir/graph.js";
import { printGraph } from "./ir/print.js";
import { treeFlatten, treeUnflatten, type TreeDef } from "./pytree.js";
import { withNewTrace } from "./trace.js";

/** A traced function: its graph, the values captured as constants, and its pytree structure. */
export class ClosedGraph implements Graph {
  constructor(
    readonly constVars: readonly Var[],
    readonly constValues: readonly Array[],
    readonly inputs: readonly Var[],
    readonly eqns: readonly Eqn[],
    readonly outputs: readonly Atom[],
    readonly inTree: TreeDef,
    readonly outTree: TreeDef,
  ) {}

  toString(): string {
    return printGraph(this);
  }

  /** The same closure with another graph body (used by passes). */
  withGraph(g: Graph): ClosedGraph {
    return new ClosedGraph(g.constVars, this.constValues, g.inputs, g.eqns, g.outputs, this.inTree, this.outTree);
  }
}

/** An input to tracing: a concrete Array or just its aval. */
export type AbstractInput = Array | ShapedArray;

function avalOf(x: unknown, where: string): ShapedArray {
  if (x instanceof Array) return x.aval;
  if (x instanceof ShapedArray) return x;
  throw new TraceError(`${where}: expected an Array or ShapedArray leaf, got ${typeof x}`);
}

function toArrayLeaf(x: unknown, where: string): Array {
  if (x instanceof Array) return x;
  if (typeof x === "number" || typeof x === "boolean") return scalarArray(Number(x), defaultDTypeOf(x));
  throw new TraceError(`${where}: a traced function must return Arrays (or numbers), got ${x === null ? "null" : typeof x}`);
}

/**
 * Traces `f` on abstract arguments given as flat avals with their tree structure. Non-array
 * leaves are static: passed to `f` unchanged. The trace is discarded if `f` throws.
 */
export function traceFlat(f: (...args: unknown[]) => unknown, leaves: readonly unknown[], inTree: TreeDef, isStatic: (leaf: unknown) => boolean): ClosedGraph {
  return withNewTrace((trace) => {
    const inputs: Var[] = [];
    const tracedLeaves = leaves.map((leaf) => {
      if (isStatic(leaf)) return leaf;
      const v = trace.vars.fresh(avalOf(leaf, "makeGraph"));
      inputs.push(v);
      return trace.tracer(v);
    });
    const args = treeUnflatten(inTree, tracedLeaves) as unknown[];
    const result = f(...args);
    const [outLeaves, outTree] = treeFlatten(result);
    const outputs = outLeaves.map((l) => trace.atomFor(toArrayLeaf(l, "makeGraph")));
    return new ClosedGraph(trace.constVars, trace.constValues, inputs, trace.eqns, outputs, inTree, outTree);
  });
}

const isStaticLeaf = (leaf: unknown) => !(leaf instanceof Array) && !(leaf instanceof ShapedArray);

/**
 * `makeGraph(f)(...args)` traces `f` and returns its graph, like `jax.make_jaxpr`. Arguments are
 * pytrees of Arrays or ShapedArrays; other leaves (numbers, strings) are static.
 */
export function makeGraph<A extends unknown[]>(f: (...args: A) => unknown): (...args: { [K in keyof A]: unknown }) => ClosedGraph {
  return (...args) => {
    const [leaves, inTree] = treeFlatten(args, (x) => x instanceof ShapedArray);
    return traceFlat(f as (...a: unknown[]) => unknown, leaves, inTree, isStaticLeaf);
  };
}
