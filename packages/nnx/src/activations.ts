import { nn } from "@kiln/core";

/** Activations as in flax.nnx (which re-exports jax.nn). */
export const { gelu, leakyRelu, logSoftmax, oneHot, relu, sigmoid, silu, softmax, softplus, tanh } = nn;
