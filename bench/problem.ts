/** The problems every peer runs: the seed problem's Linear + MSE + SGD step, and an MLP + Adam step. */
export interface LinearProblem {
  readonly kind: "linear";
  /** S, M or L */
  readonly name: string;
  readonly n: number;
  readonly din: number;
  readonly dout: number;
  readonly lr: number;
  /** x: [n, din], y: [n, dout], row-major */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** initial kernel [din, dout] and bias [dout] */
  readonly w0: Float32Array;
  readonly b0: Float32Array;
  /** nominal flops per step, 6·N·Din·Dout */
  readonly flops: number;
  /** where the initial weights came from */
  readonly initSource: string;
}

export interface MlpProblem {
  readonly kind: "mlp";
  readonly name: string;
  readonly batch: number;
  readonly din: number;
  readonly hidden: number;
  readonly classes: number;
  readonly lr: number;
  /** x: [batch, din]; labels: [batch] integers; onehot: [batch, classes] */
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly onehot: Float32Array;
  /** layer 1 kernel [din, hidden] and bias [hidden]; layer 2 kernel [hidden, classes] and bias [classes] */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  /** nominal flops per step, 6·B·(Din·H + H·C) */
  readonly flops: number;
  readonly initSource: string;
}

export type Problem = LinearProblem | MlpProblem;

/** A short description of the problem's shape, for tables. */
export function describe(p: Problem): string {
  return p.kind === "linear"
    ? `Linear N=${p.n}, Din=${p.din}, Dout=${p.dout}, MSE, SGD(lr=${p.lr})`
    : `MLP ${p.din}-${p.hidden}-${p.classes} (relu), batch ${p.batch}, softmax cross-entropy, Adam(lr=${p.lr})`;
}
