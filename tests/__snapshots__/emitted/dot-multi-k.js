// k0 dot [16,8]: d = dot_general[contracting=((1, 2), (0, 1)) batch=((), ())] c b -> d
// wasm: none
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const y0 = new Float32Array(128);
  for (let i0 = 0; i0 < 16; i0 += 4) {
    for (let j0 = 0; j0 < 8; j0 += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
      for (let q0 = 0; q0 < 6; q0++) {
        let pa0 = i0 * 30 + q0;
        let pb0 = j0 + q0 * 40;
        for (let k0 = 0; k0 < 5; k0++) {
          const a0 = x0[pa0];
          const a1 = x0[pa0 + 30];
          const a2 = x0[pa0 + 60];
          const a3 = x0[pa0 + 90];
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
          pa0 += 6;
          pb0 += 8;
        }
      }
      const po0 = i0 * 8 + j0;
      y0[po0] = c0;
      y0[po0 + 1] = c1;
      y0[po0 + 2] = c2;
      y0[po0 + 3] = c3;
      y0[po0 + 8] = c4;
      y0[po0 + 9] = c5;
      y0[po0 + 10] = c6;
      y0[po0 + 11] = c7;
      y0[po0 + 16] = c8;
      y0[po0 + 17] = c9;
      y0[po0 + 18] = c10;
      y0[po0 + 19] = c11;
      y0[po0 + 24] = c12;
      y0[po0 + 25] = c13;
      y0[po0 + 26] = c14;
      y0[po0 + 27] = c15;
    }
  }
  return [y0];
};

