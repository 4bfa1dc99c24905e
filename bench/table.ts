import { float64InitialLoss } from "./float64-loss.js";
import type { Problem } from "./problem.js";
import { findOk, lossBaseline, LOSS_RTOL, relDiff, type PeerResult } from "./result.js";

export function formatTime(ms: number): string {
  if (ms < 1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1e3).toPrecision(3)} s`;
}

const ratio = (x: number): string => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)}×`;

/**
 * The markdown table of one problem: median time per step, GFLOP/s (nominal flops), time as a
 * ratio to kiln's jit step (> 1 means slower than kiln's jit step), the first step's time, the
 * loss after k steps and whether it agrees with the baseline's within LOSS_RTOL.
 */
export function renderTable(problem: Problem, rows: readonly PeerResult[], k: number): string {
  const jit = findOk(rows, "kiln-jit");
  const base = lossBaseline(rows);
  const f64 = float64InitialLoss(problem);
  const lines = [
    `| peer | time/step (median) | GFLOP/s | time ÷ kiln jit | first step | samples (±rme) | loss at step ${k} | agrees | step-1 loss vs float64 |`,
    "|---|---:|---:|---:|---:|---:|---:|:---:|---:|",
  ];
  const failures: string[] = [];
  for (const r of rows) {
    if (!r.ok) {
      lines.push(`| ${r.label} | — | — | — | — | — | — | — | — |`);
      failures.push(`- **${r.label}** did not run: \`${r.error.replace(/`/g, "'").split("\n")[0]}\``);
      continue;
    }
    const t = r.timing.medianMs;
    const gflops = problem.flops / (t * 1e-3) / 1e9;
    const loss = r.losses[k - 1]!;
    const agrees = r === base ? "baseline" : base ? `${relDiff(loss, base.losses[k - 1]!) <= LOSS_RTOL ? "✓" : "✗"} ${relDiff(loss, base.losses[k - 1]!).toExponential(0)}` : "—";
    lines.push(
      `| ${r.label} | ${formatTime(t)} | ${gflops.toPrecision(3)} | ${jit ? ratio(t / jit.timing.medianMs) : "—"} | ${formatTime(r.firstMs)} | ${r.timing.method === "benchmark.js" ? `${r.timing.samples} (±${r.timing.rme.toFixed(1)}%)` : `${r.timing.samples} timed step${r.timing.samples > 1 ? "s" : ""}`} | ${loss.toPrecision(7)} | ${agrees} | ${relDiff(r.losses[0]!, f64).toExponential(0)} |`,
    );
  }
  const notes = [
    `Nominal ${(problem.flops / 1e6).toPrecision(4)} MFLOP per step. Initial weights: ${problem.initSource}. ` +
      `"agrees": relative difference from the baseline's loss at step ${k}, ✓ when ≤ ${LOSS_RTOL}. ` +
      `"vs float64": relative error of the step-1 loss against the same loss computed in float64 (${f64.toPrecision(9)}).`,
  ];
  if (!jit) notes.push("kiln's jit step did not run, so there are no ratios to it.");
  if (base && base.id !== "kiln-jit") notes.push(`Losses are checked against **${base.label}** (kiln's jit step did not run).`);
  return [lines.join("\n"), "", ...notes, ...(failures.length ? ["", ...failures] : [])].join("\n");
}
