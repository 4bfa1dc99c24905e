import { jnp, type Array } from "@kiln/core";
import { positive } from "./check.js";
import { divideByScalar, f32 } from "./numerics.js";
import { mapTrees } from "./tree.js";
import type { ArrayTree, EmptyState, GradientTransformation } from "./types.js";

/**
 * The global L2 norm of a pytree (optax.tree.norm / global_norm):
 * sqrt(0 + sum(g0*g0) + sum(g1*g1) + ...), leaves in flattening order.
 */
export function globalNorm(updates: ArrayTree, fn = "globalNorm"): Array {
  const sums: Array[] = [];
  mapTrees(fn, ["updates"], (g) => {
    sums.push(jnp.sum(jnp.multiply(g, g)));
    return g;
  }, updates);
  let total: Array | null = null;
  for (const s of sums) total = total === null ? s : jnp.add(total, s); // 0 + s0 is exactly s0
  return jnp.sqrt(total ?? f32(0));
}

/**
 * Clips updates to a global norm of at most `maxNorm` (optax.clip_by_global_norm):
 * select(norm < maxNorm, g, (g / norm) * RN(maxNorm)), the division as divideByScalar.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<EmptyState> {
  const m = positive("clipByGlobalNorm", "maxNorm", maxNorm);
  const fn = "clipByGlobalNorm.update";
  return {
    init: () => ({}),
    update: (updates, state) => {
      const norm = globalNorm(updates, fn);
      const c = f32(m);
      const trigger = jnp.less(norm, c);
      const out = mapTrees(fn, ["updates"], (g) => jnp.where(trigger, g, jnp.multiply(divideByScalar(g, jnp.astype(norm, g.dtype)), c)), updates);
      return [out as typeof updates, state];
    },
  };
}
