import { argumentError, jnp, lax, optionsOf, type Array, type ArrayLike } from "@kiln/core";
import { initializers } from "@kiln/random";
import { Module } from "../module.js";
import type { Rngs } from "../rngs.js";
import { Param } from "../variable.js";
import { checkFeatures } from "./linear.js";

export interface LayerNormOptions {
  rngs?: Rngs;
  epsilon?: number;
  useBias?: boolean;
  useScale?: boolean;
}

/**
 * nnx.LayerNorm over the last axis, Flax's arithmetic: mean, var = max(0, mean(x^2) - mean^2)
 * (use_fast_variance), y = (x - mean) * (rsqrt(var + eps) * scale) + bias.
 */
export class LayerNorm extends Module {
  readonly scale: Param | null;
  readonly bias: Param | null;
  readonly epsilon: number;

  constructor(readonly numFeatures: number, options: LayerNormOptions = {}) {
    super();
    checkFeatures("nnx.LayerNorm", "numFeatures", numFeatures);
    optionsOf("nnx.LayerNorm", options, ["rngs", "epsilon", "useBias", "useScale"]);
    this.epsilon = options.epsilon ?? 1e-6;
    if (!(this.epsilon > 0) || this.epsilon === Infinity) throw argumentError("nnx.LayerNorm", "epsilon", `must be a positive finite number, got ${this.epsilon}`);
    const key = options.rngs ? options.rngs.params() : null;
    this.scale = options.useScale ?? true ? new Param(initializers.ones(key!, [numFeatures])) : null;
    this.bias = options.useBias ?? true ? new Param(initializers.zeros(key!, [numFeatures])) : null;
  }

  override call(x: ArrayLike): Array {
    const a = jnp.asarray(x, "float32", "LayerNorm.call", "x");
    if (a.shape[a.ndim - 1] !== this.numFeatures) throw argumentError("LayerNorm.call", "x", `must have last dimension ${this.numFeatures}, got [${a.shape.join(", ")}]`);
    const mean = jnp.mean(a, { axis: -1, keepdims: true });
    const meanSq = jnp.mean(lax.integerPow(a, 2), { axis: -1, keepdims: true });
    const variance = lax.max(jnp.asarray(0, "float32"), lax.sub(meanSq, lax.integerPow(mean, 2)));
    let mul = lax.rsqrt(lax.add(variance, jnp.asarray(Math.fround(this.epsilon), "float32")));
    if (this.scale) mul = lax.mul(mul, this.scale.value);
    const y = lax.mul(lax.sub(a, mean), mul);
    return this.bias ? lax.add(y, this.bias.value) : y;
  }
}
