import { argumentError, jnp, lax, optionsOf, type Array, type ArrayLike } from "@kiln/core";
import * as random from "@kiln/random";
import { Module } from "../module.js";
import type { Rngs, RngStream } from "../rngs.js";

/**
 * nnx.Dropout(rate, { rngs, deterministic }): zeroes elements with probability `rate` and
 * scales the rest by 1/(1-rate). It forks the `dropout` (else `default`) stream at
 * construction, as Flax does; `deterministic` (or rate 0) makes it the identity.
 */
export class Dropout extends Module {
  deterministic: boolean;
  readonly rngs: RngStream | null;

  constructor(readonly rate: number, options: { rngs?: Rngs; deterministic?: boolean } = {}) {
    super();
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) throw argumentError("nnx.Dropout", "rate", `must be in [0, 1], got ${rate}`);
    optionsOf("nnx.Dropout", options, ["rngs", "deterministic"]);
    this.deterministic = options.deterministic ?? false;
    this.rngs = options.rngs ? options.rngs.stream("dropout").fork() : null;
  }

  override call(x: ArrayLike, options: { deterministic?: boolean } = {}): Array {
    const a = jnp.asarray(x, "float32", "Dropout.call", "x");
    const deterministic = options.deterministic ?? this.deterministic;
    if (deterministic || this.rate === 0) return a;
    if (this.rate === 1) return jnp.zerosLike(a);
    if (!this.rngs) throw argumentError("Dropout.call", "rngs", "is needed when not deterministic: construct nnx.Dropout with { rngs }");
    const keep = random.bernoulli(this.rngs.call(), 1 - this.rate, a.shape);
    return lax.select(keep, lax.div(a, jnp.asarray(Math.fround(1 - this.rate), "float32")), jnp.asarray(0, "float32"));
  }
}
