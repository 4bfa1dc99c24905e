import type { OpName, OpParams, Shape, ShapedArray } from "@kiln/core";
import type { Builder } from "./builder.js";
import type { Value } from "./ir.js";

/**
 * An equation's input as a lowering rule sees it: a value of the function, or a scalar literal
 * of the graph, made into a StableHLO value on demand at the shape the rule needs.
 */
export class Operand {
  constructor(
    private readonly b: Builder,
    readonly aval: ShapedArray,
    private readonly source: Value | number,
  ) {}

  /** The operand at its own shape. */
  value(): Value {
    return this.at(this.aval.shape);
  }

  /** The operand broadcast to `shape` by NumPy's rules; a literal becomes a constant of that shape. */
  at(shape: Shape): Value {
    if (typeof this.source === "number") return this.b.splat(this.source, shape, this.aval.dtype);
    return this.b.broadcastTo(this.source, shape);
  }
}

/**
 * How one op becomes StableHLO: given the equation's operands, parameters and output avals,
 * append ops to the builder and return the values of the outputs.
 */
export type LoweringRule<P extends OpName> = (b: Builder, args: readonly Operand[], params: OpParams[P], out: readonly ShapedArray[]) => readonly Value[];
