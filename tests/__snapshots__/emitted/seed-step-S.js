// k0 dot [64,4]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] c a | f = add e b ; g = sub f d ; h = integer_pow[y=2] g ; k = mul 2:f32[] g ; l = mul 0.00390625:f32[] k -> h l
// k1 reduce [64,4] -> []: i = reduce_sum[axes=(0, 1)] h | j = mul i 0.00390625:f32[] -> j
// k2 reduce [64,4] -> [4]: m = reduce_sum[axes=(0,)] l | q = mul m 0.009999999776482582:f32[] ; r = sub b q -> r
// k3 dot [8,4]: n = dot_general[contracting=((0,), (0,)) batch=((), ())] c l | o = mul n 0.009999999776482582:f32[] ; p = sub a o -> p
// wasm: none
const s0 = new Float64Array(16);
const s1 = new Float32Array(256);
const s2 = new Float32Array(256);
const s3 = new Float64Array(4);
return function (args) {
  const x0 = args[2];
  const x1 = args[0];
  const t0 = s0;
  const x2 = args[1];
  const x3 = args[3];
  const t1 = s1;
  const t2 = s2;
  const y0 = new Float32Array(1);
  const t3 = s3;
  for (let i0 = 0; i0 < 64; i0 += 4) {
    for (let j0 = 0; j0 < 4; j0 += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
      let pa0 = i0 * 8;
      let pb0 = j0;
      for (let k0 = 0; k0 < 8; k0++) {
        const a0 = x0[pa0];
        const a1 = x0[pa0 + 8];
        const a2 = x0[pa0 + 16];
        const a3 = x0[pa0 + 24];
        const b0 = x1[pb0];
        const b1 = x1[pb0 + 1];
        const b2 = x1[pb0 + 2];
        const b3 = x1[pb0 + 3];
        c0 += a0 * b0;
        c1 += a0 * b1;
        c2 += a0 * b2;
        c3 += a0 * b3;
        c4 += a1 * b0;
        c5 += a1 * b1;
        c6 += a1 * b2;
        c7 += a1 * b3;
        c8 += a2 * b0;
        c9 += a2 * b1;
        c10 += a2 * b2;
        c11 += a2 * b3;
        c12 += a3 * b0;
        c13 += a3 * b1;
        c14 += a3 * b2;
        c15 += a3 * b3;
        pa0 += 1;
        pb0 += 4;
      }
      t0[j0] = c0;
      t0[j0 + 1] = c1;
      t0[j0 + 2] = c2;
      t0[j0 + 3] = c3;
      t0[j0 + 4] = c4;
      t0[j0 + 5] = c5;
      t0[j0 + 6] = c6;
      t0[j0 + 7] = c7;
      t0[j0 + 8] = c8;
      t0[j0 + 9] = c9;
      t0[j0 + 10] = c10;
      t0[j0 + 11] = c11;
      t0[j0 + 12] = c12;
      t0[j0 + 13] = c13;
      t0[j0 + 14] = c14;
      t0[j0 + 15] = c15;
    }
    for (let i1 = 0; i1 < 4; i1++) {
      for (let i2 = 0; i2 < 4; i2++) {
        const p0 = i1 * 4 + i2;
        const v0 = Math.fround(t0[p0]);
        const v1 = x2[i2];
        const v2 = Math.fround(v0 + v1);
        const p1 = i0 * 4 + i1 * 4 + i2;
        const v3 = x3[p1];
        const v4 = Math.fround(v2 - v3);
        const v5 = Math.fround(v4 * v4);
        const v6 = Math.fround(2 * v4);
        const v7 = Math.fround(0.00390625 * v6);
        t1[p1] = v5;
        t2[p1] = v7;
      }
    }
  }
  let acc0 = 0;
  for (let i3 = 0; i3 < 256; i3++) {
    const v8 = t1[i3];
    acc0 += v8;
  }
  const v9 = Math.fround(acc0);
  const v10 = Math.fround(v9 * 0.00390625);
  y0[0] = v10;
  t3.fill(0);
  for (let i4 = 0; i4 < 64; i4++) {
    for (let i5 = 0; i5 < 4; i5++) {
      const p2 = i4 * 4 + i5;
      const v11 = t2[p2];
      t3[i5] += v11;
    }
  }
  for (let i6 = 0; i6 < 4; i6++) {
    const v12 = Math.fround(t3[i6]);
    const v13 = x2[i6];
    const v14 = Math.fround(v12 * 0.009999999776482582);
    const v15 = Math.fround(v13 - v14);
    x2[i6] = v15;
  }
  for (let i7 = 0; i7 < 8; i7 += 4) {
    for (let j1 = 0; j1 < 4; j1 += 4) {
      let c16 = 0, c17 = 0, c18 = 0, c19 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0, c28 = 0, c29 = 0, c30 = 0, c31 = 0;
      let pa1 = i7;
      let pb1 = j1;
      for (let k1 = 0; k1 < 64; k1++) {
        const a4 = x0[pa1];
        const a5 = x0[pa1 + 1];
        const a6 = x0[pa1 + 2];
        const a7 = x0[pa1 + 3];
        const b4 = t2[pb1];
        const b5 = t2[pb1 + 1];
        const b6 = t2[pb1 + 2];
        const b7 = t2[pb1 + 3];
        c16 += a4 * b4;
        c17 += a4 * b5;
        c18 += a4 * b6;
        c19 += a4 * b7;
        c20 += a5 * b4;
        c21 += a5 * b5;
        c22 += a5 * b6;
        c23 += a5 * b7;
        c24 += a6 * b4;
        c25 += a6 * b5;
        c26 += a6 * b6;
        c27 += a6 * b7;
        c28 += a7 * b4;
        c29 += a7 * b5;
        c30 += a7 * b6;
        c31 += a7 * b7;
        pa1 += 8;
        pb1 += 4;
      }
      t0[j1] = c16;
      t0[j1 + 1] = c17;
      t0[j1 + 2] = c18;
      t0[j1 + 3] = c19;
      t0[j1 + 4] = c20;
      t0[j1 + 5] = c21;
      t0[j1 + 6] = c22;
      t0[j1 + 7] = c23;
      t0[j1 + 8] = c24;
      t0[j1 + 9] = c25;
      t0[j1 + 10] = c26;
      t0[j1 + 11] = c27;
      t0[j1 + 12] = c28;
      t0[j1 + 13] = c29;
      t0[j1 + 14] = c30;
      t0[j1 + 15] = c31;
    }
    for (let i8 = 0; i8 < 4; i8++) {
      for (let i9 = 0; i9 < 4; i9++) {
        const p3 = i8 * 4 + i9;
        const v16 = Math.fround(t0[p3]);
        const p4 = i7 * 4 + i8 * 4 + i9;
        const v17 = x1[p4];
        const v18 = Math.fround(v16 * 0.009999999776482582);
        const v19 = Math.fround(v17 - v18);
        x1[p4] = v19;
      }
    }
  }
  return [y0, x1, x2];
};

