/**
 * float32 bit patterns on which kiln's float printing is checked against MLIR's (golden
 * float-format.json): special values, powers of two, values whose 6-digit form does not read
 * back, integers past 2^24, subnormals, and a fixed pseudo-random spread over all exponents.
 */
export function floatProbes(): number[] {
  const bits = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0]!;
  const chosen = [
    0, -0, 1, -1, 0.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, Math.PI, Math.E, Math.SQRT2, 1e-7, 1.5e-7, 1e-30, 1e30, 3.4028234663852886e38,
    1.1754943508222875e-38, 1e-45, 1.401298464324817e-45, 5e-324, 16777216, 16777217, 123456789, 1e10, 2.5e9, 0.99999994, 1.0000001,
    65504, 255, 256, 1000, 1234.5678, 0.001, 0.000123, 9.999999e-5, 8388607.5, 2 ** 63, 2 ** -100, 1e-40, -2.5, 0.125, 100, 1e6, 1e7, 1e8,
  ].map((x) => bits(x));
  const powers = Array.from({ length: 60 }, (_, i) => bits(2 ** (i * 4 - 120)));
  // a linear congruential generator: the same spread every run
  let s = 12345;
  const spread = Array.from({ length: 1500 }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const exponent = (s >>> 8) % 254 + 1; // normal numbers of every exponent
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return ((s & 0x80000000) | (exponent << 23) | (s & 0x7fffff)) >>> 0;
  });
  const subnormals = Array.from({ length: 20 }, (_, i) => (i * 419430 + 1) & 0x7fffff);
  return [...chosen, ...powers, ...spread, ...subnormals, 0x7f800000, 0xff800000, 0x7fc00000];
}
