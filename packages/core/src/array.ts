import { ShapedArray } from "./aval.js";
import { dtypeInfo, type DType, type TypedArray } from "./dtype.js";
import { TraceError } from "./errors.js";
import type { Var } from "./ir/graph.js";
import type { Shape } from "./shape.js";

/** Where a traced Array lives: a variable of a graph being built. */
export interface TraceNode {
  readonly trace: { readonly level: number; readonly closed: boolean };
  readonly v: Var;
}

export type NestedNumbers = number | boolean | readonly NestedNumbers[];

/**
 * kiln's array: an immutable n-dimensional value. Outside a trace it holds a typed array;
 * inside `jit`/`grad`/`makeGraph` the same class stands for a graph variable (a tracer), so user
 * code is written once for both. Reading concrete values from a tracer is an error.
 */
export class Array {
  /** @internal the concrete elements, row-major; never mutated once the Array exists */
  _data: TypedArray | null;
  /** @internal the graph variable when this Array is a tracer */
  readonly _node: TraceNode | null;

  /** @internal use jnp.array / jnp.asarray */
  constructor(readonly aval: ShapedArray, data: TypedArray | null, node: TraceNode | null = null) {
    this._data = data;
    this._node = node;
  }

  /**
   * @internal moves the elements to another buffer holding exactly the same values (the wasm
   * backend relocates batch arrays into its memory once). Invisible to users: the values never change.
   */
  _rebase(data: TypedArray): void {
    const old = this.concrete("_rebase");
    if (data.length !== old.length || data.constructor !== old.constructor) throw new TraceError(`_rebase: a ${data.constructor.name}(${data.length}) cannot hold ${this.aval}`);
    this._data = data;
  }

  /** @internal wraps a typed array the caller will never mutate again */
  static fromData(shape: Shape, dtype: DType, data: TypedArray): Array {
     
    return new Array(new ShapedArray(shape, dtype), data);
  }

  get shape(): Shape {
    return this.aval.shape;
  }
  get dtype(): DType {
    return this.aval.dtype;
  }
  get ndim(): number {
    return this.aval.ndim;
  }
  get size(): number {
    return this.aval.size;
  }
  /** True when this Array is a tracer standing for a value inside a traced function. */
  get isTracer(): boolean {
    return this._node !== null;
  }

  /** @internal the concrete data, or an error that says why it is not available */
  concrete(what: string): TypedArray {
    if (this._data === null && this._node?.trace.closed) {
      throw new TraceError(`${what}: an array ${this.aval} from a finished trace was used (a leaked tracer): do not keep tracers outside the traced function`);
    }
    if (this._data === null) {
      throw new TraceError(
        `${what}: the array ${this.aval} is a tracer inside a traced function (jit/grad), so it has no concrete value; ` +
          `compute with jnp operations instead, or move the read outside the traced function`,
      );
    }
    return this._data;
  }

  /** A copy of the elements as a typed array (Float32Array for float32, Uint8Array for bool). */
  toTypedArray(): TypedArray {
    return this.concrete("toTypedArray").slice();
  }

  /** The elements as nested JS arrays (booleans for bool arrays). */
  tolist(): NestedNumbers {
    const d = this.concrete("tolist");
    const isBool = this.dtype === "bool";
    const shape = this.shape;
    const build = (axis: number, offset: number): NestedNumbers => {
      if (axis === shape.length) return isBool ? d[offset] !== 0 : d[offset]!;
      const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      return globalThis.Array.from({ length: shape[axis]! }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** The value of a one-element array. */
  item(): number {
    const d = this.concrete("item");
    if (d.length !== 1) throw new TraceError(`item: only a one-element array has an item; this one is ${this.aval}`);
    return d[0]!;
  }

  toString(): string {
    if (this._data === null) return `Traced<${this.aval}>`;
    return `Array(${JSON.stringify(this.tolist())}, dtype=${this.dtype})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export function isArray(x: unknown): x is Array {
  return x instanceof Array;
}


export function scalarArray(value: number, dtype: DType): Array {
  const data = dtypeInfo[dtype].create(1);
  data[0] = dtype === "bool" ? (value ? 1 : 0) : value;
  return Array.fromData([], dtype, data);
}
