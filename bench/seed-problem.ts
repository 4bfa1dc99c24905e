import { normals } from "./data.js";
import { initialLayers } from "./init.js";
import type { LinearProblem } from "./problem.js";

/** The seed problem's sizes (N, Din, Dout). */
export const seedSizes = {
  S: { n: 64, din: 8, dout: 4 },
  M: { n: 1024, din: 256, dout: 64 },
  L: { n: 4096, din: 1024, dout: 256 },
} as const;

export type SeedSize = keyof typeof seedSizes;
export const isSeedSize = (s: string): s is SeedSize => s in seedSizes;

export const SEED_LR = 0.05;

/**
 * The seed problem at one size: x ~ N(0, 1), y = x·W* + 0.1·noise with W* ~ N(0, 1/Din),
 * the model a Linear(Din, Dout) with kiln's initial weights, trained on the same batch.
 */
export async function seedProblem(name: SeedSize): Promise<LinearProblem> {
  const { n, din, dout } = seedSizes[name];
  const x = normals(n * din, 1);
  const wStar = normals(din * dout, 2, 1 / Math.sqrt(din));
  const noise = normals(n * dout, 3, 0.1);
  const y = new Float32Array(n * dout);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dout; j++) {
      let s = noise[i * dout + j]!;
      for (let k = 0; k < din; k++) s += x[i * din + k]! * wStar[k * dout + j]!;
      y[i * dout + j] = s;
    }
  }
  const init = await initialLayers([din, dout]);
  const { kernel, bias } = init.layers[0]!;
  return { kind: "linear", name, n, din, dout, lr: SEED_LR, x, y, w0: kernel, b0: bias, flops: 6 * n * din * dout, initSource: init.source };
}
