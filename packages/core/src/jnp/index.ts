/** The `jnp` namespace: NumPy's API in JAX's naming (camelCase where JAX uses snake_case). */
export { array, asarray, type ArrayLike } from "./convert.js";
export { arange, astype, eye, full, fullLike, linspace, ones, onesLike, zeros, zerosLike } from "./creation.js";
export {
  abs, absolute, add, arctan2, bitwiseAnd, bitwiseOr, bitwiseXor, ceil, clip, cos, divide, equal, erf, erfc, erfinv, exp, expm1,
  floor, floorDivide, greater, greaterEqual, isfinite, isnan, less, lessEqual, log, log1p, logicalAnd, logicalNot, logicalOr, logicalXor,
  logistic, maximum, minimum, multiply, negative, notEqual, power, remainder, round, rsqrt, sigmoid, sign, sin, sqrt,
  square, stopGradient, subtract, tanh, trueDivide, where,
} from "./elementwise.js";
export { argmax, argmin, logsumexp, max, mean, min, std, sum, var, type ReduceOptions } from "./reductions.js";
export { broadcastArrays, broadcastTo, concatenate, expandDims, ravel, reshape, squeeze, stack, swapaxes, transpose } from "./shape-ops.js";
export { dot, matmul, outer, vdot } from "./linalg.js";
export { index, s, take, type Index, type Slice } from "./indexing.js";
export { float32, int32, uint32, bool } from "../dtype.js";
