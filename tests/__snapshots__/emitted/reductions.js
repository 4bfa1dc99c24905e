// k0 reduce [6,5,7] -> [6,7]: b = exp a | c = reduce_sum[axes=(1,)] b -> c
// k1 reduce [6,5,7] -> [5,7]: d = reduce_max[axes=(0,)] a -> d
// k2 reduce [6,5,7] -> [5]: e = abs a | f = reduce_min[axes=(0, 2)] e -> f
// k3 reduce [6,5,7] -> []: g = reduce_sum[axes=(0, 1, 2)] a | h = mul g 0.004761904943734407:f32[] -> h
// k4 reduce [6,5,7] -> [6,7]: i = reduce_sum[axes=(1,)] a -> i
// k5 op: k = argmax[axis=2 indexDtype=int32] a -> k
// k6 op: l = argmin[axis=0 indexDtype=int32] a -> l
// wasm: none
const s0 = new Float64Array(42);
const s1 = new Float64Array(35);
const s2 = new Float64Array(5);
return function (args) {
  const t0 = s0;
  const x0 = args[0];
  const y0 = new Float32Array(42);
  const t1 = s1;
  const y1 = new Float32Array(35);
  const t2 = s2;
  const y2 = new Float32Array(5);
  const y3 = new Float32Array(1);
  const y4 = new Float32Array(42);
  const y5 = new Int32Array(30);
  const y6 = new Int32Array(35);
  t0.fill(0);
  for (let i0 = 0; i0 < 6; i0++) {
    for (let i1 = 0; i1 < 5; i1++) {
      for (let i2 = 0; i2 < 7; i2++) {
        const p0 = i0 * 35 + i1 * 7 + i2;
        const v0 = x0[p0];
        const v1 = rt.exp32(v0);
        const p1 = i0 * 7 + i2;
        t0[p1] += v1;
      }
    }
  }
  for (let i3 = 0; i3 < 42; i3++) {
    const v2 = Math.fround(t0[i3]);
    y0[i3] = v2;
  }
  t1.fill(-Infinity);
  for (let i4 = 0; i4 < 6; i4++) {
    for (let i5 = 0; i5 < 35; i5++) {
      const p2 = i4 * 35 + i5;
      const v3 = x0[p2];
      t1[i5] = Math.max(t1[i5], v3);
    }
  }
  for (let i6 = 0; i6 < 35; i6++) {
    const v4 = t1[i6];
    y1[i6] = v4;
  }
  t2.fill(Infinity);
  for (let i7 = 0; i7 < 6; i7++) {
    for (let i8 = 0; i8 < 5; i8++) {
      for (let i9 = 0; i9 < 7; i9++) {
        const p3 = i7 * 35 + i8 * 7 + i9;
        const v5 = x0[p3];
        const v6 = Math.abs(v5);
        t2[i8] = Math.min(t2[i8], v6);
      }
    }
  }
  for (let i10 = 0; i10 < 5; i10++) {
    const v7 = t2[i10];
    y2[i10] = v7;
  }
  let acc0 = 0;
  for (let i11 = 0; i11 < 210; i11++) {
    const v8 = x0[i11];
    acc0 += v8;
  }
  const v9 = Math.fround(acc0);
  const v10 = Math.fround(v9 * 0.004761904943734407);
  y3[0] = v10;
  t0.fill(0);
  for (let i12 = 0; i12 < 6; i12++) {
    for (let i13 = 0; i13 < 5; i13++) {
      for (let i14 = 0; i14 < 7; i14++) {
        const p4 = i12 * 35 + i13 * 7 + i14;
        const v11 = x0[p4];
        const p5 = i12 * 7 + i14;
        t0[p5] += v11;
      }
    }
  }
  for (let i15 = 0; i15 < 42; i15++) {
    const v12 = Math.fround(t0[i15]);
    y4[i15] = v12;
  }
  for (let i16 = 0; i16 < 30; i16++) {
    const p6 = i16 * 7;
    let best0 = x0[p6];
    let bi0 = 0;
    for (let k0 = 1; k0 < 7 && best0 === best0; k0++) {
      const v13 = x0[p6 + k0];
      if (v13 !== v13 || v13 > best0) {
        best0 = v13;
        bi0 = k0;
      }
    }
    y5[i16] = bi0;
  }
  for (let i17 = 0; i17 < 35; i17++) {
    let best1 = x0[i17];
    let bi1 = 0;
    for (let k1 = 1; k1 < 6 && best1 === best1; k1++) {
      const v14 = x0[i17 + k1 * 35];
      if (v14 !== v14 || v14 < best1) {
        best1 = v14;
        bi1 = k1;
      }
    }
    y6[i17] = bi1;
  }
  return [y0, y1, y2, y3, y4, y5, y6];
};

