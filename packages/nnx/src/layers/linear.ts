import { argumentError, checkShape, jnp, lax, optionsOf, type Array, type ArrayLike } from "@kiln/core";
import { initializers } from "@kiln/random";
import { Module } from "../module.js";
import type { Rngs } from "../rngs.js";
import { Param } from "../variable.js";

export interface LinearOptions {
  rngs: Rngs;
  useBias?: boolean;
  kernelInit?: initializers.Initializer;
  biasInit?: initializers.Initializer;
}

export function checkFeatures(layer: string, name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw argumentError(layer, name, `must be a positive integer, got ${String(n)}`);
  return n;
}

export function checkRngs(layer: string, options: { rngs?: Rngs } | undefined): Rngs {
  if (!options || !options.rngs) throw argumentError(layer, "rngs", "is required: pass { rngs: new nnx.Rngs(seed) }");
  return options.rngs;
}

/**
 * nnx.Linear: y = x @ kernel + bias, kernel of shape (in, out) initialised with lecun_normal
 * from the first `params` draw; the zero bias consumes the second draw, exactly as Flax.
 */
export class Linear extends Module {
  readonly kernel: Param;
  readonly bias: Param | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions) {
    super();
    checkFeatures("nnx.Linear", "inFeatures", inFeatures);
    checkFeatures("nnx.Linear", "outFeatures", outFeatures);
    checkShape("nnx.Linear", "[inFeatures, outFeatures]", [inFeatures, outFeatures]); // before any weight is drawn
    optionsOf("nnx.Linear", options, ["rngs", "useBias", "kernelInit", "biasInit"]);
    const rngs = checkRngs("nnx.Linear", options);
    const kernelInit = options.kernelInit ?? initializers.lecunNormal();
    this.kernel = new Param(kernelInit(rngs.params(), [inFeatures, outFeatures]));
    const useBias = options.useBias ?? true;
    this.bias = useBias ? new Param((options.biasInit ?? initializers.zeros)(rngs.params(), [outFeatures])) : null;
  }

  override call(x: ArrayLike): Array {
    const a = jnp.asarray(x, "float32", "Linear.call", "x");
    if (a.ndim < 1 || a.shape[a.ndim - 1] !== this.inFeatures) {
      throw argumentError("Linear.call", "x", `must have last dimension ${this.inFeatures} (inFeatures), got shape [${a.shape.join(", ")}]`);
    }
    const y = lax.dotGeneral(a, this.kernel.value, [[a.ndim - 1], [0]]);
    return this.bias ? lax.add(y, this.bias.value) : y;
  }
}
