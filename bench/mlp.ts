import { labels, uniforms } from "./data.js";
import { initialLayers } from "./init.js";
import type { MlpProblem } from "./problem.js";

export const MLP_SHAPE = { batch: 128, din: 784, hidden: 256, classes: 10, lr: 1e-3 } as const;

/**
 * The MLP problem: an MNIST-shaped classifier 784-256-10 (relu), a batch of 128 random
 * "images" (uniform pixels) with random labels, softmax cross-entropy, Adam; the same batch
 * every step. Nominal flops count 6·B·(params in the kernels), as for the seed problem.
 */
export async function mlpProblem(): Promise<MlpProblem> {
  const { batch, din, hidden, classes, lr } = MLP_SHAPE;
  const x = uniforms(batch * din, 11);
  const y = labels(batch, classes, 12);
  const onehot = new Float32Array(batch * classes);
  y.forEach((c, i) => (onehot[i * classes + c] = 1));
  const init = await initialLayers([din, hidden, classes]);
  const l1 = init.layers[0]!;
  const l2 = init.layers[1]!;
  return {
    kind: "mlp", name: "MLP", batch, din, hidden, classes, lr, x, labels: y, onehot,
    w1: l1.kernel, b1: l1.bias, w2: l2.kernel, b2: l2.bias,
    flops: 6 * batch * (din * hidden + hidden * classes), initSource: init.source,
  };
}
