// k0 dot [16,8]: d = dot_general[contracting=((1, 2), (0, 1)) batch=((), ())] c b -> d
// wasm: none
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const y0 = new Float32Array(128);
  for (let i0 = 0; i0 < 16; i0++) {
    for (let i1 = 0; i1 < 8; i1++) {
      let acc0 = 0;
      const p2 = i0 * 8 + i1;
      for (let i2 = 0; i2 < 6; i2++) {
        for (let i3 = 0; i3 < 5; i3++) {
          const p0 = i0 * 30 + i2 + i3 * 6;
          const v0 = x0[p0];
          const p1 = i1 + i2 * 40 + i3 * 8;
          const v1 = x1[p1];
          acc0 += v0 * v1;
        }
      }
      const v2 = Math.fround(acc0);
      y0[p2] = v2;
    }
  }
  return [y0];
};

