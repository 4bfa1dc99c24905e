import { castScalar, type DType, type Shape } from "@kiln/core";
import { formatF32 } from "./mlir-float.js";
import { tensorType } from "./mlir-types.js";

/** MLIR prints a dense attribute of more than this many elements as one hex string. */
const HEX_ABOVE = 100;

function formatElement(x: number, dtype: DType): string {
  switch (dtype) {
    case "float32": return formatF32(x);
    case "int32": return String(x | 0);
    case "uint32": return String(x >>> 0);
    case "bool": return x ? "true" : "false";
  }
}

/** Bit-for-bit equality of two elements (so 0 and -0, or two NaNs, compare as MLIR's storage does). */
function sameBits(a: number, b: number, dtype: DType): boolean {
  return dtype === "float32" ? Object.is(Math.fround(a), Math.fround(b)) : castScalar(a, dtype) === castScalar(b, dtype);
}

/** The raw little-endian bytes of the values, as MLIR's hex form `"0x0000803F..."` holds them. */
function hexBytes(values: ArrayLike<number>, dtype: DType): string {
  const width = dtype === "bool" ? 1 : 4;
  const view = new DataView(new ArrayBuffer(values.length * width));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dtype === "float32") view.setFloat32(4 * i, v, true);
    else if (dtype === "bool") view.setUint8(i, v ? 1 : 0);
    else view.setUint32(4 * i, v >>> 0, true);
  }
  let s = "0x";
  for (let i = 0; i < view.byteLength; i++) s += view.getUint8(i).toString(16).toUpperCase().padStart(2, "0");
  return s;
}

function nested(values: ArrayLike<number>, shape: Shape, dtype: DType, offset: number, axis: number): string {
  if (axis === shape.length) return formatElement(values[offset]!, dtype);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const parts: string[] = [];
  for (let i = 0; i < shape[axis]!; i++) parts.push(nested(values, shape, dtype, offset + i * inner, axis + 1));
  return `[${parts.join(", ")}]`;
}

/** `dense<...>` as MLIR prints it: one value for a splat, nested lists, or hex for large tensors. */
export function denseAttr(values: ArrayLike<number>, shape: Shape, dtype: DType): string {
  const n = values.length;
  if (n === 0) return "dense<>";
  let splat = true;
  for (let i = 1; i < n && splat; i++) splat = sameBits(values[i]!, values[0]!, dtype);
  if (splat) return `dense<${formatElement(values[0]!, dtype)}>`;
  if (n > HEX_ABOVE) return `dense<"${hexBytes(values, dtype)}">`;
  return `dense<${nested(values, shape, dtype, 0, 0)}>`;
}

/** A full `stablehlo.constant` right-hand side. */
export function constantText(values: ArrayLike<number>, shape: Shape, dtype: DType): string {
  return `stablehlo.constant ${denseAttr(values, shape, dtype)} : ${tensorType(shape, dtype)}`;
}
