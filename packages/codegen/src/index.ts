/**
 * @kiln/codegen: graph passes, fusion into loop nests, buffer planning, ESTree lowering, and
 * the compile cache (`jit`). A traced graph becomes one specialized JavaScript function.
 */
export { optimize, pipeline, type OptimizeOptions, type Pass } from "./passes/optimize.js";
export { dce } from "./passes/dce.js";
export { cse } from "./passes/cse.js";
export { constantFold } from "./passes/constant-fold.js";
export { simplify, type SimplifyOptions } from "./passes/simplify.js";
export { fuse } from "./fusion/fuse.js";
export { printPlan, printSchedule } from "./plan/print.js";
export type { Fusion, FusedKernel, Region } from "./fusion/kernels.js";
export type { View, Source } from "./fusion/views.js";
export { schedule, type Block, type Schedule, type Step } from "./plan/schedule.js";
export type { KernelPlan } from "./plan/kernel-plan.js";
export { compile, type CompileOptions, type Executable } from "./compile.js";
export { jit, type JitOptions, type Jitted, type Lowered } from "./jit.js";
export { runtime, type Runtime } from "./runtime.js";
export type { BackendChoice } from "./backend/choice.js";
export { settings, updateSettings, type Settings } from "@kiln/platform";
export type { WasmInfo } from "./compile.js";
export { wasmFeatures, type WasmFeatures } from "./wasm/features.js";
export { inWasmMemory, toWasmMemory } from "./wasm/memory.js";
export { shutdownThreads, threadCount } from "./wasm/threads.js";
