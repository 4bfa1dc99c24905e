// k0 dot [1024,64]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] c a | f = add e b ; g = sub f d ; h = integer_pow[y=2] g ; k = mul 2:f32[] g ; l = mul 0.0000152587890625:f32[] k -> h l
// k1 reduce [1024,64] -> []: i = reduce_sum[axes=(0, 1)] h | j = mul i 0.0000152587890625:f32[] -> j
// k2 reduce [1024,64] -> [64]: m = reduce_sum[axes=(0,)] l | q = mul m 0.009999999776482582:f32[] ; r = sub b q -> r
// k3 dot [256,64]: n = dot_general[contracting=((0,), (0,)) batch=((), ())] c l | o = mul n 0.009999999776482582:f32[] ; p = sub a o -> p
// wasm: none
const s0 = new Float64Array(32768);
const s1 = new Float64Array(16384);
const s2 = new Float64Array(8192);
const pk0 = function (src0, at0, n0, len0) {
  const t0 = s0;
  for (let v0 = 0; v0 < n0; v0 += 4) {
    let ps0 = at0 + v0 * 256;
    let pd0 = v0 * 256;
    for (let k0 = 0; k0 < len0; k0++) {
      t0[pd0] = src0[ps0];
      t0[pd0 + 1] = src0[ps0 + 256];
      t0[pd0 + 2] = src0[ps0 + 512];
      t0[pd0 + 3] = src0[ps0 + 768];
      ps0 += 1;
      pd0 += 4;
    }
  }
};
const pk1 = function (src1, at1, n1, len1) {
  const t1 = s1;
  for (let v1 = 0; v1 < n1; v1 += 4) {
    let ps1 = at1 + v1;
    let pd1 = v1 * 256;
    for (let k1 = 0; k1 < len1; k1++) {
      t1[pd1] = src1[ps1];
      t1[pd1 + 1] = src1[ps1 + 1];
      t1[pd1 + 2] = src1[ps1 + 2];
      t1[pd1 + 3] = src1[ps1 + 3];
      ps1 += 64;
      pd1 += 4;
    }
  }
};
const mk0 = function (mc0, nc0, kn0) {
  const t2 = s0;
  const t3 = s1;
  const t4 = s2;
  for (let jp0 = 0; jp0 < nc0; jp0 += 4) {
    for (let ip0 = 0; ip0 < mc0; ip0 += 4) {
      const po0 = ip0 * 64 + jp0;
      let c0 = t4[po0], c1 = t4[po0 + 1], c2 = t4[po0 + 2], c3 = t4[po0 + 3], c4 = t4[po0 + 64], c5 = t4[po0 + 65], c6 = t4[po0 + 66], c7 = t4[po0 + 67], c8 = t4[po0 + 128], c9 = t4[po0 + 129], c10 = t4[po0 + 130], c11 = t4[po0 + 131], c12 = t4[po0 + 192], c13 = t4[po0 + 193], c14 = t4[po0 + 194], c15 = t4[po0 + 195];
      let pa0 = ip0 * 256;
      let pb0 = jp0 * 256;
      for (let k2 = 0; k2 < kn0; k2++) {
        const a0 = t2[pa0];
        const a1 = t2[pa0 + 1];
        const a2 = t2[pa0 + 2];
        const a3 = t2[pa0 + 3];
        const b0 = t3[pb0];
        const b1 = t3[pb0 + 1];
        const b2 = t3[pb0 + 2];
        const b3 = t3[pb0 + 3];
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
        pa0 += 4;
        pb0 += 4;
      }
      t4[po0] = c0;
      t4[po0 + 1] = c1;
      t4[po0 + 2] = c2;
      t4[po0 + 3] = c3;
      t4[po0 + 64] = c4;
      t4[po0 + 65] = c5;
      t4[po0 + 66] = c6;
      t4[po0 + 67] = c7;
      t4[po0 + 128] = c8;
      t4[po0 + 129] = c9;
      t4[po0 + 130] = c10;
      t4[po0 + 131] = c11;
      t4[po0 + 192] = c12;
      t4[po0 + 193] = c13;
      t4[po0 + 194] = c14;
      t4[po0 + 195] = c15;
    }
  }
};
const s3 = new Float32Array(65536);
const s4 = new Float32Array(65536);
const s5 = new Float64Array(64);
const pk2 = function (src2, at2, n2, len2) {
  const t9 = s0;
  for (let v18 = 0; v18 < n2; v18 += 4) {
    let ps2 = at2 + v18;
    let pd2 = v18 * 256;
    for (let k3 = 0; k3 < len2; k3++) {
      t9[pd2] = src2[ps2];
      t9[pd2 + 1] = src2[ps2 + 1];
      t9[pd2 + 2] = src2[ps2 + 2];
      t9[pd2 + 3] = src2[ps2 + 3];
      ps2 += 256;
      pd2 += 4;
    }
  }
};
return function (args) {
  const x0 = args[2];
  const x1 = args[0];
  const t5 = s2;
  const x2 = args[1];
  const x3 = args[3];
  const t6 = s3;
  const t7 = s4;
  const y0 = new Float32Array(1);
  const t8 = s5;
  for (let ib0 = 0; ib0 < 1024; ib0 += 128) {
    t5.fill(0);
    pk0(x0, ib0 * 256, 128, 256);
    pk1(x1, 0, 64, 256);
    mk0(128, 64, 256);
    for (let i0 = 0; i0 < 128; i0++) {
      for (let i1 = 0; i1 < 64; i1++) {
        const p0 = i0 * 64 + i1;
        const v2 = Math.fround(t5[p0]);
        const v3 = x2[i1];
        const v4 = Math.fround(v2 + v3);
        const p1 = ib0 * 64 + i0 * 64 + i1;
        const v5 = x3[p1];
        const v6 = Math.fround(v4 - v5);
        const v7 = Math.fround(v6 * v6);
        const v8 = Math.fround(2 * v6);
        const v9 = Math.fround(0.0000152587890625 * v8);
        t6[p1] = v7;
        t7[p1] = v9;
      }
    }
  }
  let acc0 = 0;
  for (let i2 = 0; i2 < 65536; i2++) {
    const v10 = t6[i2];
    acc0 += v10;
  }
  const v11 = Math.fround(acc0);
  const v12 = Math.fround(v11 * 0.0000152587890625);
  y0[0] = v12;
  t8.fill(0);
  for (let i3 = 0; i3 < 1024; i3++) {
    for (let i4 = 0; i4 < 64; i4++) {
      const p2 = i3 * 64 + i4;
      const v13 = t7[p2];
      t8[i4] += v13;
    }
  }
  for (let i5 = 0; i5 < 64; i5++) {
    const v14 = Math.fround(t8[i5]);
    const v15 = x2[i5];
    const v16 = Math.fround(v14 * 0.009999999776482582);
    const v17 = Math.fround(v15 - v16);
    x2[i5] = v17;
  }
  for (let ib1 = 0; ib1 < 256; ib1 += 128) {
    t5.fill(0);
    for (let kb0 = 0; kb0 < 1024; kb0 += 256) {
      pk2(x0, ib1 + kb0 * 256, 128, 256);
      pk1(t7, kb0 * 64, 64, 256);
      mk0(128, 64, 256);
    }
    for (let i6 = 0; i6 < 128; i6++) {
      for (let i7 = 0; i7 < 64; i7++) {
        const p3 = i6 * 64 + i7;
        const v19 = Math.fround(t5[p3]);
        const p4 = ib1 * 64 + i6 * 64 + i7;
        const v20 = x1[p4];
        const v21 = Math.fround(v19 * 0.009999999776482582);
        const v22 = Math.fround(v20 - v21);
        x1[p4] = v22;
      }
    }
  }
  return [y0, x1, x2];
};

