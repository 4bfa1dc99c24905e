import { Array } from "../array.js";
import { castScalar, defaultDTypeOf, dtypeInfo, isDType, type DType } from "../dtype.js";
import { finiteNumber } from "../arguments.js";
import { argumentError } from "../errors.js";
import * as lax from "../lax.js";
import { checkShape, type Shape } from "../shape.js";
import { currentTrace } from "../trace.js";
import { asarray, type ArrayLike } from "./convert.js";

function dtypeArg(fn: string, dtype: DType | undefined, fallback: DType): DType {
  if (dtype === undefined) return fallback;
  if (!isDType(dtype)) throw argumentError(fn, "dtype", `must be one of float32, int32, uint32, bool; got ${String(dtype)}`);
  return dtype;
}

function shapeArg(fn: string, shape: Shape | number): Shape {
  return checkShape(fn, "shape", typeof shape === "number" ? [shape] : shape);
}

/** full(shape, value): concrete outside a trace; inside one, a broadcast of a scalar literal. */
export function full(shape: Shape | number, fillValue: number | boolean | Array, dtype?: DType): Array {
  return filled("full", shape, fillValue, dtype);
}

/** full, with errors naming the public function `fn` the user called. */
function filled(fn: string, shape: Shape | number, fillValue: number | boolean | Array, dtype?: DType): Array {
  const s = shapeArg(fn, shape);
  if (fillValue instanceof Array) {
    const v = dtype ? lax.convertElementType(fillValue, dtype) : fillValue;
    return lax.broadcastInDim(v, s, v.shape.map((_, i) => i + s.length - v.ndim));
  }
  if (typeof fillValue !== "number" && typeof fillValue !== "boolean") throw argumentError(fn, "fillValue", `must be a number, got ${typeof fillValue}`);
  const d = dtypeArg(fn, dtype, defaultDTypeOf(fillValue));
  const value = castScalar(Number(fillValue), d);
  if (currentTrace() !== null && s.length > 0) return lax.broadcastInDim(asarray(value, d), s, []);
  const data = dtypeInfo[d].create(s.reduce((a, b) => a * b, 1));
  if (!Object.is(value, 0)) data.fill(value); // the traced version broadcasts a -0 literal
  return Array.fromData(s, d, data);
}

export const zeros = (shape: Shape | number, dtype?: DType): Array => filled("zeros", shape, 0, dtypeArg("zeros", dtype, "float32"));
export const ones = (shape: Shape | number, dtype?: DType): Array => filled("ones", shape, 1, dtypeArg("ones", dtype, "float32"));
export const zerosLike = (x: ArrayLike, dtype?: DType): Array => {
  const a = asarray(x, undefined, "zerosLike");
  return full(a.shape, 0, dtype ?? a.dtype);
};
export const onesLike = (x: ArrayLike, dtype?: DType): Array => {
  const a = asarray(x, undefined, "onesLike");
  return full(a.shape, 1, dtype ?? a.dtype);
};
export const fullLike = (x: ArrayLike, fillValue: number, dtype?: DType): Array => {
  const a = asarray(x, undefined, "fullLike");
  return full(a.shape, fillValue, dtype ?? a.dtype);
};

/** arange(stop) or arange(start, stop, step); int32 for integer arguments, float32 otherwise. */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Array {
  if (stop === undefined) [start, stop] = [0, start];
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) finiteNumber("arange", name, v);
  if (step === 0) throw argumentError("arange", "step", "must not be zero");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const d = dtypeArg("arange", dtype, [start, stop, step].every(Number.isInteger) ? "int32" : "float32");
  checkShape("arange", "length", [n]);
  const data = dtypeInfo[d].create(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return Array.fromData([n], d, data);
}

export function linspace(start: number, stop: number, num = 50, dtype?: DType): Array {
  if (!Number.isInteger(num) || num < 0) throw argumentError("linspace", "num", `must be a non-negative integer, got ${num}`);
  for (const [name, v] of [["start", start], ["stop", stop]] as const) finiteNumber("linspace", name, v);
  checkShape("linspace", "num", [num]); // rejected before allocating
  const d = dtypeArg("linspace", dtype, "float32");
  const data = dtypeInfo[d].create(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return Array.fromData([num], d, data);
}

/** eye(n, m?, k?): ones on the k-th diagonal. */
export function eye(n: number, m?: number, k = 0, dtype?: DType): Array {
  const cols = m ?? n;
  for (const [name, v] of [["n", n], ["m", cols], ["k", k]] as const) {
    if (!Number.isInteger(v) || (name !== "k" && v < 0)) throw argumentError("eye", name, `must be a${name === "k" ? "n" : " non-negative"} integer, got ${v}`);
  }
  const s = checkShape("eye", "shape", [n, cols]);
  const d = dtypeArg("eye", dtype, "float32");
  const data = dtypeInfo[d].create(n * cols);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) data[i * cols + j] = 1;
  }
  return Array.fromData(s, d, data);
}

export function astype(x: ArrayLike, dtype: DType): Array {
  return lax.convertElementType(asarray(x, undefined, "astype"), dtypeArg("astype", dtype, "float32"));
}
