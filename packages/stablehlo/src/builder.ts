import { ShapedArray, castScalar, shapeEquals, type DType, type Shape } from "@kiln/core";
import { constantText } from "./dense.js";
import { Block, Value, type Op, type OpPrinter } from "./ir.js";
import type { ModuleOptions } from "./module-options.js";
import { intList, typeOf } from "./mlir-types.js";

export type CompareDirection = "EQ" | "NE" | "LT" | "LE" | "GT" | "GE";

/** StableHLO's comparison type for a dtype (bool compares as unsigned, as JAX lowers it). */
export function compareType(dtype: DType): string {
  return dtype === "float32" ? "FLOAT" : dtype === "int32" ? "SIGNED" : "UNSIGNED";
}

/** float -inf/+inf, or the integer range's ends: the identity of max/min reductions. */
export function lowest(dtype: DType): number {
  return { float32: -Infinity, int32: -2147483648, uint32: 0, bool: 0 }[dtype];
}
export function highest(dtype: DType): number {
  return { float32: Infinity, int32: 2147483647, uint32: 4294967295, bool: 1 }[dtype];
}

/**
 * Appends StableHLO ops to one block. Each method writes one op in the pretty form MLIR prints
 * for it and returns its result; lowering rules are written with these.
 */
/** The module a builder's function belongs to: its options and its private helper functions. */
export interface ModuleScope {
  readonly options: ModuleOptions;
  /** A private function built once per name (a helper such as threefry2x32 for one counter length). */
  helper(name: string, argAvals: readonly ShapedArray[], build: (b: Builder, args: Value[]) => readonly Value[]): string;
}

export class Builder {
  constructor(
    readonly module: ModuleScope,
    readonly block: Block,
  ) {}

  /** Appends an op with the given result avals; `render` writes its text once names are known. */
  emit(avals: readonly ShapedArray[], render: (p: OpPrinter) => string, options: { hint?: string; regions?: readonly Block[] } = {}): Value[] {
    const results = avals.map((a) => new Value(a));
    const op: Op = { results, hint: options.hint, regions: options.regions ?? [], render };
    this.block.ops.push(op);
    return results;
  }

  /** Appends an op with one result. */
  emit1(aval: ShapedArray, render: (p: OpPrinter) => string, options: { hint?: string; regions?: readonly Block[] } = {}): Value {
    return this.emit([aval], render, options)[0]!;
  }

  /** A statement without results (`return`, `stablehlo.return`). */
  statement(render: (p: OpPrinter) => string): void {
    this.emit([], render);
  }

  /** A builder for a new block (a region body) with arguments of these avals. */
  region(argAvals: readonly ShapedArray[]): [Builder, Value[]] {
    const args = argAvals.map((a) => new Value(a));
    return [new Builder(this.module, new Block(args)), args];
  }

  constant(values: ArrayLike<number>, aval: ShapedArray): Value {
    return this.emit1(aval, () => constantText(values, aval.shape, aval.dtype), { hint: aval.dtype === "float32" ? "cst" : "c" });
  }

  /** A constant filled with one value (MLIR stores it as a splat). */
  splat(value: number, shape: Shape, dtype: DType): Value {
    return this.constant([castScalar(value, dtype)], new ShapedArray(shape, dtype));
  }

  /** `stablehlo.<name> %a, %b : T`: an elementwise op whose operands and result share one type. */
  elementwise(name: string, operands: readonly Value[], dtype: DType = operands[0]!.aval.dtype): Value {
    const aval = new ShapedArray(operands[0]!.aval.shape, dtype);
    return this.emit1(aval, (p) => `${name} ${p.list(operands)} : ${typeOf(aval)}`);
  }

  /** An elementwise op written `op %x : (T) -> U` (convert, bitcast_convert). */
  private unaryTyped(name: string, x: Value, dtype: DType): Value {
    const aval = new ShapedArray(x.aval.shape, dtype);
    return this.emit1(aval, (p) => `${name} ${p.name(x)} : (${p.type(x)}) -> ${typeOf(aval)}`);
  }

  convert(x: Value, dtype: DType): Value {
    return this.unaryTyped("stablehlo.convert", x, dtype);
  }

  bitcastConvert(x: Value, dtype: DType): Value {
    return this.unaryTyped("stablehlo.bitcast_convert", x, dtype);
  }

  /** A CHLO op (`chlo.erf %x : T -> T`): decomposed or mapped to HLO by the consumer, as JAX relies on. */
  chlo(name: string, x: Value): Value {
    return this.emit1(x.aval, (p) => `chlo.${name} ${p.name(x)} : ${p.type(x)} -> ${p.type(x)}`);
  }

  compare(direction: CompareDirection, a: Value, b: Value): Value {
    const aval = new ShapedArray(a.aval.shape, "bool");
    return this.emit1(aval, (p) => `stablehlo.compare ${direction}, ${p.name(a)}, ${p.name(b)}, ${compareType(a.aval.dtype)} : (${p.type(a)}, ${p.type(b)}) -> ${typeOf(aval)}`);
  }

  select(pred: Value, onTrue: Value, onFalse: Value): Value {
    return this.emit1(onTrue.aval, (p) => `stablehlo.select ${p.list([pred, onTrue, onFalse])} : ${p.type(pred)}, ${p.type(onTrue)}`);
  }

  broadcastInDim(x: Value, shape: Shape, dims: readonly number[]): Value {
    const aval = new ShapedArray(shape, x.aval.dtype);
    return this.emit1(aval, (p) => `stablehlo.broadcast_in_dim ${p.name(x)}, dims = ${intList(dims)} : (${p.type(x)}) -> ${typeOf(aval)}`);
  }

  /** NumPy broadcasting (trailing axes aligned), or `x` itself when it already has the shape. */
  broadcastTo(x: Value, shape: Shape): Value {
    if (shapeEquals(x.aval.shape, shape)) return x;
    const offset = shape.length - x.aval.ndim;
    return this.broadcastInDim(x, shape, x.aval.shape.map((_, i) => i + offset));
  }

  reshape(x: Value, shape: Shape): Value {
    const aval = new ShapedArray(shape, x.aval.dtype);
    return this.emit1(aval, (p) => `stablehlo.reshape ${p.name(x)} : (${p.type(x)}) -> ${typeOf(aval)}`);
  }

  /** `stablehlo.slice %x [a:b, c:d:s]`; a stride of 1 is not written. */
  slice(x: Value, start: readonly number[], limit: readonly number[], strides: readonly number[] = start.map(() => 1)): Value {
    const shape = start.map((s, i) => Math.ceil((limit[i]! - s) / strides[i]!));
    const aval = new ShapedArray(shape, x.aval.dtype);
    const ranges = start.map((s, i) => `${s}:${limit[i]}${strides[i] === 1 ? "" : `:${strides[i]}`}`).join(", ");
    return this.emit1(aval, (p) => `stablehlo.slice ${p.name(x)} [${ranges}] : (${p.type(x)}) -> ${typeOf(aval)}`);
  }

  concatenate(xs: readonly Value[], dimension: number): Value {
    const first = xs[0]!.aval;
    const total = xs.reduce((acc, x) => acc + x.aval.shape[dimension]!, 0);
    const aval = new ShapedArray(first.shape.map((s, i) => (i === dimension ? total : s)), first.dtype);
    return this.emit1(aval, (p) => `stablehlo.concatenate ${p.list(xs)}, dim = ${dimension} : (${p.types(xs)}) -> ${typeOf(aval)}`);
  }

  iota(shape: Shape, dtype: DType, dimension: number): Value {
    const aval = new ShapedArray(shape, dtype);
    return this.emit1(aval, () => `stablehlo.iota dim = ${dimension} : ${typeOf(aval)}`);
  }

  /** A reduction whose body is one binary op over the block arguments: MLIR's compact form. */
  reduce(x: Value, init: Value, body: string, dimensions: readonly number[]): Value {
    const aval = new ShapedArray(x.aval.shape.filter((_, i) => !dimensions.includes(i)), x.aval.dtype);
    return this.emit1(aval, (p) => `stablehlo.reduce(${p.name(x)} init: ${p.name(init)}) applies ${body} across dimensions = ${intList(dimensions)} : (${p.type(x)}, ${p.type(init)}) -> ${typeOf(aval)}`);
  }

  /** `call @f(...)` of a private function of the module. */
  call(name: string, args: readonly Value[], resultAvals: readonly ShapedArray[]): Value[] {
    const results = resultAvals.map(typeOf);
    const resultText = results.length === 1 ? results[0]! : `(${results.join(", ")})`;
    return this.emit(resultAvals, (p) => `call @${name}(${p.list(args)}) : (${p.types(args)}) -> ${resultText}`);
  }

  /** The values of a region's terminator (`stablehlo.return`). */
  regionReturn(values: readonly Value[]): void {
    this.statement((p) => `stablehlo.return ${p.list(values)} : ${p.types(values)}`);
  }
}
