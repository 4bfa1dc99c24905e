import { packPanel, packPanels, panelsFor, tile4x4 } from "./gemm.js";
import type { MlpProblem } from "./problem.js";

const fround = Math.fround;
const B1 = 0.9, B2 = 0.999, EPS = 1e-8;

/** A parameter with its gradient and Adam moments. */
class AdamSlot {
  readonly grad: Float32Array;
  readonly mu: Float32Array;
  readonly nu: Float32Array;
  constructor(readonly value: Float32Array) {
    this.grad = new Float32Array(value.length);
    this.mu = new Float32Array(value.length);
    this.nu = new Float32Array(value.length);
  }

  /** optax.adam: mu, nu moving averages, bias-corrected, p ← p + fround(-lr)·mû/(√nû + eps). */
  update(negLr: number, c1: number, c2: number): void {
    const { value, grad, mu, nu } = this;
    const a1 = fround(1 - B1), a2 = fround(1 - B2), d1 = fround(B1), d2 = fround(B2);
    for (let i = 0; i < value.length; i++) {
      const g = grad[i]!;
      const m = fround(fround(a1 * g) + fround(d1 * mu[i]!));
      const v = fround(fround(a2 * fround(g * g)) + fround(d2 * nu[i]!));
      mu[i] = m;
      nu[i] = v;
      const u = fround(fround(m / c1) / fround(fround(Math.sqrt(fround(v / c2))) + EPS));
      value[i] = fround(value[i]! + fround(negLr * u));
    }
  }
}

/**
 * The MLP step by hand: h = relu(x·W1 + b1), logits = h·W2 + b2, loss = mean over the batch
 * of logsumexp(logits) - logits[label]; backward dlogits = (softmax - onehot)/B, gW2 = hᵀ·dl,
 * dh = dl·W2ᵀ ⊙ (h > 0), gW1 = xᵀ·dh; then Adam. Each product is the 4x4 tile of gemm.ts on
 * packed panels; all buffers are allocated here, once.
 */
export class ReferenceMlp {
  readonly w1: AdamSlot;
  readonly b1: AdamSlot;
  readonly w2: AdamSlot;
  readonly b2: AdamSlot;
  private readonly h: Float32Array;
  private readonly logits: Float32Array;
  private readonly dl: Float32Array;
  private readonly dh: Float32Array;
  private readonly ap: Float64Array;
  private readonly w1p: Float64Array;
  private readonly w2p: Float64Array;
  private readonly w2tp: Float64Array;
  private readonly dlp: Float64Array;
  private readonly dhp: Float64Array;
  private readonly t = new Float64Array(16);
  private readonly slots: AdamSlot[];
  private count = 0;

  constructor(private readonly p: MlpProblem) {
    const { batch, din, hidden, classes } = p;
    this.w1 = new AdamSlot(p.w1.slice());
    this.b1 = new AdamSlot(p.b1.slice());
    this.w2 = new AdamSlot(p.w2.slice());
    this.b2 = new AdamSlot(p.b2.slice());
    this.h = new Float32Array(batch * hidden);
    this.logits = new Float32Array(batch * classes);
    this.dl = new Float32Array(batch * classes);
    this.dh = new Float32Array(batch * hidden);
    this.ap = new Float64Array(4 * Math.max(din, hidden, batch));
    this.w1p = panelsFor(hidden, din);
    this.w2p = panelsFor(classes, hidden);
    this.w2tp = panelsFor(hidden, classes);
    this.dlp = panelsFor(classes, batch);
    this.dhp = panelsFor(hidden, batch);
    this.slots = [this.w1, this.b1, this.w2, this.b2];
  }

  /**
   * C[rows, cols] (row-major, stride cols) = A·B where A's 4-row panels are packed by `packA(i)`
   * into this.ap and B is already packed as column panels `bp` of length len; `out(r, c, v)`
   * receives each result (row i+r, column c).
   */
  private product(rows: number, cols: number, len: number, packA: (i: number, count: number) => void, bp: Float64Array, out: (row: number, col: number, v: number) => void): void {
    const { ap, t } = this;
    for (let i = 0; i < rows; i += 4) {
      const rc = Math.min(4, rows - i);
      packA(i, rc);
      for (let q = 0, j0 = 0; j0 < cols; q++, j0 += 4) {
        tile4x4(ap, 0, bp, q * 4 * len, len, t);
        const cc = Math.min(4, cols - j0);
        for (let r = 0; r < rc; r++) for (let c = 0; c < cc; c++) out(i + r, j0 + c, t[4 * r + c]!);
      }
    }
  }

  step(): number {
    const { batch, din, hidden, classes, x, labels, lr } = this.p;
    const { h, logits, dl, dh, ap, w1, b1, w2, b2 } = this;
    // forward
    packPanels(this.w1p, w1.value, hidden, din, 1, hidden);
    this.product(batch, hidden, din, (i, n) => packPanel(ap, 0, x, i * din, n, din, din, 1), this.w1p, (r, c, v) => {
      h[r * hidden + c] = Math.max(0, fround(fround(v) + b1.value[c]!));
    });
    packPanels(this.w2p, w2.value, classes, hidden, 1, classes);
    this.product(batch, classes, hidden, (i, n) => packPanel(ap, 0, h, i * hidden, n, hidden, hidden, 1), this.w2p, (r, c, v) => {
      logits[r * classes + c] = fround(fround(v) + b2.value[c]!);
    });
    // loss and dlogits
    const invB = fround(1 / batch);
    let sum = 0;
    for (let r = 0; r < batch; r++) {
      const o = r * classes;
      let m = -Infinity;
      for (let c = 0; c < classes; c++) m = Math.max(m, logits[o + c]!);
      let s = 0;
      for (let c = 0; c < classes; c++) s += fround(Math.exp(fround(logits[o + c]! - m)));
      const lse = fround(fround(Math.log(fround(s))) + m);
      sum += fround(lse - logits[o + labels[r]!]!);
      for (let c = 0; c < classes; c++) {
        const sm = fround(fround(Math.exp(fround(logits[o + c]! - m))) / fround(s));
        dl[o + c] = fround(fround(sm - (c === labels[r] ? 1 : 0)) * invB);
      }
    }
    // backward: gW2 = hᵀ·dl, gb2, dh = dl·W2ᵀ ⊙ (h > 0), gW1 = xᵀ·dh, gb1
    packPanels(this.dlp, dl, classes, batch, 1, classes);
    this.product(hidden, classes, batch, (i, n) => packPanel(ap, 0, h, i, n, batch, 1, hidden), this.dlp, (r, c, v) => {
      w2.grad[r * classes + c] = v;
    });
    columnSums(dl, batch, classes, b2.grad);
    packPanels(this.w2tp, w2.value, hidden, classes, classes, 1);
    this.product(batch, hidden, classes, (i, n) => packPanel(ap, 0, dl, i * classes, n, classes, classes, 1), this.w2tp, (r, c, v) => {
      dh[r * hidden + c] = h[r * hidden + c]! > 0 ? v : 0;
    });
    packPanels(this.dhp, dh, hidden, batch, 1, hidden);
    this.product(din, hidden, batch, (i, n) => packPanel(ap, 0, x, i, n, batch, 1, din), this.dhp, (r, c, v) => {
      w1.grad[r * hidden + c] = v;
    });
    columnSums(dh, batch, hidden, b1.grad);
    // Adam
    this.count++;
    const c1 = fround(1 - fround(B1 ** this.count));
    const c2 = fround(1 - fround(B2 ** this.count));
    const negLr = fround(-lr);
    for (const slot of this.slots) slot.update(negLr, c1, c2);
    return fround(fround(sum) * invB);
  }
}

/** out[c] = Σ_r m[r, c], summed in doubles. */
function columnSums(m: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += m[r * cols + c]!;
    out[c] = s;
  }
}
