import { packPanel, packPanels, panelsFor, tile4x4, tile4x4Strided } from "./gemm.js";
import type { LinearProblem } from "./problem.js";

const fround = Math.fround;

/**
 * The seed problem's train step written by hand on Float32Array: the bar kiln's compiled step
 * must meet. Forward y = xW + b, diff, loss = mean(diff²) = Σdiff² · fround(1/(N·Dout)),
 * g = dloss/dy, gW = xᵀg, gb = Σ_rows g, then SGD in place: p ← p + fround(-lr)·grad.
 * Two passes over x, both 4x4 register-tiled (gemm.ts): the first computes y, the loss, g and
 * gb in the tile's epilogue; the second computes gW and updates W in its epilogue.
 * Operands are packed into float64 panels unless Dout < 16 (with all sizes multiples of 4):
 * then each packed panel would be used once or twice, and the strided tile on the float32
 * arrays is faster. Every buffer is allocated once here: a step allocates nothing.
 */
export class ReferenceLinear {
  readonly w: Float32Array;
  readonly b: Float32Array;
  /** unpacked loops (small Dout) or packed panels */
  readonly direct: boolean;
  private readonly wp: Float64Array;
  private readonly xp: Float64Array;
  /** g = dloss/dy: row-major [N, Dout] float32 when direct, else float64 column panels */
  private readonly g32: Float32Array;
  private readonly g64: Float64Array;
  private readonly gb: Float64Array;
  private readonly t = new Float64Array(16);
  private readonly scale: number;
  private readonly negLr: number;

  constructor(private readonly p: LinearProblem) {
    this.w = p.w0.slice();
    this.b = p.b0.slice();
    this.direct = p.dout < 16 && p.n % 4 === 0 && p.din % 4 === 0 && p.dout % 4 === 0;
    this.wp = this.direct ? new Float64Array(0) : panelsFor(p.dout, p.din);
    this.xp = this.direct ? new Float64Array(0) : new Float64Array(4 * Math.max(p.n, p.din));
    this.g32 = new Float32Array(this.direct ? p.n * p.dout : 0);
    this.g64 = this.direct ? new Float64Array(0) : panelsFor(p.dout, p.n);
    this.gb = new Float64Array(p.dout);
    this.scale = fround(1 / (p.n * p.dout));
    this.negLr = fround(-p.lr);
  }

  /** One train step; returns the loss before the update, as a float32 value. */
  step(): number {
    const { n, din, dout, x, y } = this.p;
    const { w, b, wp, xp, g32, g64, gb, t, scale, negLr, direct } = this;
    // pass 1: y = xW + b, loss, g = scale·2·diff, gb
    if (!direct) packPanels(wp, w, dout, din, 1, dout);
    gb.fill(0);
    let sum = 0;
    for (let i = 0; i < n; i += 4) {
      const rows = Math.min(4, n - i);
      if (!direct) packPanel(xp, 0, x, i * din, rows, din, din, 1);
      for (let j0 = 0; j0 < dout; j0 += 4) {
        if (direct) tile4x4Strided(x, i * din, din, 1, w, j0, 1, dout, din, t);
        else tile4x4(xp, 0, wp, j0 * din, din, t);
        const cols = Math.min(4, dout - j0);
        for (let r = 0; r < rows; r++) {
          const yRow = (i + r) * dout + j0;
          const gRow = (j0 * n + (i + r) * 4);
          for (let c = 0; c < cols; c++) {
            const d = fround(fround(fround(t[4 * r + c]!) + b[j0 + c]!) - y[yRow + c]!);
            sum += fround(d * d);
            const gv = fround(scale * fround(2 * d));
            if (direct) g32[yRow + c] = gv;
            else g64[gRow + c] = gv;
            gb[j0 + c]! += gv;
          }
        }
      }
    }
    // pass 2: gW = xᵀg, W += fround(-lr)·gW in place
    for (let i = 0; i < din; i += 4) {
      const rows = Math.min(4, din - i);
      if (!direct) packPanel(xp, 0, x, i, rows, n, 1, din);
      for (let j0 = 0; j0 < dout; j0 += 4) {
        if (direct) tile4x4Strided(x, i, 1, din, g32, j0, 1, dout, n, t);
        else tile4x4(xp, 0, g64, j0 * n, n, t);
        const cols = Math.min(4, dout - j0);
        for (let r = 0; r < rows; r++) {
          const wRow = (i + r) * dout + j0;
          for (let c = 0; c < cols; c++) w[wRow + c] = fround(w[wRow + c]! + fround(negLr * fround(t[4 * r + c]!)));
        }
      }
    }
    for (let j = 0; j < dout; j++) b[j] = fround(b[j]! + fround(negLr * fround(gb[j]!)));
    return fround(fround(sum) * scale);
  }
}
