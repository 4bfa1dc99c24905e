export { grad, valueAndGrad, type GradOptions } from "./grad.js";
export { backward, linearize, vjp, type Linearized, type VjpFn } from "./vjp.js";
export { nonDifferentiable, vjpRules, zeroGradient, type VjpArgs, type VjpEntry, type VjpRule } from "./vjp-rules.js";
export { unbroadcast } from "./unbroadcast.js";
export { stopGradient } from "./stop-gradient.js";
