import { jnp } from "@kiln/core";
import { mapTrees } from "./tree.js";
import type { ArrayTree } from "./types.js";

/**
 * `params + updates`, each sum cast back to the parameter's dtype (optax.apply_updates):
 * float32 parameters get RN(p + u); int32 parameters truncate the promoted sum.
 */
export function applyUpdates<P>(params: P, updates: ArrayTree): P {
  return mapTrees("applyUpdates", ["params", "updates"], (p, u) => jnp.astype(jnp.add(p, u), p.dtype), params, updates) as P;
}
