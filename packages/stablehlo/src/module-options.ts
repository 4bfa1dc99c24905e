/** dot_general's operand precision (StableHLO `precision_config`); DEFAULT is what JAX emits by default. */
export type DotPrecision = "DEFAULT" | "HIGH" | "HIGHEST";

export interface ModuleOptions {
  /** The module's symbol name (`module @name`), already a safe identifier. */
  readonly name: string;
  readonly precision: DotPrecision;
}
