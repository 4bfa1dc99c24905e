// k0 elementwise [3,5]: d = add a b ; e = mul d c ; f = tanh e ; g = gt a 0:f32[] ; h = exp a ; i = abs a ; j = log1p i ; k = select_n g j h ; l = integer_pow[y=3] a ; m = mul 0.044714998453855515:f32[] l ; n = add a m ; o = mul 0.7978845834732056:f32[] n ; p = mul 0.5:f32[] a ; q = tanh o ; r = add 1:f32[] q ; s = mul p r -> f k s
// wasm: none
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const x2 = args[2];
  const y0 = new Float32Array(15);
  const y1 = new Float32Array(15);
  const y2 = new Float32Array(15);
  const v3 = x2[0];
  for (let i0 = 0; i0 < 3; i0++) {
    for (let i1 = 0; i1 < 5; i1++) {
      const p0 = i0 * 5 + i1;
      const v0 = x0[p0];
      const v1 = x1[i1];
      const v2 = Math.fround(v0 + v1);
      const v4 = Math.fround(v2 * v3);
      const v5 = rt.tanh32(v4);
      const v6 = v0 > 0 ? 1 : 0;
      const v7 = Math.abs(v0);
      const v8 = rt.log1p32(v7);
      const v9 = rt.exp32(v0);
      const v10 = v6 ? v9 : v8;
      const v11 = Math.fround(0.5 * v0);
      const v12 = Math.fround(v0 * v0);
      const v13 = Math.fround(v0 * v12);
      const v14 = Math.fround(0.044714998453855515 * v13);
      const v15 = Math.fround(v0 + v14);
      const v16 = Math.fround(0.7978845834732056 * v15);
      const v17 = rt.tanh32(v16);
      const v18 = Math.fround(1 + v17);
      const v19 = Math.fround(v11 * v18);
      y0[p0] = v5;
      y1[p0] = v10;
      y2[p0] = v19;
    }
  }
  return [y0, y1, y2];
};

