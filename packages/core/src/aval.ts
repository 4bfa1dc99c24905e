import { dtypeInfo, type DType } from "./dtype.js";
import { shapeEquals, sizeOf, type Shape } from "./shape.js";

/** An abstract value: what the compiler knows about an array (shape and dtype), like JAX's ShapedArray. */
export class ShapedArray {
  readonly shape: Shape;
  constructor(shape: Shape, readonly dtype: DType) {
    this.shape = Object.freeze([...shape]);
  }
  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  equals(other: ShapedArray): boolean {
    return this.dtype === other.dtype && shapeEquals(this.shape, other.shape);
  }
  /** `f32[3,4]`, as jaxprs print avals. */
  toString(): string {
    return `${dtypeInfo[this.dtype].short}[${this.shape.join(",")}]`;
  }
}
