import { argumentError, Array, finiteNumber, jnp, lax, type DType, type Shape } from "@kiln/core";
import type { Key } from "./key.js";
import { normal as normalSample, truncatedNormal as truncatedSample, uniform as uniformSample } from "./samplers.js";

/**
 * jax.nn.initializers in JAX's naming. An Initializer is (key, shape, dtype?) => Array and is
 * evaluated op by op like JAX's eager initializers, so kernels are bit-identical to Flax's.
 */
export type Initializer = (key: Key, shape: Shape, dtype?: DType) => Array;

const f32 = (v: number) => jnp.asarray(Math.fround(v), "float32");

function floatOnly(fn: string, dtype: DType | undefined): void {
  if (dtype !== undefined && dtype !== "float32") throw argumentError(fn, "dtype", `must be float32, got ${dtype}`);
}

export const zeros: Initializer = (_key, shape, dtype = "float32") => jnp.zeros(shape, dtype);
export const ones: Initializer = (_key, shape, dtype = "float32") => jnp.ones(shape, dtype);

export function constant(value: number): Initializer {
  finiteNumber("initializers.constant", "value", value);
  return (_key, shape, dtype = "float32") => jnp.full(shape, value, dtype);
}

export function normal(stddev = 1e-2): Initializer {
  finiteNumber("initializers.normal", "stddev", stddev);
  return (key, shape, dtype) => {
    floatOnly("initializers.normal", dtype);
    return lax.mul(normalSample(key, shape), f32(stddev));
  };
}

export function uniform(scale = 1e-2): Initializer {
  finiteNumber("initializers.uniform", "scale", scale);
  return (key, shape, dtype) => {
    floatOnly("initializers.uniform", dtype);
    return lax.mul(uniformSample(key, shape), f32(scale));
  };
}

export function truncatedNormal(stddev = 1e-2, lower = -2, upper = 2): Initializer {
  finiteNumber("initializers.truncatedNormal", "stddev", stddev);
  return (key, shape, dtype) => {
    floatOnly("initializers.truncatedNormal", dtype);
    return lax.mul(truncatedSample(key, lower, upper, shape), f32(stddev));
  };
}

export type FanMode = "fan_in" | "fan_out" | "fan_avg" | "fan_geo_avg";
export type Distribution = "truncated_normal" | "normal" | "uniform";

export interface FanAxes {
  inAxis?: number | readonly number[];
  outAxis?: number | readonly number[];
  batchAxis?: readonly number[];
}

/** JAX's _compute_fans: sizes of the in/out axes times the receptive field (a float). */
export function computeFans(shape: Shape, { inAxis = -2, outAxis = -1, batchAxis = [] }: FanAxes = {}): [number, number] {
  if (shape.length <= 1) throw argumentError("initializers", "shape", `must have rank >= 2 to compute fans, got [${shape.join(", ")}]`);
  const norm = (a: number | readonly number[]) => (typeof a === "number" ? [a] : [...a]).map((x) => (x < 0 ? x + shape.length : x));
  const prod = (axes: number[]) => axes.reduce((acc, a) => acc * shape[a]!, 1);
  const inSize = prod(norm(inAxis));
  const outSize = prod(norm(outAxis));
  const batchSize = prod(norm(batchAxis));
  const total = shape.reduce((a, b) => a * b, 1);
  const receptive = total / inSize / outSize / batchSize;
  return [inSize * receptive, outSize * receptive];
}

/** jax.nn.initializers.variance_scaling(scale, mode, distribution, axes). */
export function varianceScaling(scale: number, mode: FanMode, distribution: Distribution, axes: FanAxes = {}): Initializer {
  if (!(scale > 0) || scale === Infinity) throw argumentError("varianceScaling", "scale", `must be a positive finite number, got ${scale}`);
  if (!["fan_in", "fan_out", "fan_avg", "fan_geo_avg"].includes(mode)) throw argumentError("varianceScaling", "mode", `must be fan_in, fan_out, fan_avg or fan_geo_avg, got ${mode}`);
  if (!["truncated_normal", "normal", "uniform"].includes(distribution)) throw argumentError("varianceScaling", "distribution", `must be truncated_normal, normal or uniform, got ${distribution}`);
  return (key, shape, dtype) => {
    floatOnly("varianceScaling", dtype);
    const [fanIn, fanOut] = computeFans(shape, axes);
    const denominator = mode === "fan_in" ? fanIn : mode === "fan_out" ? fanOut : mode === "fan_avg" ? (fanIn + fanOut) / 2 : Math.sqrt(fanIn * fanOut);
    const variance = Math.fround(scale / denominator); // Python double, then jnp.array(..., float32)
    if (distribution === "truncated_normal") {
      // stddev = sqrt(variance) / 0.8796..., an eager float32 true division (parity doc section 6)
      const stddev = Math.fround(Math.fround(Math.sqrt(variance)) / Math.fround(0.87962566103423978));
      return lax.mul(truncatedSample(key, -2, 2, shape), f32(stddev));
    }
    if (distribution === "normal") return lax.mul(normalSample(key, shape), f32(Math.sqrt(variance)));
    const bound = Math.fround(Math.sqrt(Math.fround(3 * variance)));
    return lax.mul(uniformSample(key, shape, { minval: -1, maxval: 1 }), f32(bound));
  };
}

export const lecunNormal = (axes?: FanAxes): Initializer => varianceScaling(1, "fan_in", "truncated_normal", axes);
export const lecunUniform = (axes?: FanAxes): Initializer => varianceScaling(1, "fan_in", "uniform", axes);
export const glorotNormal = (axes?: FanAxes): Initializer => varianceScaling(1, "fan_avg", "truncated_normal", axes);
export const glorotUniform = (axes?: FanAxes): Initializer => varianceScaling(1, "fan_avg", "uniform", axes);
export const heNormal = (axes?: FanAxes): Initializer => varianceScaling(2, "fan_in", "truncated_normal", axes);
export const heUniform = (axes?: FanAxes): Initializer => varianceScaling(2, "fan_in", "uniform", axes);
export const xavierNormal = glorotNormal;
export const xavierUniform = glorotUniform;
