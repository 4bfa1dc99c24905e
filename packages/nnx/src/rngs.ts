import { Array as KArray, argumentError, checkShape, jnp, lax, type Array } from "@kiln/core";
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

/** A stream's key from its seed; errors name the argument as the user wrote it ('seed' or 'seeds.params'). */
function seedKey(arg: string, seed: unknown): Array {
  if (typeof seed === "bigint") return random.key(seed);
  if (typeof seed === "number") {
    if (!Number.isFinite(seed) || !Number.isInteger(seed)) throw argumentError("nnx.Rngs", arg, `must be a finite integer or a PRNG key, got ${seed}`);
    return random.key(seed);
  }
  if (seed instanceof KArray) return random.checkKey("nnx.Rngs", seed);
  throw argumentError("nnx.Rngs", arg, `must be an integer or a PRNG key, got ${seed === null ? "null" : typeof seed}`);
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
    const single = seeds === null || typeof seeds !== "object" || seeds instanceof KArray;
    const entries: [string, unknown][] = single ? [["default", seeds]] : Object.entries(seeds);
    if (entries.length === 0) throw argumentError("nnx.Rngs", "seeds", "must name at least one stream");
    // every seed is checked before any stream is made
    const keys = entries.map(([name, seed]) => seedKey(single ? "seed" : `seeds.${name}`, seed));
    entries.forEach(([name], i) => {
      // an own property even for a name like "__proto__" (an assignment would set the prototype)
      Object.defineProperty(this.streams, name, { value: new RngStream(keys[i]!), writable: true, enumerable: true, configurable: true });
    });
  }

  /** The stream for `name`, or `default` if there is none. */
  stream(name: string): RngStream {
    // own streams only: "toString" or "__proto__" must not find Object.prototype's members
    const own = (k: string) => (Object.prototype.hasOwnProperty.call(this.streams, k) ? this.streams[k] : undefined);
    const s = own(name) ?? own("default");
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

  /** Draws only after the shape is checked, so a bad call does not advance the stream. */
  uniform(shape: readonly number[], options?: random.UniformOptions): Array {
    checkShape("Rngs.uniform", "shape", shape);
    return random.uniform(this.call(), shape, options);
  }
  normal(shape: readonly number[]): Array {
    checkShape("Rngs.normal", "shape", shape);
    return random.normal(this.call(), shape);
  }
}
