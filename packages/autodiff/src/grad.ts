import { argumentError, Array, jnp, KilnError, optionsOf, treeFlatten, treeUnflatten } from "@kiln/core";
import { backward, linearize } from "./vjp.js";

export interface GradOptions {
  /** Which positional arguments to differentiate: a number (grads is one tree) or a list (grads is a list). Default 0. */
  argnums?: number | readonly number[];
  /** f returns [value, aux]; aux is passed through undifferentiated. */
  hasAux?: boolean;
}

const checkOptions = (fn: string, options: GradOptions): unknown => optionsOf(fn, options, ["argnums", "hasAux"]);

function normalizeArgnums(fn: string, argnums: number | readonly number[], nargs: number): number[] {
  const list = typeof argnums === "number" ? [argnums] : [...argnums];
  if (list.length === 0) throw argumentError(fn, "argnums", "must name at least one argument");
  return list.map((a) => {
    if (!Number.isInteger(a) || a < -nargs || a >= nargs) {
      throw argumentError(fn, "argnums", `${a} is out of range: the function was called with ${nargs} positional argument${nargs === 1 ? "" : "s"}`);
    }
    return a < 0 ? a + nargs : a;
  });
}

/**
 * valueAndGrad(f, { argnums, hasAux }) returns a function computing [value, grads] (or
 * [[value, aux], grads] with hasAux), like jax.value_and_grad. f must return a float32 scalar.
 */
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => unknown, options: GradOptions = {}): (...args: A) => [unknown, unknown] {
  checkOptions("valueAndGrad", options);
  const hasAux = options.hasAux ?? false;
  return (...args: A) => {
    const fn = "valueAndGrad";
    const argnums = normalizeArgnums(fn, options.argnums ?? 0, args.length);
    const diffArgs = argnums.map((i) => args[i]);
    const [rawLeaves, inTree] = treeFlatten(diffArgs);
    const leaves = rawLeaves.map((l, i) => {
      if (typeof l === "number") return jnp.asarray(l, "float32");
      if (!(l instanceof Array)) throw argumentError(fn, `args[${argnums.join(",")}]`, `leaf ${i} is ${l === null ? "null" : typeof l}; only Arrays and numbers can be differentiated`);
      if (l.dtype !== "float32") {
        throw argumentError(fn, `args[${argnums.join(",")}]`, `leaf ${i} has dtype ${l.dtype}; grad requires float32 inputs (use argnums to skip integer arguments)`);
      }
      return l;
    });
    const partial = (...diff: unknown[]) => {
      const full = [...args] as unknown[];
      argnums.forEach((a, i) => (full[a] = diff[i]));
      const out = f(...(full as A));
      if (!hasAux) return out;
      if (!globalThis.Array.isArray(out) || out.length !== 2) throw new KilnError(`${fn}: with hasAux the function must return [value, aux], got ${typeof out}`);
      return out;
    };
    const lin = linearize(partial, leaves, inTree);
    const value = lin.outputs[0];
    if (!(value instanceof Array) || (!hasAux && lin.outputs.length !== 1)) {
      throw new KilnError(`${fn}: the function must return a scalar Array${hasAux ? " as the first element of [value, aux]" : ""}, got a structure with ${lin.outputs.length} leaves`);
    }
    if (value.ndim !== 0) throw new KilnError(`${fn}: the function must return a scalar, got ${value.aval} (reduce it with jnp.sum or jnp.mean)`);
    if (value.dtype !== "float32") throw new KilnError(`${fn}: the function must return a float32 scalar, got ${value.aval}`);
    const cts = lin.outputs.map((_, i) => (i === 0 ? jnp.asarray(1, "float32") : null));
    const grads = backward(lin, cts).map((g, i) => g ?? jnp.zerosLike(leaves[i]!));
    const gradTree = treeUnflatten(inTree, grads) as unknown[];
    const g = typeof (options.argnums ?? 0) === "number" ? gradTree[0] : gradTree;
    if (!hasAux) return [value, g];
    const outAll = treeUnflatten(lin.graph.outTree, lin.outputs) as [unknown, unknown];
    return [[outAll[0], outAll[1]], g];
  };
}

/** grad(f, options): like valueAndGrad but returns only the gradients (or [grads, aux] with hasAux). */
export function grad<A extends unknown[]>(f: (...args: A) => unknown, options: GradOptions = {}): (...args: A) => unknown {
  const vg = valueAndGrad(f, options);
  return (...args: A) => {
    const [value, g] = vg(...args);
    return options.hasAux ? [g, (value as [unknown, unknown])[1]] : g;
  };
}
