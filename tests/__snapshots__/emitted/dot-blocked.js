// k0 dot [96,40]: d = dot_general[contracting=((1,), (0,)) batch=((), ())] a b | e = add d c ; f = max e 0:f32[] -> f
// wasm: none
const s0 = new Float64Array(24576);
const s1 = new Float64Array(10240);
const s2 = new Float64Array(3840);
const pk0 = function (src0, at0, n0, len0) {
  const t0 = s0;
  for (let v0 = 0; v0 < n0; v0 += 4) {
    let ps0 = at0 + v0 * 300;
    let pd0 = v0 * 256;
    for (let k0 = 0; k0 < len0; k0++) {
      t0[pd0] = src0[ps0];
      t0[pd0 + 1] = src0[ps0 + 300];
      t0[pd0 + 2] = src0[ps0 + 600];
      t0[pd0 + 3] = src0[ps0 + 900];
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
      ps1 += 40;
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
      const po0 = ip0 * 40 + jp0;
      let c0 = t4[po0], c1 = t4[po0 + 1], c2 = t4[po0 + 2], c3 = t4[po0 + 3], c4 = t4[po0 + 40], c5 = t4[po0 + 41], c6 = t4[po0 + 42], c7 = t4[po0 + 43], c8 = t4[po0 + 80], c9 = t4[po0 + 81], c10 = t4[po0 + 82], c11 = t4[po0 + 83], c12 = t4[po0 + 120], c13 = t4[po0 + 121], c14 = t4[po0 + 122], c15 = t4[po0 + 123];
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
      t4[po0 + 40] = c4;
      t4[po0 + 41] = c5;
      t4[po0 + 42] = c6;
      t4[po0 + 43] = c7;
      t4[po0 + 80] = c8;
      t4[po0 + 81] = c9;
      t4[po0 + 82] = c10;
      t4[po0 + 83] = c11;
      t4[po0 + 120] = c12;
      t4[po0 + 121] = c13;
      t4[po0 + 122] = c14;
      t4[po0 + 123] = c15;
    }
  }
};
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const t5 = s2;
  const x2 = args[2];
  const y0 = new Float32Array(3840);
  t5.fill(0);
  for (let kb0 = 0; kb0 < 300; kb0 += 256) {
    const ke0 = Math.min(256, 300 - kb0);
    pk0(x0, kb0, 96, ke0);
    pk1(x1, kb0 * 40, 40, ke0);
    mk0(96, 40, ke0);
  }
  for (let i0 = 0; i0 < 96; i0++) {
    for (let i1 = 0; i1 < 40; i1++) {
      const p0 = i0 * 40 + i1;
      const v2 = Math.fround(t5[p0]);
      const v3 = x2[i1];
      const v4 = Math.fround(v2 + v3);
      const v5 = Math.max(v4, 0);
      y0[p0] = v5;
    }
  }
  return [y0];
};

