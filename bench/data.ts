/**
 * Deterministic benchmark data: a small seeded PRNG (mulberry32) and normal samples by
 * Box-Muller, so every peer gets bit-identical inputs without depending on any peer.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` standard normal samples (float32) from the given seed. */
export function normals(count: number, seed: number, scale = 1): Float32Array {
  const u = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const t = 2 * Math.PI * u();
    out[i] = scale * r * Math.cos(t);
    if (i + 1 < count) out[i + 1] = scale * r * Math.sin(t);
  }
  return out;
}

/** `count` uniform samples in [0, 1) (float32) from the given seed. */
export function uniforms(count: number, seed: number): Float32Array {
  const u = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = u();
  return out;
}

/** `count` integer labels in [0, classes) from the given seed. */
export function labels(count: number, classes: number, seed: number): Int32Array {
  const u = mulberry32(seed);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(u() * classes);
  return out;
}
