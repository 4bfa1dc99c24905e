import { argumentError, Array, jnp, KilnError, lax, optionsOf, treeFlatten, treeLeaves, treeMap } from "@kiln/core";
import { applyUpdates, type GradientTransformation } from "@kiln/optax";
import type { Filter } from "./filter.js";
import { Module, pathToString } from "./module.js";
import { state, update as nnxUpdate, type State } from "./state.js";
import { OptState } from "./variable.js";

/**
 * nnx.Optimizer(model, tx, { wrt }) as in Flax 0.11+: it does not hold the model;
 * `update(model, grads)` applies one step of `tx` to the variables `wrt` selects and advances
 * `step`. Its state lives in OptState variables, so nnx.jit compiles the update in place.
 * A failed update (mismatched grads) changes nothing.
 */
export class Optimizer extends Module {
  readonly step: OptState;
  readonly optState: unknown;
  readonly tx: GradientTransformation;
  readonly wrt: Filter;

  constructor(model: Module, tx: GradientTransformation, options: { wrt: Filter }) {
    super();
    if (!(model instanceof Module)) throw argumentError("nnx.Optimizer", "model", "must be an nnx.Module");
    if (!tx || typeof tx.init !== "function" || typeof tx.update !== "function") {
      throw argumentError("nnx.Optimizer", "tx", "must be an optax GradientTransformation such as optax.sgd(0.01)");
    }
    if (!options || options.wrt === undefined) {
      throw argumentError("nnx.Optimizer", "wrt", "is required since Flax 0.11: write new nnx.Optimizer(model, tx, { wrt: nnx.Param })");
    }
    optionsOf("nnx.Optimizer", options, ["wrt"]);
    if (!isFilter(options.wrt)) throw argumentError("nnx.Optimizer", "wrt", `must be a filter (a Variable class such as nnx.Param, a predicate, true, or a list of filters), got ${typeof options.wrt}`);
    this.tx = tx;
    this.wrt = options.wrt;
    const params = state(model, options.wrt);
    if (treeLeaves(params).length === 0) throw argumentError("nnx.Optimizer", "wrt", "selects no variables of the model");
    this.step = new OptState(jnp.asarray(0, "uint32"));
    this.optState = treeMap((leaf) => (leaf instanceof Array ? new OptState(leaf) : leaf), tx.init(params));
  }

  /** The optimizer state as Arrays (the pytree tx.update works on). */
  stateValues(): unknown {
    return treeMap((leaf) => (leaf instanceof OptState ? leaf._array : leaf), this.optState);
  }

  /** One optimizer step: params = applyUpdates(params, tx.update(grads, state, params)). */
  update(model: Module, grads: State): void {
    const params = state(model, this.wrt);
    checkGrads(params, grads);
    const [updates, newState] = this.tx.update(grads, this.stateValues(), params);
    const newParams = applyUpdates(params, updates);
    // everything is computed before anything is written, so a failure above changes nothing
    const holders = treeFlatten(this.optState)[0];
    const values = treeFlatten(newState)[0];
    if (holders.length !== values.length) throw new KilnError(`nnx.Optimizer.update: the transformation changed its state structure`);
    nnxUpdate(model, newParams);
    holders.forEach((h, i) => {
      if (h instanceof OptState) h.value = values[i] as Array;
    });
    this.step.value = lax.add(this.step._array, jnp.asarray(1, "uint32"));
  }
}

function isFilter(f: unknown): boolean {
  return f === true || typeof f === "function" || (globalThis.Array.isArray(f) && f.every(isFilter));
}

function checkGrads(params: State, grads: unknown): void {
  const [pLeaves, pDef] = treeFlatten(params);
  const [gLeaves, gDef] = treeFlatten(grads);
  if (pDef.key !== gDef.key) {
    throw argumentError("Optimizer.update", "grads", `do not match the parameters selected by wrt: expected ${describe(params)}, got ${describe(grads)}`);
  }
  pLeaves.forEach((p, i) => {
    const g = gLeaves[i];
    if (!(g instanceof Array) || !(p instanceof Array) || !g.aval.equals(p.aval)) {
      throw argumentError("Optimizer.update", "grads", `leaf ${i} is ${g instanceof Array ? g.aval : typeof g} but the parameter is ${(p as Array).aval}`);
    }
  });
}

function describe(tree: unknown): string {
  const parts: string[] = [];
  const walk = (x: unknown, path: (string | number)[]) => {
    if (x instanceof Array) parts.push(`${pathToString(path)}:${x.aval}`);
    else if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) walk(v, [...path, k]);
  };
  walk(tree, []);
  return `{${parts.join(", ")}}`;
}
