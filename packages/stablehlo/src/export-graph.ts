import { argumentError, optionsOf, type Atom, type ClosedGraph, type OpName, type ShapedArray, type Var } from "@kiln/core";
import type { Value } from "./ir.js";
import { Operand, type LoweringRule } from "./lowering.js";
import { loweringRules } from "./lowering-rules.js";
import { ModuleBuilder, type DotPrecision } from "./module-builder.js";
import { StablehloModule, type TensorSpec } from "./stablehlo-module.js";

export interface ExportOptions {
  /** The module's name (`module @jit_step`); characters other than letters, digits and `_` become `_`. */
  readonly name?: string;
  /** dot_general's precision: DEFAULT (what JAX emits; float32 on CPU), HIGH or HIGHEST (float32 on every backend). */
  readonly precision?: DotPrecision;
  /** Pytree paths of the graph's inputs and outputs, for the manifest (default `args[i]`, `result[i]`). */
  readonly inputPaths?: readonly string[];
  readonly outputPaths?: readonly string[];
  /** Output index -> index of the input it updates (a train step's state). */
  readonly updates?: ReadonlyMap<number, number>;
  /** Input index -> type of the nnx Variable that holds it (state, as opposed to data). */
  readonly variables?: ReadonlyMap<number, string>;
}

const PRECISIONS: readonly DotPrecision[] = ["DEFAULT", "HIGH", "HIGHEST"];

/** A symbol name MLIR accepts unquoted: letters, digits and `_`, not starting with a digit. */
function symbolName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

function checkOptions(graph: ClosedGraph, options: ExportOptions): void {
  optionsOf("exportGraph", options, ["name", "precision", "inputPaths", "outputPaths", "updates", "variables"]);
  if (options.name !== undefined && (typeof options.name !== "string" || options.name.length === 0)) throw argumentError("exportGraph", "name", "must be a non-empty string");
  if (options.precision !== undefined && !PRECISIONS.includes(options.precision)) throw argumentError("exportGraph", "precision", `must be one of ${PRECISIONS.join(", ")}, got ${String(options.precision)}`);
  if (options.inputPaths !== undefined && options.inputPaths.length !== graph.inputs.length) throw argumentError("exportGraph", "inputPaths", `has ${options.inputPaths.length} paths for ${graph.inputs.length} inputs`);
  if (options.outputPaths !== undefined && options.outputPaths.length !== graph.outputs.length) throw argumentError("exportGraph", "outputPaths", `has ${options.outputPaths.length} paths for ${graph.outputs.length} outputs`);
  for (const [o, i] of options.updates ?? []) {
    const out = graph.outputs[o];
    const input = graph.inputs[i];
    if (out === undefined || input === undefined || !out.aval.equals(input.aval)) throw argumentError("exportGraph", "updates", `output ${o} cannot update input ${i}`);
  }
  for (const [i, type] of options.variables ?? []) {
    if (graph.inputs[i] === undefined || typeof type !== "string" || type.length === 0) throw argumentError("exportGraph", "variables", `input ${i} cannot be a variable of type ${String(type)}`);
  }
}

function spec(path: string, aval: ShapedArray, extra: { variable?: string; updates?: number }): TensorSpec {
  const { variable, updates } = extra;
  return { path, shape: [...aval.shape], dtype: aval.dtype, ...(variable === undefined ? {} : { variable }), ...(updates === undefined ? {} : { updates }) };
}

/**
 * A traced graph as a StableHLO module: `main` takes the graph's inputs and returns its outputs;
 * values captured while tracing become constants. Each equation is written by its op's rule
 * in `loweringRules`.
 */
export function exportGraph(graph: ClosedGraph, options: ExportOptions = {}): StablehloModule {
  checkOptions(graph, options);
  const name = symbolName(options.name ?? "jit_fn");
  const m = new ModuleBuilder({ name, precision: options.precision ?? "DEFAULT" });
  m.func("main", "public", graph.inputs.map((v) => v.aval), (b, args) => {
    const env = new Map<Var, Value>();
    graph.inputs.forEach((v, i) => env.set(v, args[i]!));
    graph.constVars.forEach((v, i) => env.set(v, b.constant(graph.constValues[i]!.concrete("exportGraph"), v.aval)));
    const read = (a: Atom): Value | number => (a.kind === "literal" ? a.value : env.get(a)!);
    for (const eqn of graph.eqns) {
      const operands = eqn.inputs.map((a) => new Operand(b, a.aval, read(a)));
      const rule = loweringRules[eqn.op] as LoweringRule<OpName>;
      const outs = rule(b, operands, eqn.params, eqn.out.map((v) => v.aval));
      eqn.out.forEach((v, i) => {
        const out = outs[i];
        // a rule bug, not a user error: the text would not verify
        if (!out?.aval.equals(v.aval)) throw new Error(`stablehlo: the lowering of ${eqn.op} produced ${out?.aval} for ${v.aval}`);
        env.set(v, out);
      });
    }
    return graph.outputs.map((a) => (a.kind === "literal" ? b.splat(a.value, [], a.aval.dtype) : env.get(a)!));
  });
  const updates = options.updates ?? new Map<number, number>();
  const inputs = graph.inputs.map((v, i) => spec(options.inputPaths?.[i] ?? `args[${i}]`, v.aval, { variable: options.variables?.get(i) }));
  const outputs = graph.outputs.map((a, i) => spec(options.outputPaths?.[i] ?? `result[${i}]`, a.aval, { updates: updates.get(i) }));
  return new StablehloModule(name, m.print(), inputs, outputs);
}
