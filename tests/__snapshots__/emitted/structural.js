// k0 copy [2,6]: a -> output 3
// k1 op: c = concatenate[dimension=1] a b -> c
// k2 op: d = pad[lo=(1, 0) hi=(2, -1) interior=(1, 0)] a -1:f32[] -> d
// k3 copy [4,3]: a -> f
// k4 elementwise [12]: g = add f 1:f32[] -> g
// wasm: none
const s0 = new Float32Array(12);
return function (args) {
  const y0 = new Float32Array(12);
  const x0 = args[0];
  const y1 = new Float32Array(18);
  const x1 = args[1];
  const y2 = new Float32Array(24);
  const t0 = s0;
  const y3 = new Float32Array(12);
  for (let i0 = 0; i0 < 12; i0++) {
    const v0 = x0[i0];
    y0[i0] = v0;
  }
  for (let i1 = 0; i1 < 3; i1++) {
    for (let i2 = 0; i2 < 4; i2++) {
      const p0 = i1 * 4 + i2;
      const v1 = x0[p0];
      const p1 = i1 * 6 + i2;
      y1[p1] = v1;
    }
  }
  for (let i3 = 0; i3 < 3; i3++) {
    for (let i4 = 0; i4 < 2; i4++) {
      const p2 = i3 * 2 + i4;
      const v2 = x1[p2];
      const p3 = i3 * 6 + i4 + 4;
      y1[p3] = v2;
    }
  }
  y2.fill(-1);
  for (let i5 = 0; i5 < 3; i5++) {
    for (let i6 = 0; i6 < 3; i6++) {
      const p4 = i5 * 4 + i6;
      const v3 = x0[p4];
      const p5 = i5 * 6 + i6 + 3;
      y2[p5] = v3;
    }
  }
  for (let i7 = 0; i7 < 4; i7++) {
    for (let i8 = 0; i8 < 3; i8++) {
      const p6 = i7 + i8 * 4;
      const v4 = x0[p6];
      const p7 = i7 * 3 + i8;
      t0[p7] = v4;
    }
  }
  for (let i9 = 0; i9 < 12; i9++) {
    const v5 = t0[i9];
    const v6 = Math.fround(v5 + 1);
    y3[i9] = v6;
  }
  return [y1, y2, y3, y0];
};

