// JAX's default PRNG: threefry2x32 (Random123 Threefry-2x32-20), key derivation, fold_in,
// split and random_bits (parity doc sections 1-3). All words are uint32 values held as
// non-negative JS numbers at the API; the hash itself works on int32 bit patterns (`| 0`).

// Hash outputs of the last `hash` call. A typed array rather than module variables: a uint32
// above 2^31 stored in a JS variable or passed as an argument is a heap-allocated number,
// while typed-array slots are raw words, so the hot loops allocate nothing.
const Y = new Int32Array(2);

/**
 * One threefry2x32 block (20 rounds, 5 key injections) on int32 words; results in Y[0], Y[1].
 * Doc section 2. Internally `| 0` (int32, same bits as the uint32 `(a + b) >>> 0`: the sums of
 * two 32-bit values are exact in a double, so wrapping mod 2^32 either way gives equal bits).
 */
function hash(k0: number, k1: number, x0: number, x1: number): void {
  const k2 = k0 ^ k1 ^ 0x1bd11bda;
  let a = (x0 + k0) | 0;
  let b = (x1 + k1) | 0;
  // Round: a += b; b = rotl32(b, r) ^ a. Rotations R0 = 13 15 26 6, R1 = 17 29 16 24.
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  a = (a + k1) | 0; b = (b + k2 + 1) | 0;
  a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
  a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
  a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
  a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
  a = (a + k2) | 0; b = (b + k0 + 2) | 0;
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  a = (a + k0) | 0; b = (b + k1 + 3) | 0;
  a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
  a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
  a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
  a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
  a = (a + k1) | 0; b = (b + k2 + 4) | 0;
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  a = (a + k2) | 0; b = (b + k0 + 5) | 0;
  Y[0] = a;
  Y[1] = b;
}

/** threefry2x32(key = [k0, k1], counter = [x0, x1]) -> [y0, y1]. */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number): [number, number] {
  hash(k0 | 0, k1 | 0, x0 | 0, x1 | 0);
  return [(Y[0] as number) >>> 0, (Y[1] as number) >>> 0];
}

/** Non-allocating threefry2x32: writes y0, y1 to out[index], out[index + 1]. */
export function threefry2x32Into(
  k0: number, k1: number, x0: number, x1: number, out: Uint32Array, index: number,
): void {
  hash(k0 | 0, k1 | 0, x0 | 0, x1 | 0);
  out[index] = Y[0] as number; // Uint32Array store reinterprets the int32 bits
  out[index + 1] = Y[1] as number;
}

const TWO_63 = 2 ** 63;
const TWO_63N = 1n << 63n;

/**
 * jax.random.key(seed) in the default 32-bit mode: [0, seed mod 2^32] (doc section 1).
 * Throws RangeError (JAX: OverflowError from np.int64) outside [-2^63, 2^63).
 */
export function keyFromSeed(seed: number | bigint): [number, number] {
  if (typeof seed === "bigint") {
    if (seed < -TWO_63N || seed >= TWO_63N) {
      throw new RangeError(`seed must be an integer in [-2^63, 2^63), got ${seed}`);
    }
    return [0, Number(BigInt.asUintN(32, seed))];
  }
  if (!Number.isInteger(seed) || seed < -TWO_63 || seed >= TWO_63) {
    throw new RangeError(`seed must be an integer in [-2^63, 2^63), got ${seed}`);
  }
  return [0, seed >>> 0]; // ToUint32 is exactly "mod 2^32" for any integral double
}

/** jax.random.fold_in(key, data): threefry2x32(key, [0, uint32(data)]) (doc section 3). */
export function foldIn(k0: number, k1: number, data: number): [number, number] {
  hash(k0 | 0, k1 | 0, 0, data | 0);
  return [(Y[0] as number) >>> 0, (Y[1] as number) >>> 0];
}

function checkCount(name: string, num: number): void {
  if (!Number.isSafeInteger(num) || num < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${num}`);
  }
}

function checkOut(out: Uint32Array, expected: number): void {
  if (out.length !== expected) {
    throw new RangeError(`out has length ${out.length}, expected ${expected}`);
  }
}

/**
 * Partitionable jax.random.split(key, num) (default since JAX 0.5.0): key i is
 * threefry2x32(key, [hi(i), lo(i)]), written row-major into out (shape [num, 2]).
 * Consequently split(key, n)[i] == foldIn(key, i).
 */
export function splitKeys(k0: number, k1: number, num: number, out: Uint32Array): void {
  checkCount("num", num);
  checkOut(out, 2 * num);
  k0 |= 0;
  k1 |= 0;
  for (let i = 0; i < num; i++) {
    hash(k0, k1, Math.floor(i / 4294967296) | 0, i | 0);
    out[2 * i] = Y[0] as number;
    out[2 * i + 1] = Y[1] as number;
  }
}

/**
 * Partitionable 32-bit jax.random.bits(key, shape): for row-major flat index i,
 * out[i] = b1 ^ b2 where (b1, b2) = threefry2x32(key, [hi(i), lo(i)]).
 */
export function randomBits32(k0: number, k1: number, out: Uint32Array): void {
  k0 |= 0;
  k1 |= 0;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    hash(k0, k1, Math.floor(i / 4294967296) | 0, i | 0);
    out[i] = (Y[0] as number) ^ (Y[1] as number);
  }
}

/**
 * Legacy array helper threefry_2x32(key, iota(n)) (jax_threefry_partitionable=False): pad the
 * counters to even length with a 0, hash pairs (j, half + j), emit [all y0, all y1], drop pad.
 */
function legacyIota(k0: number, k1: number, n: number, out: Uint32Array): void {
  const half = (n + 1) >>> 1;
  for (let j = 0; j < half; j++) {
    const c1 = half + j;
    hash(k0, k1, j | 0, c1 < n ? c1 | 0 : 0);
    out[j] = Y[0] as number;
    if (c1 < n) out[c1] = Y[1] as number;
  }
}

/** Legacy split (JAX < 0.5 default): threefry_2x32(key, iota(2*num)) reshaped to [num, 2]. */
export function splitKeysLegacy(k0: number, k1: number, num: number, out: Uint32Array): void {
  checkCount("num", num);
  checkOut(out, 2 * num);
  if (2 * num > 4294967295) throw new RangeError(`num too large for legacy split: ${num}`);
  legacyIota(k0 | 0, k1 | 0, 2 * num, out);
}

/** Legacy 32-bit random_bits (JAX < 0.5 default): out = threefry_2x32(key, iota(size)). */
export function randomBits32Legacy(k0: number, k1: number, out: Uint32Array): void {
  // Beyond 2^32 - 1 words JAX splits into extra subkeys (doc section 3); not supported here.
  if (out.length > 4294967295) throw new RangeError("legacy random_bits: too many words");
  legacyIota(k0 | 0, k1 | 0, out.length, out);
}
