import type { ShapedArray } from "@kiln/core";

/**
 * A small in-memory form of the MLIR being built: values, operations, blocks and functions.
 * Values carry no names: the printer names them the way MLIR's printer does (numbers in
 * order, `%cst`/`%c` for constants, `%argN` for block arguments), so the text reads exactly
 * as MLIR would print the parsed module.
 */
export class Value {
  constructor(readonly aval: ShapedArray) {}
}

/** What an op's render callback may ask of the printer (printer.ts implements it). */
export interface OpPrinter {
  /** A value's SSA name (`%0`, `%cst`, `%arg1`). */
  name(v: Value): string;
  /** A value's tensor type. */
  type(v: Value): string;
  /** Names, comma-separated. */
  list(vs: readonly Value[]): string;
  /** Types, comma-separated (parenthesized when not one). */
  types(vs: readonly Value[]): string;
  /** A region's block, as lines. */
  blockLines(b: Block): string[];
  /** A block argument's declaration (`%arg0: tensor<f32>`). */
  argDecl(v: Value): string;
}

export interface Op {
  readonly results: readonly Value[];
  /** MLIR's result name hint (`cst` for float constants, `c` for others); numbered when absent. */
  readonly hint?: string;
  /** Blocks of this op's regions (named after the enclosing block, as MLIR does). */
  readonly regions: readonly Block[];
  /** The op's text after `%r = ` (or the whole statement for an op without results); may span lines. */
  render(p: OpPrinter): string;
}

export class Block {
  readonly ops: Op[] = [];
  constructor(readonly args: readonly Value[]) {}
}

export class Func {
  constructor(
    readonly name: string,
    readonly visibility: "public" | "private",
    readonly body: Block,
    readonly resultAvals: readonly ShapedArray[],
  ) {}
}
