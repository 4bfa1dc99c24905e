import { Array, lax, treeMap } from "@kiln/core";

/** Stops gradients through every Array leaf of a pytree (jax.lax.stop_gradient). */
export function stopGradient<T>(tree: T): T {
  return treeMap((x) => (x instanceof Array && x.dtype === "float32" ? lax.stopGradient(x) : x), tree) as T;
}
