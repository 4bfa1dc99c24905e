import { Array, scalarArray, type TraceNode } from "./array.js";
import { checkFinite, config } from "./config.js";
import { ShapeError, TraceError } from "./errors.js";
import { VarFactory, type Atom, type Eqn, type Graph, type Literal, type Var } from "./ir/graph.js";
import { eagerKernels, type EagerKernel } from "./ops/eager-kernels.js";
import type { OpName, OpParams } from "./ops/op-names.js";
import { shapeRules, type ShapeRule } from "./ops/shape-rules.js";
import { MAX_ELEMENTS } from "./shape.js";

/**
 * A graph under construction. Tracing is "omnistaging" as in JAX: while a trace is active,
 * every op is recorded into the innermost one, even ops on constants. Arrays from outside
 * (concrete arrays, or tracers of an enclosing trace) are captured as constVars; concrete
 * scalars become inline literals.
 */
export class GraphTrace {
  readonly vars = new VarFactory();
  readonly eqns: Eqn[] = [];
  readonly constVars: Var[] = [];
  readonly constValues: Array[] = [];
  private readonly captured = new Map<Array, Var>();
  closed = false;

  constructor(readonly level: number) {}

  atomFor(x: Array): Atom {
    const node = x._node;
    if (node !== null && node.trace === this) return node.v;
    if (node !== null && node.trace.closed) {
      throw new TraceError(`an array ${x.aval} from a finished trace was used (a leaked tracer): do not keep tracers outside the traced function`);
    }
    if (node === null && x.ndim === 0) {
      const lit: Literal = { kind: "literal", value: x._data![0]!, aval: x.aval };
      return lit;
    }
    let v = this.captured.get(x);
    if (!v) {
      v = this.vars.fresh(x.aval);
      this.captured.set(x, v);
      this.constVars.push(v);
      this.constValues.push(x);
    }
    return v;
  }

  tracer(v: Var): Array {
    const node: TraceNode = { trace: this, v };
     
    return new Array(v.aval, null, node);
  }
}

const traceStack: GraphTrace[] = [];

/** The innermost active trace, or null when ops run eagerly. */
export function currentTrace(): GraphTrace | null {
  return traceStack[traceStack.length - 1] ?? null;
}

/** Runs `body` with a new trace active; the trace is popped and closed even if `body` throws. */
export function withNewTrace<T>(body: (trace: GraphTrace) => T): T {
  const trace = new GraphTrace(traceStack.length);
  traceStack.push(trace);
  try {
    return body(trace);
  } finally {
    traceStack.pop();
    trace.closed = true;
  }
}

/** Applies an op: records an equation when a trace is active, computes it eagerly otherwise. */
export function bind<P extends OpName>(op: P, inputs: readonly Array[], params: OpParams[P]): Array[] {
  const rule = shapeRules[op] as ShapeRule<P>;
  const outAvals = rule(inputs.map((x) => x.aval), params);
  // rejected before anything is allocated (eagerly) or planned (when traced): e.g. an outer product of two huge vectors
  for (const a of outAvals) if (a.size > MAX_ELEMENTS) throw new ShapeError(`${op}: the result ${a} has ${a.size} elements, more than the ${MAX_ELEMENTS} kiln can allocate`);
  const trace = currentTrace();
  if (trace === null) {
    const operands = inputs.map((x) => ({ aval: x.aval, data: x.concrete(op) }));
    const kernel = eagerKernels[op] as EagerKernel<P>;
     
    const results = kernel(operands, params, outAvals).map((data, i) => new Array(outAvals[i]!, data));
    if (config.debugNans) checkFinite(op, results);
    return results;
  }
  const eqn: Eqn<P> = {
    op,
    inputs: inputs.map((x) => trace.atomFor(x)),
    params,
    out: outAvals.map((a) => trace.vars.fresh(a)),
  };
  trace.eqns.push(eqn as unknown as Eqn);
  return eqn.out.map((v) => trace.tracer(v));
}

export function bind1<P extends OpName>(op: P, inputs: readonly Array[], params: OpParams[P]): Array {
  return bind(op, inputs, params)[0]!;
}

/** The Array value of an atom given an environment of variables. */
export function readAtom(env: ReadonlyMap<Var, Array>, a: Atom): Array {
  if (a.kind === "literal") return scalarArray(a.value, a.aval.dtype);
  const v = env.get(a);
  if (!v) throw new TraceError(`evalGraph: variable ${a.id} used before it is defined`);
  return v;
}

/**
 * Interprets a graph by binding each equation: eagerly on concrete arrays, or recording into
 * the active trace (this is how grad inlines a traced function into an enclosing jit).
 */
export function evalGraph(graph: Graph, consts: readonly Array[], args: readonly Array[]): Array[] {
  const env = evalGraphEnv(graph, consts, args);
  return graph.outputs.map((a) => readAtom(env, a));
}

/**
 * evalGraph's interpreter, keeping every var's value: the environment after the last equation.
 * `afterEqn` runs after each equation is bound (autodiff's linearize tracks active vars there).
 */
export function evalGraphEnv(graph: Graph, consts: readonly Array[], args: readonly Array[], afterEqn?: (e: Eqn) => void): Map<Var, Array> {
  const env = new Map<Var, Array>();
  graph.constVars.forEach((v, i) => env.set(v, consts[i]!));
  graph.inputs.forEach((v, i) => env.set(v, args[i]!));
  for (const e of graph.eqns) {
    const outs = bind(e.op, e.inputs.map((a) => readAtom(env, a)), e.params);
    e.out.forEach((v, i) => env.set(v, outs[i]!));
    afterEqn?.(e);
  }
  return env;
}

