/**
 * The gradient of a loss through a dot with two contraction groups (a transposed operand, the
 * shape a convolution takes as a window view and a dot), compiled with jit on every backend,
 * against central finite differences of the same loss computed in float64.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, jnp, lax, updateSettings, type Array, type BackendChoice } from "kiln";

const [M, P, Q, N] = [9, 36, 3, 7];

/** A deterministic float32 array of `shape` with values in [-1, 1). */
function values(shape: number[], seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.fround(s / 2 ** 30 - 1);
  });
}

const aData = values([M, P, Q], 1);
const bData = values([Q, P, N], 2);
const target = values([M, N], 3);

/** loss(a) = 0.5 * sum((dot(transpose(a), b) - t)^2), contracting (Q, P) of a [M, Q, P] view. */
const loss = (a: Array, b: Array, t: Array) => {
  const d = jnp.subtract(lax.dotGeneral(jnp.transpose(a, [0, 2, 1]), b, [[1, 2], [0, 1]]), t);
  return jnp.multiply(jnp.sum(jnp.square(d)), 0.5);
};

/** The same loss in float64, for finite differences. */
function loss64(a: Float64Array): number {
  let total = 0;
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let q = 0; q < Q; q++) for (let p = 0; p < P; p++) s += a[(m * P + p) * Q + q]! * bData[(q * P + p) * N + n]!;
      total += 0.5 * (s - target[m * N + n]!) ** 2;
    }
  }
  return total;
}

describe("gradient through a dot with two contraction groups", () => {
  for (const backend of ["js", "wasm", "auto"] as BackendChoice[]) {
    it(`jit(grad) on the ${backend} backend equals float64 finite differences`, () => {
      const saved = updateSettings({ backend, wasmExact: false });
      try {
        const g = jit(grad(loss) as (a: Array, b: Array, t: Array) => Array)(jnp.reshape(jnp.array(aData, "float32"), [M, P, Q]), jnp.reshape(jnp.array(bData, "float32"), [Q, P, N]), jnp.reshape(jnp.array(target, "float32"), [M, N]));
        const got = g.toTypedArray() as Float32Array;
        const a = Float64Array.from(aData);
        const h = 1e-4;
        let scale = 0;
        const fd = globalThis.Array.from(a, (_, i) => {
          const x = a[i]!;
          a[i] = x + h;
          const up = loss64(a);
          a[i] = x - h;
          const down = loss64(a);
          a[i] = x;
          const d = (up - down) / (2 * h);
          scale = Math.max(scale, Math.abs(d));
          return d;
        });
        expect(scale).toBeGreaterThan(0.1);
        fd.forEach((d, i) => expect(Math.abs(got[i]! - d), `element ${i}`).toBeLessThanOrEqual(1e-4 * scale));
      } finally {
        updateSettings(saved);
      }
    });
  }
});
