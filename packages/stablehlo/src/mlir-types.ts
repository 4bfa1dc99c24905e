import type { DType, Shape, ShapedArray } from "@kiln/core";

/** StableHLO element types of kiln's dtypes. */
export const elementTypes: { readonly [D in DType]: string } = {
  float32: "f32",
  int32: "i32",
  uint32: "ui32",
  bool: "i1",
};

/** `tensor<2x3xf32>`, `tensor<f32>` for a scalar. */
export function tensorType(shape: Shape, dtype: DType): string {
  return `tensor<${shape.map((d) => `${d}x`).join("")}${elementTypes[dtype]}>`;
}

export function typeOf(aval: ShapedArray): string {
  return tensorType(aval.shape, aval.dtype);
}

/** A list of integers as StableHLO's pretty forms print them: `[0, 1]`. */
export function intList(xs: readonly number[]): string {
  return `[${xs.join(", ")}]`;
}
