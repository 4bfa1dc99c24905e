import type { DType } from "@kiln/core";

/** One input or output of an exported function. */
export interface TensorSpec {
  /** Where the value lives in the caller's pytree (`args[0]["w"]`, `model.kernel`). */
  readonly path: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** For an input held by an nnx Variable: the Variable's type (`Param`, `OptState`, `RngKey`, ...); absent for data. */
  readonly variable?: string;
  /** For an output: the index of the input it is the new value of (a train step's parameters and optimizer state). */
  readonly updates?: number;
}

/** What `toJSON` writes beside the module: which argument and result is which. */
export interface StablehloManifest {
  readonly format: "kiln-stablehlo";
  readonly version: 1;
  /** The module's symbol name; its entry function is always `main`. */
  readonly module: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** An exported StableHLO module: its MLIR text and the signature of its `main` function. */
export class StablehloModule {
  constructor(
    readonly name: string,
    readonly text: string,
    readonly inputs: readonly TensorSpec[],
    readonly outputs: readonly TensorSpec[],
  ) {}

  toString(): string {
    return this.text;
  }

  toJSON(): StablehloManifest {
    return { format: "kiln-stablehlo", version: 1, module: this.name, inputs: this.inputs, outputs: this.outputs };
  }
}
