/**
 * The hand-written reference's matrix kernel: operands are packed into float64 panels of four
 * vectors interleaved (panel[4k + r] = vector r, element k), then a 4x4 register tile walks two
 * panels with sixteen independent double accumulators. Packing turns every transpose into a
 * stride and makes the inner loop read two contiguous streams; float64 panels spare the inner
 * loop the float32 -> float64 conversions. Vectors past the end are packed as zeros, so the tile
 * never needs a remainder loop.
 */

/**
 * Packs `count` (at most 4) strided vectors of length `len` into one panel at `dst[off..]`:
 * dst[off + 4k + r] = src[base + r·s4 + k·sk]; vectors count..3 are zero.
 */
export function packPanel(dst: Float64Array, off: number, src: Float32Array, base: number, count: number, len: number, s4: number, sk: number): void {
  if (count === 4) {
    for (let k = 0, o = off, s = base; k < len; k++, o += 4, s += sk) {
      dst[o] = src[s]!;
      dst[o + 1] = src[s + s4]!;
      dst[o + 2] = src[s + 2 * s4]!;
      dst[o + 3] = src[s + 3 * s4]!;
    }
    return;
  }
  for (let k = 0, o = off, s = base; k < len; k++, o += 4, s += sk) {
    for (let r = 0; r < 4; r++) dst[o + r] = r < count ? src[s + r * s4]! : 0;
  }
}

/** Packs `total` strided vectors as ceil(total/4) consecutive panels: panel p at dst[p·4·len]. */
export function packPanels(dst: Float64Array, src: Float32Array, total: number, len: number, s4: number, sk: number): void {
  for (let p = 0, v = 0; v < total; p++, v += 4) packPanel(dst, p * 4 * len, src, v * s4, Math.min(4, total - v), len, s4, sk);
}

/** Float64 panel storage for `total` vectors of length `len`. */
export const panelsFor = (total: number, len: number): Float64Array => new Float64Array(Math.ceil(total / 4) * 4 * len);

/** The 4x4 register tile: T[4r + t] = Σ_k A[a + 4k + r] · B[b + 4k + t], summed in doubles. */
export function tile4x4(A: Float64Array, a: number, B: Float64Array, b: number, len: number, T: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0, ia = a, ib = b; k < len; k++, ia += 4, ib += 4) {
    const a0 = A[ia]!, a1 = A[ia + 1]!, a2 = A[ia + 2]!, a3 = A[ia + 3]!;
    const b0 = B[ib]!, b1 = B[ib + 1]!, b2 = B[ib + 2]!, b3 = B[ib + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  T[0] = c00; T[1] = c01; T[2] = c02; T[3] = c03;
  T[4] = c10; T[5] = c11; T[6] = c12; T[7] = c13;
  T[8] = c20; T[9] = c21; T[10] = c22; T[11] = c23;
  T[12] = c30; T[13] = c31; T[14] = c32; T[15] = c33;
}

/**
 * The 4x4 tile on unpacked float32 operands, for operands too small for packing to pay off:
 * T[4r + t] = Σ_k A[a + r·as + k·ak] · B[b + t·bs + k·bk], summed in doubles. All 4 vectors
 * of each operand must exist.
 */
export function tile4x4Strided(A: Float32Array, a: number, as: number, ak: number, B: Float32Array, b: number, bs: number, bk: number, len: number, T: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const as2 = 2 * as, as3 = 3 * as, bs2 = 2 * bs, bs3 = 3 * bs;
  for (let k = 0, ia = a, ib = b; k < len; k++, ia += ak, ib += bk) {
    const a0 = A[ia]!, a1 = A[ia + as]!, a2 = A[ia + as2]!, a3 = A[ia + as3]!;
    const b0 = B[ib]!, b1 = B[ib + bs]!, b2 = B[ib + bs2]!, b3 = B[ib + bs3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  T[0] = c00; T[1] = c01; T[2] = c02; T[3] = c03;
  T[4] = c10; T[5] = c11; T[6] = c12; T[7] = c13;
  T[8] = c20; T[9] = c21; T[10] = c22; T[11] = c23;
  T[12] = c30; T[13] = c31; T[14] = c32; T[15] = c33;
}
