// k0 elementwise [256,128]: c = mul a b ; d = add c 1:f32[] -> d
// wasm: 1 kernels, 214 bytes, sha256 984824a271aff7196594329a52687d11210a1b34a39369747582ff9e34d6b0e9
const s0 = wasm.float32(32768);
return function (args) {
  const x0 = args[0];
  const x1 = args[1];
  const y0 = s0;
  wasm.call(0, [x0, x1, y0]);
  return [y0];
};

