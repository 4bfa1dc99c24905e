import { Array, argumentError } from "@kiln/core";

/**
 * A mutable holder of an Array: the only mutable thing in kiln. Only optimizer.update,
 * nnx.update and compiled steps write holders. Arrays stay immutable: a compiled step writes
 * new values into the holder's buffer in place, but only after making sure no Array a user has
 * read out of the holder shares that buffer (copy-on-write).
 */
export class Variable {
  /** @internal */
  _array: Array;
  /** @internal true when the current Array may be referenced outside the holder */
  _shared = true;

  constructor(value: Array) {
    if (!(value instanceof Array)) throw argumentError(new.target.name, "value", `must be a kiln Array, got ${value === null ? "null" : typeof value}`);
    this._array = value;
  }

  get value(): Array {
    this._shared = true;
    return this._array;
  }

  set value(v: Array) {
    if (!(v instanceof Array)) throw argumentError(`${this.constructor.name}.value`, "value", `must be a kiln Array, got ${v === null ? "null" : typeof v}`);
    this._array = v;
    this._shared = true;
  }

  get shape() {
    return this._array.shape;
  }
  get dtype() {
    return this._array.dtype;
  }

  /** @internal set a value only the holder references (a fresh output of a compiled step) */
  _setOwned(v: Array): void {
    this._array = v;
    this._shared = false;
  }

  toString(): string {
    return `${this.constructor.name}(${this._array.aval})`;
  }
}

/** A trainable parameter (what optimizers update by default). */
export class Param extends Variable {}
/** Statistics updated by the forward pass (e.g. running means), not by the optimizer. */
export class BatchStat extends Variable {}
/** Optimizer state (momenta, step counters). */
export class OptState extends Variable {}
/** An RNG stream's key data (u32[2]). */
export class RngKey extends Variable {}
/** An RNG stream's counter (u32 scalar). */
export class RngCount extends Variable {}

export type VariableClass = abstract new (...args: never[]) => Variable;
