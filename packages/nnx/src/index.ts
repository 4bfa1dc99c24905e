/** @kiln/nnx: Flax NNX's module system, layers, optimizer and transforms. */
export { BatchStat, OptState, Param, RngCount, RngKey, Variable, type VariableClass } from "./variable.js";
export { All, Any, Everything, Not, type Filter } from "./filter.js";
export { Module, forEachVariable, pathToString, structureKey, variablesOf, type Path } from "./module.js";
export { GraphDef, merge, selectVariables, split, state, update, type State } from "./state.js";
export { RngStream, Rngs } from "./rngs.js";
export { Linear, type LinearOptions } from "./layers/linear.js";
export { Embed } from "./layers/embed.js";
export { Dropout } from "./layers/dropout.js";
export { LayerNorm, type LayerNormOptions } from "./layers/layer-norm.js";
export { Sequential, type Layer } from "./layers/sequential.js";
export { gelu, leakyRelu, logSoftmax, oneHot, relu, sigmoid, silu, softmax, softplus, tanh } from "./activations.js";
export { Optimizer } from "./optimizer.js";
export { grad, valueAndGrad, type NnxGradOptions } from "./transforms/grad.js";
export { jit, type JittedStep, type NnxJitOptions } from "./transforms/jit.js";
export { initializers } from "@kiln/random";
export { MAX_HEADER_BYTES, decodeSafetensors, encodeSafetensors, safetensorsMetadata } from "./safetensors.js";
export { checkpointTensors, loadTensors, restoreCheckpoint, serializeCheckpoint, type LoadOptions, type SaveOptions } from "./checkpoint.js";
export { loadCheckpoint, saveCheckpoint } from "./checkpoint-file.js";
