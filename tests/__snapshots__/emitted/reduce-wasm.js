// k0 reduce [19,70] -> [70]: b = integer_pow[y=2] a | c = reduce_sum[axes=(0,)] b -> c
// k1 reduce [19,70] -> [19]: d = reduce_max[axes=(1,)] a -> d
// k2 reduce [19,70] -> [19]: e = reduce_sum[axes=(1,)] a -> e
// k3 reduce [19,70] -> []: f = mul a 2:f32[] | g = reduce_min[axes=(0, 1)] f -> g
// wasm: 4 kernels, 3687 bytes, sha256 7e89e2e389adffa35300a7faa27fcb46bb7d2b23fc358e706acc60e39f622b42
const s0 = wasm.float32(70);
const s1 = wasm.float32(19);
const s2 = wasm.float32(19);
const s3 = wasm.float32(1);
return function (args) {
  const x0 = args[0];
  const y0 = s0;
  const y1 = s1;
  const y2 = s2;
  const y3 = s3;
  wasm.call(0, [x0, y0]);
  wasm.call(1, [x0, y1]);
  wasm.call(2, [x0, y2]);
  wasm.call(3, [x0, y3]);
  return [y0, y1, y2, y3];
};

