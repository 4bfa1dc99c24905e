// k0 elementwise [4,6]: e = mul a b ; f = sign a ; g = ne f 1:i32[] ; h = rem a 3:i32[] ; i = ne h 0:i32[] ; j = and g i ; k = div a 3:i32[] ; l = sub k 1:i32[] ; m = select_n j k l ; n = add e m ; o = shift_right_arithmetic a b -> n o
// k1 elementwise [6]: p = convert_element_type[newDtype=uint32] b ; q = eq p 0:u32[] ; r = select_n q p 1:u32[] ; u = lt r 0:u32[] -> r u
// k2 elementwise [4,6]: s = rem c r ; t = lt s 0:u32[] ; v = ne t u ; w = ne s 0:u32[] ; x = and v w ; y = add s r ; z = select_n x s y ; ba = lt a b ; bb = and d ba ; bc = select_n d b a ; bd = convert_element_type[newDtype=float32] bc ; be = convert_element_type[newDtype=float32] a ; bf = bitcast_convert_type[newDtype=int32] be -> z bb bd bf
// wasm: none
const s0 = new Uint32Array(6);
const s1 = new Uint8Array(6);
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const y0 = new Int32Array(24);
  const y1 = new Int32Array(24);
  const t0 = s0;
  const t1 = s1;
  const x2 = args[2];
  const x3 = args[3];
  const y2 = new Uint32Array(24);
  const y3 = new Uint8Array(24);
  const y4 = new Float32Array(24);
  const y5 = new Int32Array(24);
  for (let i0 = 0; i0 < 4; i0++) {
    for (let i1 = 0; i1 < 6; i1++) {
      const p0 = i0 * 6 + i1;
      const v0 = x0[p0];
      const v1 = x1[i1];
      const v2 = Math.imul(v0, v1);
      const v3 = v0 > 0 ? 1 : v0 < 0 ? -1 : 0;
      const v4 = v3 !== 1 ? 1 : 0;
      const v5 = 3 === 0 ? v0 : v0 % 3 | 0;
      const v6 = v5 !== 0 ? 1 : 0;
      const v7 = v4 & v6;
      const v8 = 3 === 0 ? -1 : Math.trunc(v0 / 3) | 0;
      const v9 = v8 - 1 | 0;
      const v10 = v7 ? v9 : v8;
      const v11 = v2 + v10 | 0;
      const v12 = v0 >> (v1 < 0 || v1 >= 32 ? 31 : v1);
      y0[p0] = v11;
      y1[p0] = v12;
    }
  }
  for (let i2 = 0; i2 < 6; i2++) {
    const v13 = x1[i2];
    const v14 = v13 >>> 0;
    const v15 = v14 === 0 ? 1 : 0;
    const v16 = v15 ? 1 : v14;
    const v17 = v16 < 0 ? 1 : 0;
    t0[i2] = v16;
    t1[i2] = v17;
  }
  for (let i3 = 0; i3 < 4; i3++) {
    for (let i4 = 0; i4 < 6; i4++) {
      const p1 = i3 * 6 + i4;
      const v18 = x2[p1];
      const v19 = t0[i4];
      const v20 = v19 === 0 ? v18 : v18 % v19 >>> 0;
      const v21 = v20 < 0 ? 1 : 0;
      const v22 = t1[i4];
      const v23 = v21 !== v22 ? 1 : 0;
      const v24 = v20 !== 0 ? 1 : 0;
      const v25 = v23 & v24;
      const v26 = v20 + v19 >>> 0;
      const v27 = v25 ? v26 : v20;
      const v28 = x3[p1];
      const v29 = x0[p1];
      const v30 = x1[i4];
      const v31 = v29 < v30 ? 1 : 0;
      const v32 = v28 & v31;
      const v33 = v28 ? v29 : v30;
      const v34 = Math.fround(v33);
      const v35 = Math.fround(v29);
      const v36 = rt.bitcastF32I32(v35);
      y2[p1] = v27;
      y3[p1] = v32;
      y4[p1] = v34;
      y5[p1] = v36;
    }
  }
  return [y0, y1, y2, y3, y4, y5];
};

