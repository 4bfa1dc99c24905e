import {
  Array, KilnError, evalGraphEnv, jnp, lax, readAtom, traceFlat, treeFlatten, treeUnflatten,
  type ClosedGraph, type OpName, type TreeDef, type Var,
} from "@kiln/core";
import { unbroadcast } from "./unbroadcast.js";
import { nonDifferentiable, vjpRules, zeroGradient, type VjpEntry, type VjpRule } from "./vjp-rules.js";

export type VjpFn = (cotangent: unknown) => unknown[];

/** A traced-and-evaluated function, ready to pull cotangents back through. */
export interface Linearized {
  readonly graph: ClosedGraph;
  /** Primal values of every var, from evaluating the graph on the primals. */
  readonly env: Map<Var, Array>;
  /** Vars whose value depends on a differentiated input (only these get cotangents). */
  readonly active: Set<Var>;
  readonly outputs: Array[];
}

const isTraceable = (leaf: unknown) => leaf instanceof Array;

/**
 * Traces `f` and evaluates its graph equation by equation on the primals (eagerly, or into the
 * enclosing trace: this is what makes grad work under jit and grad-of-grad work at all).
 */
export function linearize(f: (...args: unknown[]) => unknown, primalLeaves: readonly Array[], inTree: TreeDef): Linearized {
  const graph = traceFlat(f, primalLeaves, inTree, (leaf) => !isTraceable(leaf));
  const active = new Set<Var>(graph.inputs.filter((_, i) => primalLeaves[i]!.dtype === "float32"));
  const env = evalGraphEnv(graph, graph.constValues, primalLeaves, (e) => {
    const rule = vjpRules[e.op];
    if (rule !== nonDifferentiable && rule !== zeroGradient && e.inputs.some((a) => a.kind === "var" && active.has(a))) {
      for (const v of e.out) if (v.aval.dtype === "float32") active.add(v);
    }
  });
  return { graph, env, active, outputs: graph.outputs.map((a) => readAtom(env, a)) };
}

/** Pulls output cotangents back to the graph inputs; null entries are symbolic zeros. */
export function backward(lin: Linearized, outCts: readonly (Array | null)[]): (Array | null)[] {
  const { graph, env, active } = lin;
  const cts = new Map<Var, Array>();
  const accumulate = (v: Var, ct: Array) => {
    const prev = cts.get(v);
    cts.set(v, prev ? lax.add(prev, ct) : ct);
  };
  graph.outputs.forEach((a, i) => {
    const ct = outCts[i];
    if (ct && a.kind === "var" && active.has(a)) accumulate(a, ct);
  });
  for (let k = graph.eqns.length - 1; k >= 0; k--) {
    const e = graph.eqns[k]!;
    const ct = e.out.length === 1 ? cts.get(e.out[0]!) : undefined;
    if (!ct) continue;
    const rule = vjpRules[e.op] as VjpEntry<OpName>;
    if (rule === nonDifferentiable || rule === zeroGradient) continue;
    const wants = e.inputs.map((a) => a.kind === "var" && active.has(a));
    const inCts = (rule as VjpRule<OpName>)({
      ct, inputs: e.inputs.map((a) => readAtom(env, a)), out: env.get(e.out[0]!)!, params: e.params, wants,
    });
    e.inputs.forEach((a, i) => {
      const g = inCts[i];
      if (g && wants[i] && a.kind === "var") accumulate(a, unbroadcast(g, a.aval.shape));
    });
  }
  return graph.inputs.map((v) => cts.get(v) ?? null);
}

function leafArrays(fn: string, leaves: readonly unknown[]): Array[] {
  return leaves.map((l, i) => {
    if (l instanceof Array) return l;
    if (typeof l === "number") return jnp.asarray(l, "float32");
    throw new KilnError(`${fn}: leaf ${i} of the differentiated arguments is ${l === null ? "null" : typeof l}, not an Array or number`);
  });
}

/**
 * vjp(f, ...primals) -> [output, vjpFn]: vjpFn maps an output cotangent (same structure as the
 * output) to one cotangent per primal argument (same structures as the primals).
 */
export function vjp(f: (...args: never[]) => unknown, ...primals: unknown[]): [unknown, VjpFn] {
  const [leaves, inTree] = treeFlatten(primals);
  const arrays = leafArrays("vjp", leaves);
  const lin = linearize(f as (...args: unknown[]) => unknown, arrays, inTree);
  const out = treeUnflatten(lin.graph.outTree, lin.outputs);
  const vjpFn: VjpFn = (cotangent) => {
    const [ctLeaves, ctTree] = treeFlatten(cotangent);
    if (ctTree.key !== lin.graph.outTree.key) {
      throw new KilnError(`vjp: the cotangent's structure ${ctTree.key} does not match the output's ${lin.graph.outTree.key}`);
    }
    const cts = ctLeaves.map((l, i) => {
      const a = l instanceof Array ? l : jnp.asarray(l as number, lin.outputs[i]!.dtype);
      if (!a.aval.equals(lin.outputs[i]!.aval)) throw new KilnError(`vjp: cotangent ${i} is ${a.aval} but the output is ${lin.outputs[i]!.aval}`);
      return a;
    });
    const grads = backward(lin, cts).map((g, i) => g ?? jnp.zerosLike(arrays[i]!));
    return treeUnflatten(inTree, grads) as unknown[];
  };
  return [out, vjpFn];
}
