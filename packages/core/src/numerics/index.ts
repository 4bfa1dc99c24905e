// Bit-exact float32 / PRNG numerics shared by kiln's JAX-parity paths (tests/reference/jax-parity.md).
export { fma32, horner32 } from "./fma32.js";
export { erf32, erfc32, erfInv32, log1p32 } from "./erf32.js";
export { exp32, expm132, log32, logistic32 } from "./exp-log32.js";
export { tanh32 } from "./tanh32.js";
export {
  threefry2x32,
  threefry2x32Into,
  keyFromSeed,
  foldIn,
  splitKeys,
  randomBits32,
  splitKeysLegacy,
  randomBits32Legacy,
} from "./threefry.js";
export {
  SQRT2_F32,
  NORMAL_UNIFORM_LO,
  nextAfter32,
  unitFromBits,
  uniformScalar,
  uniformFromBits,
  normalScalar,
  normalFromBits,
  truncatedNormalParams,
  truncatedNormalScalar,
  truncatedNormalFromBits,
} from "./samplers.js";
export type { TruncatedNormalParams } from "./samplers.js";
// Scalar recipes: written once against an algebra, rendered by eager mode and by each backend.
export type { ScalarAlgebra } from "./recipes/algebra.js";
export { integerPow } from "./recipes/integer-pow.js";
