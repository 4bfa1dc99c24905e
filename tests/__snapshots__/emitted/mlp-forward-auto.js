// k0 dot [128,256]: e = dot_general[contracting=((1,), (0,)) batch=((), ())] a b | f = add e c ; g = max f 0:f32[] -> g
// k1 dot [128,10]: h = dot_general[contracting=((1,), (0,)) batch=((), ())] g d -> h
// wasm: 2 kernels, 3940 bytes, sha256 b628a341e00107a1b76f4df0f04decd847b1ac58dd3b69931c32602e57169a19
const s0 = wasm.float32(32768);
const s1 = wasm.float32(1280);
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const x2 = args[2];
  const t0 = s0;
  const x3 = args[3];
  const y0 = s1;
  wasm.call(0, [x0, x1, x2, t0]);
  wasm.call(1, [t0, x3, y0]);
  return [y0];
};

