import { valueAndGrad as valueAndGradArrays } from "@kiln/autodiff";
import { Array, argumentError } from "@kiln/core";
import { variablesOf, type Path } from "../module.js";
import { setPath, type State } from "../state.js";
import { Param, type Variable } from "../variable.js";

export interface NnxGradOptions {
  /** The argument(s) to differentiate (default 0); each must hold nnx.Params. */
  argnums?: number | readonly number[];
  hasAux?: boolean;
}

function describeArg(x: unknown): string {
  if (x instanceof Array) return `an Array ${x.aval}`;
  if (x === null || x === undefined) return String(x);
  return typeof x === "object" ? `a ${x.constructor?.name ?? "object"} with no Param` : `a ${typeof x}`;
}

/**
 * nnx.valueAndGrad(f, { argnums, hasAux }): like jax.value_and_grad, but an argument that is a
 * module is differentiated with respect to its nnx.Params, and its gradient is a State of the
 * same shape ({ kernel, bias } for a Linear). Other variables f changes (RNG counters, batch
 * statistics) are written back afterwards, as Flax does.
 */
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => Array, options?: { argnums?: number; hasAux?: false }): (...args: A) => [Array, State];
export function valueAndGrad<A extends unknown[], Aux>(f: (...args: A) => [Array, Aux], options: { argnums?: number; hasAux: true }): (...args: A) => [[Array, Aux], State];
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => unknown, options?: NnxGradOptions): (...args: A) => [unknown, unknown];
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => unknown, options: NnxGradOptions = {}): (...args: A) => [unknown, unknown] {
  const hasAux = options.hasAux ?? false;
  const single = typeof (options.argnums ?? 0) === "number";
  return (...args: A) => {
    const requested: number[] = single ? [(options.argnums as number | undefined) ?? 0] : [...(options.argnums as readonly number[])];
    const argnums = requested.map((a) => (a < 0 ? a + args.length : a));
    const diff: [Path, Variable][][] = argnums.map((a) => {
      if (!Number.isInteger(a) || a < 0 || a >= args.length) throw argumentError("nnx.valueAndGrad", "argnums", `${a} is out of range for ${args.length} arguments`);
      const params = variablesOf(args[a]).filter(([, v]) => v instanceof Param);
      if (params.length === 0) {
        throw argumentError(
          "nnx.valueAndGrad", `args[${a}]`,
          `is ${describeArg(args[a])}: nothing to differentiate. Pass the model as argument ${a} (nnx.valueAndGrad((model, x, y) => ...)(model, x, y)); a model captured from an outer scope is not differentiated`,
        );
      }
      return params;
    });
    const all = variablesOf(args).map(([, v]) => v);
    const saved = all.map((v) => v._array);
    const pure = (...values: Array[][]) => {
      try {
        diff.forEach((list, k) => list.forEach(([, v], i) => (v._array = values[k]![i]!)));
        const entry = all.map((v) => v._array);
        const out = f(...args);
        const [value, aux] = hasAux ? (out as [unknown, unknown]) : [out, null];
        // variables f replaced (not the differentiated ones) come out as aux and are written back below
        const changed = all.map((v, i) => (v._array !== entry[i] ? v._array : null));
        return [value, { aux, changed }];
      } finally {
        all.forEach((v, i) => (v._array = saved[i]!));
      }
    };
    const inputs = diff.map((list) => list.map(([, v]) => v._array));
    const [[value, { aux, changed }], grads] = valueAndGradArrays(pure, { argnums: inputs.map((_, i) => i), hasAux: true })(...inputs) as [
      [Array, { aux: unknown; changed: (Array | null)[] }],
      Array[][],
    ];
    changed.forEach((a, i) => {
      if (a) all[i]!.value = a;
    });
    const states = grads.map((g, k) => {
      const st: Record<string, unknown> = {};
      diff[k]!.forEach(([path], i) => setPath(st, path, g[i]));
      return st as State;
    });
    const g = single ? states[0] : states;
    return hasAux ? [[value, aux], g] : [value, g];
  };
}

/** nnx.grad(f, options): the gradients only (with hasAux, [grads, aux]). */
export function grad<A extends unknown[]>(f: (...args: A) => Array, options?: { argnums?: number; hasAux?: false }): (...args: A) => State;
export function grad<A extends unknown[]>(f: (...args: A) => unknown, options?: NnxGradOptions): (...args: A) => unknown;
export function grad<A extends unknown[]>(f: (...args: A) => unknown, options: NnxGradOptions = {}): (...args: A) => unknown {
  const vg = valueAndGrad(f, options);
  return (...args: A) => {
    const [value, g] = vg(...args);
    return options.hasAux ? [g, (value as [unknown, unknown])[1]] : g;
  };
}
