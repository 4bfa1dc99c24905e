// k0 op: d = take[axis=0] a b -> d
// k1 op: e = scatter_add[axis=0 shape=(10, 4)] c b -> e
// wasm: none
const s0 = new Float64Array(40);
return function (args) {
  const x0 = args[1];
  const x1 = args[0];
  const y0 = new Float32Array(24);
  const t0 = s0;
  const x2 = args[2];
  const y1 = new Float32Array(40);
  for (let i2 = 0; i2 < 6; i2++) {
    const v2 = x0[i2];
    if (v2 < 0 || v2 >= 10) {
      throw rt.takeIndexError(v2, 10);
    }
  }
  for (let i0 = 0; i0 < 6; i0++) {
    const v0 = x0[i0];
    for (let i1 = 0; i1 < 4; i1++) {
      const v1 = x1[i1 + v0 * 4];
      const p0 = i0 * 4 + i1;
      y0[p0] = v1;
    }
  }
  for (let i6 = 0; i6 < 6; i6++) {
    const v5 = x0[i6];
    if (v5 < 0 || v5 >= 10) {
      throw rt.scatterIndexError(v5, 10);
    }
  }
  t0.fill(0);
  for (let i3 = 0; i3 < 6; i3++) {
    const v4 = x0[i3];
    for (let i4 = 0; i4 < 4; i4++) {
      const p1 = i3 * 4 + i4;
      const v3 = x2[p1];
      t0[i4 + v4 * 4] += v3;
    }
  }
  for (let i5 = 0; i5 < 40; i5++) {
    y1[i5] = t0[i5];
  }
  return [y0, y1];
};

