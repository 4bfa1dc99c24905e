// k0 dot [20,9]: g = dot_general[contracting=((1,), (0,)) batch=((), ())] a b -> g
// k1 dot [12,12]: i = dot_general[contracting=((1,), (0,)) batch=((), ())] h a -> i
// k2 dot [3,5,4]: j = dot_general[contracting=((2,), (1,)) batch=((0,), (0,))] c d -> j
// k3 dot [5,3]: k = dot_general[contracting=((1,), (0,)) batch=((), ())] e f -> k
// k4 dot [20,4]: m = dot_general[contracting=((1,), (0,)) batch=((), ())] a l -> m
// wasm: none
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const y0 = new Float32Array(180);
  const y1 = new Float32Array(144);
  const x2 = args[2];
  const x3 = args[3];
  const y2 = new Float32Array(60);
  const x4 = args[4];
  const x5 = args[5];
  const y3 = new Int32Array(15);
  const y4 = new Float32Array(80);
  for (let i0 = 0; i0 < 20; i0 += 4) {
    for (let j0 = 0; j0 < 8; j0 += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
      let pa0 = i0 * 12;
      let pb0 = j0;
      for (let k0 = 0; k0 < 12; k0++) {
        const a0 = x0[pa0];
        const a1 = x0[pa0 + 12];
        const a2 = x0[pa0 + 24];
        const a3 = x0[pa0 + 36];
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
        pb0 += 9;
      }
      const po0 = i0 * 9 + j0;
      y0[po0] = c0;
      y0[po0 + 1] = c1;
      y0[po0 + 2] = c2;
      y0[po0 + 3] = c3;
      y0[po0 + 9] = c4;
      y0[po0 + 10] = c5;
      y0[po0 + 11] = c6;
      y0[po0 + 12] = c7;
      y0[po0 + 18] = c8;
      y0[po0 + 19] = c9;
      y0[po0 + 20] = c10;
      y0[po0 + 21] = c11;
      y0[po0 + 27] = c12;
      y0[po0 + 28] = c13;
      y0[po0 + 29] = c14;
      y0[po0 + 30] = c15;
    }
    for (let j1 = 8; j1 < 9; j1++) {
      let c16 = 0, c17 = 0, c18 = 0, c19 = 0;
      let pa1 = i0 * 12;
      let pb1 = j1;
      for (let k1 = 0; k1 < 12; k1++) {
        const a4 = x0[pa1];
        const a5 = x0[pa1 + 12];
        const a6 = x0[pa1 + 24];
        const a7 = x0[pa1 + 36];
        const b4 = x1[pb1];
        c16 += a4 * b4;
        c17 += a5 * b4;
        c18 += a6 * b4;
        c19 += a7 * b4;
        pa1 += 1;
        pb1 += 9;
      }
      const po1 = i0 * 9 + j1;
      y0[po1] = c16;
      y0[po1 + 9] = c17;
      y0[po1 + 18] = c18;
      y0[po1 + 27] = c19;
    }
  }
  for (let i1 = 0; i1 < 12; i1 += 4) {
    for (let j2 = 0; j2 < 12; j2 += 4) {
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0, c28 = 0, c29 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0;
      let pa2 = i1;
      let pb2 = j2;
      for (let k2 = 0; k2 < 20; k2++) {
        const a8 = x0[pa2];
        const a9 = x0[pa2 + 1];
        const a10 = x0[pa2 + 2];
        const a11 = x0[pa2 + 3];
        const b5 = x0[pb2];
        const b6 = x0[pb2 + 1];
        const b7 = x0[pb2 + 2];
        const b8 = x0[pb2 + 3];
        c20 += a8 * b5;
        c21 += a8 * b6;
        c22 += a8 * b7;
        c23 += a8 * b8;
        c24 += a9 * b5;
        c25 += a9 * b6;
        c26 += a9 * b7;
        c27 += a9 * b8;
        c28 += a10 * b5;
        c29 += a10 * b6;
        c30 += a10 * b7;
        c31 += a10 * b8;
        c32 += a11 * b5;
        c33 += a11 * b6;
        c34 += a11 * b7;
        c35 += a11 * b8;
        pa2 += 12;
        pb2 += 12;
      }
      const po2 = i1 * 12 + j2;
      y1[po2] = c20;
      y1[po2 + 1] = c21;
      y1[po2 + 2] = c22;
      y1[po2 + 3] = c23;
      y1[po2 + 12] = c24;
      y1[po2 + 13] = c25;
      y1[po2 + 14] = c26;
      y1[po2 + 15] = c27;
      y1[po2 + 24] = c28;
      y1[po2 + 25] = c29;
      y1[po2 + 26] = c30;
      y1[po2 + 27] = c31;
      y1[po2 + 36] = c32;
      y1[po2 + 37] = c33;
      y1[po2 + 38] = c34;
      y1[po2 + 39] = c35;
    }
  }
  for (let i2 = 0; i2 < 3; i2++) {
    const p0 = i2 * 30;
    const p1 = i2 * 24;
    const p2 = i2 * 20;
    for (let i3 = 0; i3 < 4; i3 += 4) {
      for (let j3 = 0; j3 < 4; j3 += 4) {
        let c36 = 0, c37 = 0, c38 = 0, c39 = 0, c40 = 0, c41 = 0, c42 = 0, c43 = 0, c44 = 0, c45 = 0, c46 = 0, c47 = 0, c48 = 0, c49 = 0, c50 = 0, c51 = 0;
        let pa3 = p0 + i3 * 6;
        let pb3 = p1 + j3;
        for (let k3 = 0; k3 < 6; k3++) {
          const a12 = x2[pa3];
          const a13 = x2[pa3 + 6];
          const a14 = x2[pa3 + 12];
          const a15 = x2[pa3 + 18];
          const b9 = x3[pb3];
          const b10 = x3[pb3 + 1];
          const b11 = x3[pb3 + 2];
          const b12 = x3[pb3 + 3];
          c36 += a12 * b9;
          c37 += a12 * b10;
          c38 += a12 * b11;
          c39 += a12 * b12;
          c40 += a13 * b9;
          c41 += a13 * b10;
          c42 += a13 * b11;
          c43 += a13 * b12;
          c44 += a14 * b9;
          c45 += a14 * b10;
          c46 += a14 * b11;
          c47 += a14 * b12;
          c48 += a15 * b9;
          c49 += a15 * b10;
          c50 += a15 * b11;
          c51 += a15 * b12;
          pa3 += 1;
          pb3 += 4;
        }
        const po3 = p2 + i3 * 4 + j3;
        y2[po3] = c36;
        y2[po3 + 1] = c37;
        y2[po3 + 2] = c38;
        y2[po3 + 3] = c39;
        y2[po3 + 4] = c40;
        y2[po3 + 5] = c41;
        y2[po3 + 6] = c42;
        y2[po3 + 7] = c43;
        y2[po3 + 8] = c44;
        y2[po3 + 9] = c45;
        y2[po3 + 10] = c46;
        y2[po3 + 11] = c47;
        y2[po3 + 12] = c48;
        y2[po3 + 13] = c49;
        y2[po3 + 14] = c50;
        y2[po3 + 15] = c51;
      }
    }
    for (let i4 = 4; i4 < 5; i4++) {
      for (let j4 = 0; j4 < 4; j4 += 4) {
        let c52 = 0, c53 = 0, c54 = 0, c55 = 0;
        let pa4 = p0 + i4 * 6;
        let pb4 = p1 + j4;
        for (let k4 = 0; k4 < 6; k4++) {
          const a16 = x2[pa4];
          const b13 = x3[pb4];
          const b14 = x3[pb4 + 1];
          const b15 = x3[pb4 + 2];
          const b16 = x3[pb4 + 3];
          c52 += a16 * b13;
          c53 += a16 * b14;
          c54 += a16 * b15;
          c55 += a16 * b16;
          pa4 += 1;
          pb4 += 4;
        }
        const po4 = p2 + i4 * 4 + j4;
        y2[po4] = c52;
        y2[po4 + 1] = c53;
        y2[po4 + 2] = c54;
        y2[po4 + 3] = c55;
      }
    }
  }
  for (let i5 = 0; i5 < 5; i5++) {
    for (let i6 = 0; i6 < 3; i6++) {
      let acc0 = 0;
      const p5 = i5 * 3 + i6;
      for (let i7 = 0; i7 < 7; i7++) {
        const p3 = i5 * 7 + i7;
        const v0 = x4[p3];
        const p4 = i6 + i7 * 3;
        const v1 = x5[p4];
        acc0 = acc0 + Math.imul(v0, v1) | 0;
      }
      y3[p5] = acc0;
    }
  }
  for (let i8 = 0; i8 < 20; i8 += 4) {
    for (let j5 = 0; j5 < 4; j5 += 4) {
      let c56 = 0, c57 = 0, c58 = 0, c59 = 0, c60 = 0, c61 = 0, c62 = 0, c63 = 0, c64 = 0, c65 = 0, c66 = 0, c67 = 0, c68 = 0, c69 = 0, c70 = 0, c71 = 0;
      let pa5 = i8 * 12;
      let pb5 = 1 + j5 * 2;
      for (let k5 = 0; k5 < 12; k5++) {
        const a17 = x0[pa5];
        const a18 = x0[pa5 + 12];
        const a19 = x0[pa5 + 24];
        const a20 = x0[pa5 + 36];
        const b17 = x1[pb5];
        const b18 = x1[pb5 + 2];
        const b19 = x1[pb5 + 4];
        const b20 = x1[pb5 + 6];
        c56 += a17 * b17;
        c57 += a17 * b18;
        c58 += a17 * b19;
        c59 += a17 * b20;
        c60 += a18 * b17;
        c61 += a18 * b18;
        c62 += a18 * b19;
        c63 += a18 * b20;
        c64 += a19 * b17;
        c65 += a19 * b18;
        c66 += a19 * b19;
        c67 += a19 * b20;
        c68 += a20 * b17;
        c69 += a20 * b18;
        c70 += a20 * b19;
        c71 += a20 * b20;
        pa5 += 1;
        pb5 += 9;
      }
      const po5 = i8 * 4 + j5;
      y4[po5] = c56;
      y4[po5 + 1] = c57;
      y4[po5 + 2] = c58;
      y4[po5 + 3] = c59;
      y4[po5 + 4] = c60;
      y4[po5 + 5] = c61;
      y4[po5 + 6] = c62;
      y4[po5 + 7] = c63;
      y4[po5 + 8] = c64;
      y4[po5 + 9] = c65;
      y4[po5 + 10] = c66;
      y4[po5 + 11] = c67;
      y4[po5 + 12] = c68;
      y4[po5 + 13] = c69;
      y4[po5 + 14] = c70;
      y4[po5 + 15] = c71;
    }
  }
  return [y0, y1, y2, y3, y4];
};

