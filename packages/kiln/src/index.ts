/**
 * kiln: a graph-compiling ML framework for TypeScript in the spirit of JAX + Flax NNX + optax.
 * `import { jnp, nnx, optax, random, jit, grad, valueAndGrad } from "kiln"`.
 */
export {
  Array, ArgumentError, DTypeError, KilnError, ShapeError, ShapedArray, TraceError,
  jnp, lax, makeGraph, nn, printGraph, treeFlatten, treeMap, treeUnflatten, verifyGraph,
  type ArrayLike, type DType, type Graph, type Shape,
} from "@kiln/core";
export { grad, stopGradient, valueAndGrad, vjp } from "@kiln/autodiff";
export { compile, jit, optimize, settings, updateSettings, type BackendChoice, type Settings } from "@kiln/codegen";
export * as random from "@kiln/random";
export * as optax from "@kiln/optax";
export * as nnx from "@kiln/nnx";
export { exportStablehlo } from "./export/export-stablehlo.js";
export { exportTrainStep, type ExportedTrainStep, type TrainStepJob } from "./export/train-step-export.js";
export { StablehloModule, type StablehloManifest, type TensorSpec } from "@kiln/stablehlo";
export { checkSeedProblem, loss as seedLoss, makeTrainStep, trainStepLoss } from "./train-step-loss.js";
