import { argumentError, isArray, jnp, treeFlatten, treeUnflatten, type Array, type TreeDef } from "@kiln/core";
import { divideByScalar, f32 } from "./numerics.js";

/**
 * optax.tree: pytree helpers in optax's order of float32 operations. `mapTrees` checks every
 * tree before computing anything, so a bad argument fails with the argument's name.
 */

function arrayLeaves(fn: string, arg: string, tree: unknown): [Array[], TreeDef] {
  const [leaves, def] = treeFlatten(tree);
  leaves.forEach((leaf, i) => {
    if (!isArray(leaf)) throw argumentError(fn, arg, `must be a pytree of Arrays, but leaf ${i} is ${leaf === undefined ? "undefined" : typeof leaf}`);
  });
  return [leaves as Array[], def];
}

/**
 * Maps `f` over the leaves of trees of equal structure (the first names the structure). Throws an
 * ArgumentError naming the offending argument when a structure differs or a leaf is not an Array.
 */
export function mapTrees(fn: string, names: readonly string[], f: (...leaves: Array[]) => Array, ...trees: unknown[]): unknown {
  const [first, def] = arrayLeaves(fn, names[0]!, trees[0]);
  const rest = trees.slice(1).map((t, i) => {
    const [leaves, d] = arrayLeaves(fn, names[i + 1]!, t);
    if (d.key !== def.key) {
      throw argumentError(fn, names[i + 1]!, `must have the tree structure of '${names[0]}' (${def.key}), got ${d.key}`);
    }
    for (let j = 0; j < leaves.length; j++) {
      const a = first[j]!.shape;
      const b = leaves[j]!.shape;
      if (a.length !== b.length || a.some((s, k) => s !== b[k])) {
        throw argumentError(fn, names[i + 1]!, `leaf ${j} has shape [${b.join(", ")}] but '${names[0]}' has [${a.join(", ")}]`);
      }
    }
    return leaves;
  });
  return treeUnflatten(def, first.map((leaf, j) => f(leaf, ...rest.map((r) => r[j]!))));
}

/** Zeros with each leaf's shape and dtype (optax.tree.zeros_like). */
export function treeZerosLike(fn: string, tree: unknown): unknown {
  return mapTrees(fn, ["params"], (p) => jnp.zerosLike(p), tree);
}

/** `value` with each leaf's shape and dtype (optax.tree.full_like). */
export function treeFullLike(fn: string, tree: unknown, value: number): unknown {
  return mapTrees(fn, ["params"], (p) => jnp.fullLike(p, value), tree);
}

/** `g ** order`: integer_pow as for a Python int exponent (order 1 is g itself). */
function power(g: Array, order: number): Array {
  return order === 1 ? g : jnp.power(g, order);
}

/**
 * Exponential moving average of the `order`-th moment:
 * `(1 - decay) * g**order + decay * t` with RN(1 - decay) and RN(decay) (tree_update_moment;
 * for real arrays tree_update_moment_per_elem_norm is the same expression).
 */
export function treeUpdateMoment(fn: string, updates: unknown, moments: unknown, decay: number, order: number): unknown {
  const oneMinus = f32(1 - decay);
  const d = f32(decay);
  return mapTrees(fn, ["updates", "state"], (g, t) => jnp.add(jnp.multiply(oneMinus, power(g, order)), jnp.multiply(d, t)), updates, moments);
}

/**
 * Bias correction `t / (1 - decay**count)` (tree_bias_correction, a jitted function): `decay**count`
 * is lax.pow(RN(decay), float32(count)), then RN(1 - p), then the division by that scalar
 * (a multiplication by its rounded reciprocal for non-scalar t, see divideByScalar).
 */
export function treeBiasCorrection(fn: string, moment: unknown, decay: number, count: Array): unknown {
  const correction = jnp.subtract(1, jnp.power(f32(decay), jnp.astype(count, "float32")));
  return mapTrees(fn, ["state"], (t) => divideByScalar(t, jnp.astype(correction, t.dtype)), moment);
}
