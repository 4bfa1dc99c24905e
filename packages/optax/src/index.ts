/** @kiln/optax: gradient transformations, optimizers, schedules and losses in optax's naming. */
export type {
  ArrayTree, Count, EmptyState, GradientTransformation, OptState, ScalarOrSchedule, ScaleByAdamState, ScaleByRmsState,
  ScaleByRStdDevState, ScaleByScheduleState, Schedule, StateOf, TraceState,
} from "./types.js";
export {
  identity, scale, scaleByAdam, scaleByLearningRate, scaleByRms, scaleBySchedule, scaleByStddev, trace,
  type ScaleByAdamOptions, type ScaleByRmsOptions,
} from "./transform.js";
export { addDecayedWeights, type AddDecayedWeightsOptions, type Mask } from "./adding.js";
export { clipByGlobalNorm, globalNorm } from "./clipping.js";
export { chain, type ChainState } from "./combine.js";
export { adam, adamw, rmsprop, sgd, type AdamOptions, type AdamwOptions, type RmspropOptions, type SgdOptions } from "./alias.js";
export { constantSchedule, cosineDecaySchedule, joinSchedules, linearSchedule, warmupCosineDecaySchedule } from "./schedule.js";
export { applyUpdates } from "./update.js";
export { l2Loss, sigmoidBinaryCrossEntropy, softmaxCrossEntropy, softmaxCrossEntropyWithIntegerLabels, squaredError } from "./loss.js";
export { safeIncrement } from "./numerics.js";
