import { argumentError, checkShape, jnp, lax, optionsOf, type Array, type ArrayLike } from "@kiln/core";
import { initializers } from "@kiln/random";
import { Module } from "../module.js";
import type { Rngs } from "../rngs.js";
import { Param } from "../variable.js";
import { checkFeatures, checkRngs } from "./linear.js";

/** nnx.Embed: a (numEmbeddings, features) table looked up by integer ids. */
export class Embed extends Module {
  readonly embedding: Param;

  constructor(readonly numEmbeddings: number, readonly features: number, options: { rngs: Rngs; embeddingInit?: initializers.Initializer }) {
    super();
    checkFeatures("nnx.Embed", "numEmbeddings", numEmbeddings);
    checkFeatures("nnx.Embed", "features", features);
    checkShape("nnx.Embed", "[numEmbeddings, features]", [numEmbeddings, features]);
    optionsOf("nnx.Embed", options, ["rngs", "embeddingInit"]);
    const rngs = checkRngs("nnx.Embed", options);
    // Flax's default_embed_init: variance_scaling(1.0, 'fan_in', 'normal', out_axis=0)
    const init = options.embeddingInit ?? initializers.varianceScaling(1, "fan_in", "normal", { outAxis: 0 });
    this.embedding = new Param(init(rngs.params(), [numEmbeddings, features]));
  }

  override call(ids: ArrayLike): Array {
    const i = jnp.asarray(ids, undefined, "Embed.call", "ids");
    if (i.dtype !== "int32" && i.dtype !== "uint32") throw argumentError("Embed.call", "ids", `must be integers, got ${i.dtype}`);
    return lax.take(this.embedding.value, i, 0);
  }

  /** Logits against the embedding table (weight tying): x @ embedding^T. */
  attend(query: ArrayLike): Array {
    const q = jnp.asarray(query, "float32", "Embed.attend", "query");
    return lax.dotGeneral(q, this.embedding.value, [[q.ndim - 1], [1]]);
  }
}
