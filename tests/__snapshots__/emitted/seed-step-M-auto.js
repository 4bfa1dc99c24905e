// k0 dot [1024,64]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] c a | f = add e b ; g = sub f d ; h = integer_pow[y=2] g ; k = mul 2:f32[] g ; l = mul 0.0000152587890625:f32[] k -> h l
// k1 reduce [1024,64] -> []: i = reduce_sum[axes=(0, 1)] h | j = mul i 0.0000152587890625:f32[] -> j
// k2 reduce [1024,64] -> [64]: m = reduce_sum[axes=(0,)] l | q = mul m 0.009999999776482582:f32[] ; r = sub b q -> r
// k3 dot [256,64]: n = dot_general[contracting=((0,), (0,)) batch=((), ())] c l | o = mul n 0.009999999776482582:f32[] ; p = sub a o -> p
// wasm: 3 kernels, 4820 bytes, sha256 c18efd0bd360916f30a9ad8e74ae35ad662d81ec4ed0dcc7b53fcf3bbd9e34f0
const s0 = wasm.float32(65536);
const s1 = wasm.float32(65536);
return function (args) {
  const x0 = args[2];
  const x1 = args[0];
  const x2 = args[1];
  const x3 = args[3];
  const t0 = s0;
  const t1 = s1;
  const y0 = new Float32Array(1);
  wasm.call(0, [x0, x1, x2, x3, t0, t1]);
  let acc0 = 0;
  for (let i0 = 0; i0 < 65536; i0++) {
    const v0 = t0[i0];
    acc0 += v0;
  }
  const v1 = Math.fround(acc0);
  const v2 = Math.fround(v1 * 0.0000152587890625);
  y0[0] = v2;
  wasm.call(1, [t1, x2, x2]);
  wasm.call(2, [x0, t1, x1, x1]);
  return [y0, x1, x2];
};

