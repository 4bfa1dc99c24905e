/**
 * @kiln/stablehlo: kiln graphs as StableHLO MLIR text, the interchange format XLA (JAX on CPU,
 * GPU and TPU), IREE and others compile. Every op has its form in `loweringRules`.
 */
export { exportGraph, type ExportOptions } from "./export-graph.js";
export { StablehloModule, type StablehloManifest, type TensorSpec } from "./stablehlo-module.js";
export { leafPaths } from "./paths.js";
export { loweringRules } from "./lowering-rules.js";
export type { LoweringRule, Operand } from "./lowering.js";
export type { Builder } from "./builder.js";
export type { DotPrecision } from "./module-builder.js";
export { formatF32 } from "./mlir-float.js";
