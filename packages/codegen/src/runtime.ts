import { KilnError, numerics, scalarFns } from "@kiln/core";

const bitcast = scalarFns.bitcastFn;

/** The error eager mode raises for an out-of-range gather/scatter index. */
const indexError = (op: string, index: number, size: number): KilnError =>
  new KilnError(`${op}: index ${index} is out of bounds for an axis of size ${size}`);

/**
 * Everything generated code calls besides Math: core's exact float32 numerics and threefry,
 * passed in as one frozen object (generated functions close over no user data).
 */
export const runtime = Object.freeze({
  fma32: numerics.fma32,
  exp32: numerics.exp32,
  expm132: numerics.expm132,
  log32: numerics.log32,
  log1p32: numerics.log1p32,
  tanh32: numerics.tanh32,
  logistic32: numerics.logistic32,
  erf32: numerics.erf32,
  erfc32: numerics.erfc32,
  erfInv32: numerics.erfInv32,
  roundHalfEven: scalarFns.roundHalfEven,
  powI32: scalarFns.binaryFn("pow", "int32")!,
  powU32: scalarFns.binaryFn("pow", "uint32")!,
  bitcastF32I32: bitcast("float32", "int32"),
  bitcastF32U32: bitcast("float32", "uint32"),
  bitcastI32F32: bitcast("int32", "float32"),
  bitcastI32U32: bitcast("int32", "uint32"),
  bitcastU32F32: bitcast("uint32", "float32"),
  bitcastU32I32: bitcast("uint32", "int32"),
  randomBits32: numerics.randomBits32,
  splitKeys: numerics.splitKeys,
  threefry2x32Into: numerics.threefry2x32Into,
  takeIndexError: (index: number, size: number): KilnError => indexError("take", index, size),
  scatterIndexError: (index: number, size: number): KilnError => indexError("scatter_add", index, size),
});

export type Runtime = typeof runtime;
export type RuntimeName = keyof Runtime;
