// k0 reduce [4,10] -> [4]: b = reduce_max[axes=(1,)] a | l = sub b b ; m = eq l 0:f32[] ; n = select_n m 0:f32[] b -> b n
// k1 elementwise [4,1]: d = sub c c ; e = eq d d ; f = select_n e 0:f32[] c -> f
// k2 reduce [4,10] -> [4]: g = sub a f ; h = exp g | i = reduce_sum[axes=(1,)] h | u = log i -> g h i u
// k3 reduce [4,10] -> [4]: k = div h j ; p = sub a o ; q = exp p | r = reduce_sum[axes=(1,)] q | s = log r ; t = add s n -> k t
// k4 elementwise [4,10]: w = sub g v -> w
// wasm: none
const s0 = new Float32Array(4);
const s1 = new Float32Array(4);
const s2 = new Float32Array(4);
const s3 = new Float32Array(40);
const s4 = new Float32Array(40);
const s5 = new Float32Array(4);
return function (args) {
  const x0 = args[0];
  const t0 = s0;
  const t1 = s1;
  const t2 = s2;
  const t3 = s3;
  const t4 = s4;
  const t5 = s5;
  const y0 = new Float32Array(40);
  const y1 = new Float32Array(4);
  const y2 = new Float32Array(40);
  for (let i0 = 0; i0 < 4; i0++) {
    let acc0 = -Infinity;
    for (let i1 = 0; i1 < 10; i1++) {
      const p0 = i0 * 10 + i1;
      const v0 = x0[p0];
      acc0 = Math.max(acc0, v0);
    }
    const v1 = Math.fround(acc0 - acc0);
    const v2 = v1 === 0 ? 1 : 0;
    const v3 = v2 ? acc0 : 0;
    t0[i0] = acc0;
    t1[i0] = v3;
  }
  for (let i2 = 0; i2 < 4; i2++) {
    const v4 = t0[i2];
    const v5 = Math.fround(v4 - v4);
    const v6 = v5 === v5 ? 1 : 0;
    const v7 = v6 ? v4 : 0;
    t2[i2] = v7;
  }
  for (let i3 = 0; i3 < 4; i3++) {
    let acc1 = 0;
    const v9 = t2[i3];
    for (let i4 = 0; i4 < 10; i4++) {
      const p1 = i3 * 10 + i4;
      const v8 = x0[p1];
      const v10 = Math.fround(v8 - v9);
      const v11 = rt.exp32(v10);
      acc1 += v11;
      t3[p1] = v10;
      t4[p1] = v11;
    }
    const v12 = Math.fround(acc1);
    const v13 = rt.log32(v12);
    t0[i3] = v12;
    t5[i3] = v13;
  }
  for (let i5 = 0; i5 < 4; i5++) {
    let acc2 = 0;
    const v15 = t1[i5];
    const v19 = t0[i5];
    const v23 = t1[i5];
    for (let i6 = 0; i6 < 10; i6++) {
      const p2 = i5 * 10 + i6;
      const v14 = x0[p2];
      const v16 = Math.fround(v14 - v15);
      const v17 = rt.exp32(v16);
      const v18 = t4[p2];
      const v20 = Math.fround(v18 / v19);
      acc2 += v17;
      y0[p2] = v20;
    }
    const v21 = Math.fround(acc2);
    const v22 = rt.log32(v21);
    const v24 = Math.fround(v22 + v23);
    y1[i5] = v24;
  }
  for (let i7 = 0; i7 < 4; i7++) {
    const v26 = t5[i7];
    for (let i8 = 0; i8 < 10; i8++) {
      const p3 = i7 * 10 + i8;
      const v25 = t3[p3];
      const v27 = Math.fround(v25 - v26);
      y2[p3] = v27;
    }
  }
  return [y0, y1, y2];
};

