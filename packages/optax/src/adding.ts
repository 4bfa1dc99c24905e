import { argumentError, jnp, treeFlatten, type Array } from "@kiln/core";
import { finiteNumber, optionsOf } from "./check.js";
import { f32 } from "./numerics.js";
import { mapTrees } from "./tree.js";
import type { ArrayTree, EmptyState, GradientTransformation } from "./types.js";

/**
 * Which parameters a transformation applies to: a pytree of booleans with the parameters'
 * structure, or a function from the parameters (at init) / updates (at update) to one.
 */
export type Mask = unknown;

export interface AddDecayedWeightsOptions {
  mask?: Mask;
}

/** Resolves a mask to one boolean per leaf of `tree`, checking its structure. */
export function maskLeaves(fn: string, mask: Mask, tree: ArrayTree): boolean[] {
  const m = typeof mask === "function" ? (mask as (t: ArrayTree) => unknown)(tree) : mask;
  const [bits, def] = treeFlatten(m);
  const [, treeDef] = treeFlatten(tree);
  if (bits.some((b) => typeof b !== "boolean")) throw argumentError(fn, "mask", "must be a pytree of booleans (or a function returning one)");
  if (def.key !== treeDef.key) {
    throw argumentError(fn, "mask", `must have the structure of the parameters (${treeDef.key}), got ${def.key}`);
  }
  return bits as boolean[];
}

/**
 * `updates + weightDecay * params` (optax.add_decayed_weights): RN(g + RN(RN(wd) * p)). With a
 * mask, leaves whose mask is false pass through unchanged (as optax.masked does).
 */
export function addDecayedWeights(weightDecay = 0, options?: AddDecayedWeightsOptions): GradientTransformation<EmptyState> {
  const fn = "addDecayedWeights";
  const wd = finiteNumber(fn, "weightDecay", weightDecay);
  const o = optionsOf(fn, options, ["mask"]);
  const mask = o.mask;
  if (mask !== undefined && typeof mask !== "function") {
    const [bits] = treeFlatten(mask);
    if (bits.some((b) => typeof b !== "boolean")) throw argumentError(fn, "mask", "must be a pytree of booleans (or a function returning one)");
  }
  return {
    init: () => ({}),
    update: (updates, state, params) => {
      const uf = "addDecayedWeights.update";
      if (params === undefined || params === null) throw argumentError(uf, "params", "is required: weight decay needs the current parameters");
      const c = f32(wd);
      const decayed = (g: Array, p: Array) => jnp.add(g, jnp.multiply(c, p));
      if (mask === undefined) return [mapTrees(uf, ["updates", "params"], decayed, updates, params) as typeof updates, state];
      const bits = maskLeaves(uf, mask, updates);
      let i = 0; // mapTrees visits leaves in flattening order, the order of `bits`
      const out = mapTrees(uf, ["updates", "params"], (g, p) => (bits[i++] ? decayed(g, p) : g), updates, params);
      return [out as typeof updates, state];
    },
  };
}
