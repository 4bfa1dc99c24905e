// k0 op: b = random_split[num=2] a -> b
// k1 op: g = random_bits[shape=(5, 3)] d -> g
// k2 elementwise [5,3]: h = shift_right_logical g 9:u32[] ; i = or h 1065353216:u32[] ; j = bitcast_convert_type[newDtype=float32] i ; k = sub j 1:f32[] ; l = fma k 1:f32[] 0:f32[] ; m = max 0:f32[] l -> m
// k3 op: n = random_bits[shape=(7,)] f -> n
// k4 elementwise [7]: o = shift_right_logical n 9:u32[] ; p = or o 1065353216:u32[] ; q = bitcast_convert_type[newDtype=float32] p ; r = sub q 1:f32[] ; s = fma r 2:f32[] -0.9999999403953552:f32[] ; t = max -0.9999999403953552:f32[] s ; u = erf_inv t ; v = mul 1.4142135381698608:f32[] u -> v
// k5 op: w = random_fold_in a 3:u32[] -> w
// k6 op: x = random_bits[shape=(4,)] d -> x
// k7 elementwise [4]: y = shift_right_logical x 9:u32[] ; z = or y 1065353216:u32[] ; ba = bitcast_convert_type[newDtype=float32] z ; bb = sub ba 1:f32[] ; bc = fma bb 1:f32[] 0:f32[] ; bd = max 0:f32[] bc ; be = lt bd 0.30000001192092896:f32[] -> be
// wasm: none
const s0 = new Uint32Array(4);
const s1 = new Uint32Array(15);
const s2 = new Uint32Array(7);
const s3 = new Uint32Array(4);
return function (args) {
  const x0 = args[0];
  const t0 = s0;
  const t1 = s1;
  const y0 = new Float32Array(15);
  const t2 = s2;
  const y1 = new Float32Array(7);
  const y2 = new Uint32Array(2);
  const t3 = s3;
  const y3 = new Uint8Array(4);
  rt.splitKeys(x0[0], x0[1], 2, t0);
  rt.randomBits32(t0[0], t0[1], t1);
  for (let i0 = 0; i0 < 15; i0++) {
    const v0 = t1[i0];
    const v1 = 9 < 0 || 9 >= 32 ? 0 : v0 >>> 9 >>> 0;
    const v2 = (v1 | 1065353216) >>> 0;
    const v3 = rt.bitcastU32F32(v2);
    const v4 = Math.fround(v3 - 1);
    const v5 = rt.fma32(v4, 1, 0);
    const v6 = Math.max(0, v5);
    y0[i0] = v6;
  }
  rt.randomBits32(t0[2], t0[3], t2);
  for (let i1 = 0; i1 < 7; i1++) {
    const v7 = t2[i1];
    const v8 = 9 < 0 || 9 >= 32 ? 0 : v7 >>> 9 >>> 0;
    const v9 = (v8 | 1065353216) >>> 0;
    const v10 = rt.bitcastU32F32(v9);
    const v11 = Math.fround(v10 - 1);
    const v12 = rt.fma32(v11, 2, -0.9999999403953552);
    const v13 = Math.max(-0.9999999403953552, v12);
    const v14 = rt.erfInv32(v13);
    const v15 = Math.fround(1.4142135381698608 * v14);
    y1[i1] = v15;
  }
  rt.threefry2x32Into(x0[0], x0[1], 0, 3, y2, 0);
  rt.randomBits32(t0[0], t0[1], t3);
  for (let i2 = 0; i2 < 4; i2++) {
    const v16 = t3[i2];
    const v17 = 9 < 0 || 9 >= 32 ? 0 : v16 >>> 9 >>> 0;
    const v18 = (v17 | 1065353216) >>> 0;
    const v19 = rt.bitcastU32F32(v18);
    const v20 = Math.fround(v19 - 1);
    const v21 = rt.fma32(v20, 1, 0);
    const v22 = Math.max(0, v21);
    const v23 = v22 < 0.30000001192092896 ? 1 : 0;
    y3[i2] = v23;
  }
  return [y0, y1, y2, y3];
};

