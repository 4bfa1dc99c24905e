import { argumentError, describeValue } from "@kiln/core";
import type { GradientTransformation, StateOf } from "./types.js";

/** The tuple of states of chained transformations, one per transformation. */
export type ChainState<T extends readonly GradientTransformation<unknown>[]> = { -readonly [K in keyof T]: StateOf<T[K]> };

/**
 * Applies transformations in sequence (optax.chain). The state is a JS array holding each
 * transformation's state, in order.
 */
export function chain<T extends readonly GradientTransformation<unknown>[]>(...transforms: T): GradientTransformation<ChainState<T>> {
  transforms.forEach((t, i) => {
    if (t === null || typeof t !== "object" || typeof t.init !== "function" || typeof t.update !== "function") {
      throw argumentError("chain", `transforms[${i}]`, `must be a GradientTransformation (an object with init and update), got ${describeValue(t)}`);
    }
  });
  return {
    init: (params) => transforms.map((t) => t.init(params)) as ChainState<T>,
    update: (updates, state, params) => {
      if (!globalThis.Array.isArray(state) || state.length !== transforms.length) {
        throw argumentError("chain.update", "state", `must be the array of ${transforms.length} states made by init, got ${globalThis.Array.isArray(state) ? `${state.length} states` : describeValue(state)}`);
      }
      let u = updates;
      const next = transforms.map((t, i) => {
        const [nu, ns] = t.update(u, state[i], params);
        u = nu;
        return ns;
      });
      return [u, next as ChainState<T>];
    },
  };
}
