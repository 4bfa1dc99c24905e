import { Array, argumentError, jnp, lax, numerics } from "@kiln/core";

/**
 * A PRNG key is its raw threefry key data: a u32[2] Array ([hi, lo] words), which is what
 * jax.random.key_data returns. Keys are ordinary Arrays, so they flow through jit and pytrees.
 */
export type Key = Array;

/** random.key(seed): JAX's default (32-bit mode) seeding: [0, seed mod 2^32]. */
export function key(seed: number | bigint): Key {
  if (typeof seed === "number" && !Number.isFinite(seed)) throw argumentError("random.key", "seed", `must be a finite integer, got ${seed}`);
  if (typeof seed === "number" && !Number.isInteger(seed)) throw argumentError("random.key", "seed", `must be an integer, got ${seed} (truncate it first, as Python's int() does)`);
  if (typeof seed !== "number" && typeof seed !== "bigint") throw argumentError("random.key", "seed", `must be an integer, got ${typeof seed}`);
  const [hi, lo] = numerics.keyFromSeed(seed);
  return jnp.array(Uint32Array.from([hi, lo]));
}

/** Alias of key, as jax.random.PRNGKey. */
export const PRNGKey = key;

export function checkKey(fn: string, k: unknown): Key {
  if (!(k instanceof Array) || k.dtype !== "uint32" || k.ndim !== 1 || k.shape[0] !== 2) {
    const got = k instanceof Array ? String(k.aval) : k === null ? "null" : typeof k;
    throw argumentError(fn, "key", `must be a PRNG key (u32[2] from random.key), got ${got}`);
  }
  return k;
}

/** random.keyData(key): the raw u32[2] words. */
export function keyData(k: Key): Array {
  return checkKey("random.keyData", k);
}

/** random.wrapKeyData(data): a key from raw u32[2] words. */
export function wrapKeyData(data: Array): Key {
  return checkKey("random.wrapKeyData", data);
}

/**
 * random.split(key, num = 2): `num` new keys, returned as a JS list (so `const [a, b] = split(key)`
 * works); key i is threefry2x32(key, [0, i]) under JAX's partitionable scheme, so
 * split(key, n)[i] equals foldIn(key, i).
 */
export function split(k: Key, num = 2): Key[] {
  checkKey("random.split", k);
  if (!Number.isInteger(num) || num < 1) throw argumentError("random.split", "num", `must be a positive integer, got ${num}`);
  const all = lax.randomSplit(k, num);
  return globalThis.Array.from({ length: num }, (_, i) => lax.reshape(lax.slice(all, [i, 0], [i + 1, 2]), [2]));
}

/** random.foldIn(key, data): a new key from a key and a 32-bit integer (wrapped mod 2^32). */
export function foldIn(k: Key, data: number | Array): Key {
  checkKey("random.foldIn", k);
  let d: Array;
  if (data instanceof Array) {
    if (data.ndim !== 0) throw argumentError("random.foldIn", "data", `must be a scalar, got ${data.aval}`);
    d = lax.convertElementType(data, "uint32");
  } else {
    if (!Number.isInteger(data)) throw argumentError("random.foldIn", "data", `must be an integer, got ${data}`);
    d = jnp.asarray(data >>> 0, "uint32");
  }
  return lax.randomFoldIn(k, d);
}
