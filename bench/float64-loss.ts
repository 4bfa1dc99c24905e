import type { Problem } from "./problem.js";

/**
 * The loss at the initial weights computed in float64 throughout: the yardstick for the
 * peers' step-1 losses, which shows whose float32 arithmetic drifts (a long float32 sum loses
 * digits; a double accumulator does not).
 */
export function float64InitialLoss(p: Problem): number {
  if (p.kind === "linear") {
    let sum = 0;
    for (let i = 0; i < p.n; i++) {
      for (let j = 0; j < p.dout; j++) {
        let v = p.b0[j]!;
        for (let k = 0; k < p.din; k++) v += p.x[i * p.din + k]! * p.w0[k * p.dout + j]!;
        const d = v - p.y[i * p.dout + j]!;
        sum += d * d;
      }
    }
    return sum / (p.n * p.dout);
  }
  const h = new Float64Array(p.hidden);
  const logits = new Float64Array(p.classes);
  let sum = 0;
  for (let i = 0; i < p.batch; i++) {
    for (let j = 0; j < p.hidden; j++) {
      let v = p.b1[j]!;
      for (let k = 0; k < p.din; k++) v += p.x[i * p.din + k]! * p.w1[k * p.hidden + j]!;
      h[j] = Math.max(0, v);
    }
    let m = -Infinity;
    for (let c = 0; c < p.classes; c++) {
      let v = p.b2[c]!;
      for (let j = 0; j < p.hidden; j++) v += h[j]! * p.w2[j * p.classes + c]!;
      logits[c] = v;
      m = Math.max(m, v);
    }
    let s = 0;
    for (let c = 0; c < p.classes; c++) s += Math.exp(logits[c]! - m);
    sum += Math.log(s) + m - logits[p.labels[i]!]!;
  }
  return sum / p.batch;
}
