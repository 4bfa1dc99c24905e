import { Array as KArray, argumentError, jnp, lax, type Array } from "@kiln/core";
import * as random from "@kiln/random";
import { Module } from "./module.js";
import { RngCount, RngKey } from "./variable.js";

/**
 * One named stream of an Rngs: a key and a counter, both Variables so a compiled step that
 * draws from the stream advances it. Each draw is fold_in(key, count), then count += 1,
 * exactly as flax.nnx.RngStream.
 */
export class RngStream extends Module {
  readonly key: RngKey;
  readonly count: RngCount;

  constructor(key: Array) {
    super();
    this.key = new RngKey(key);
    this.count = new RngCount(jnp.asarray(0, "uint32"));
  }

  /** The next key of the stream. */
  override call(): random.Key {
    const k = random.foldIn(this.key._array, this.count._array);
    this.count.value = lax.add(this.count._array, jnp.asarray(1, "uint32"));
    return k;
  }

  /** A new independent stream whose key is one draw from this one. */
  fork(): RngStream {
    return new RngStream(this.call());
  }
}

type Seed = number | bigint | Array;

function seedKey(name: string, seed: Seed): Array {
  if (typeof seed === "number" || typeof seed === "bigint") return random.key(seed);
  return random.checkKey(`nnx.Rngs(${name})`, seed);
}

/**
 * nnx.Rngs(seed) or nnx.Rngs({ params: 0, dropout: 1 }): named RNG streams. `rngs.params()`,
 * `rngs.dropout()` or `rngs.stream(name)()` draw a key; a name without a stream falls back to
 * `default` (an Rngs(seed) has only `default`), as in Flax.
 */
export class Rngs extends Module {
  readonly streams: Record<string, RngStream> = {};

  constructor(seeds: Seed | Record<string, Seed>) {
    super();
    const entries: [string, Seed][] =
      typeof seeds === "object" && !(seeds instanceof KArray) ? Object.entries(seeds) : [["default", seeds]];
    if (entries.length === 0) throw argumentError("nnx.Rngs", "seeds", "must name at least one stream");
    for (const [name, seed] of entries) {
      if (typeof seed === "number" && !Number.isFinite(seed)) throw argumentError("nnx.Rngs", name, `seed must be a finite integer, got ${seed}`);
      this.streams[name] = new RngStream(seedKey(name, seed));
    }
  }

  /** The stream for `name`, or `default` if there is none. */
  stream(name: string): RngStream {
    const s = this.streams[name] ?? this.streams["default"];
    if (!s) throw argumentError("nnx.Rngs", name, `has no stream '${name}' and no 'default' stream to fall back to`);
    return s;
  }

  /** A key from the `default` stream (Flax's rngs()). */
  override call(): random.Key {
    return this.stream("default").call();
  }
  default(): random.Key {
    return this.stream("default").call();
  }
  params(): random.Key {
    return this.stream("params").call();
  }
  dropout(): random.Key {
    return this.stream("dropout").call();
  }
  /** A key from the named stream (with the fallback to `default`). */
  next(name: string): random.Key {
    return this.stream(name).call();
  }

  uniform(shape: readonly number[], options?: random.UniformOptions): Array {
    return random.uniform(this.call(), shape, options);
  }
  normal(shape: readonly number[]): Array {
    return random.normal(this.call(), shape);
  }
}
