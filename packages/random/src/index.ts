export { PRNGKey, checkKey, foldIn, key, keyData, split, wrapKeyData, type Key } from "./key.js";
export { bernoulli, bits, categorical, gumbel, normal, permutation, truncatedNormal, uniform, type UniformOptions } from "./samplers.js";
export * as initializers from "./initializers.js";
