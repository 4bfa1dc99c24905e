import { median, timeOnce, timeSteps, type Timing } from "./measure.js";
import type { Peer, Runner } from "./peers/types.js";
import type { Problem } from "./problem.js";
import type { PeerResult } from "./result.js";

export interface RunSettings {
  /** steps run before timing, from the initial weights; their losses are compared across peers
   * (steps 2..k are also timed, and stand in for benchmark.js when a step is too slow for it) */
  readonly lossSteps: number;
  /** benchmark.js sampling limits */
  readonly maxTime: number;
  readonly minSamples: number;
  /** seconds one peer may take for sampling: slow peers get fewer samples */
  readonly budget: number;
}

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Sets the peer up on the problem, times its first step, runs `lossSteps` steps (recording
 * their losses), then times the steady state with benchmark.js. A peer that throws becomes a
 * row with its error instead of ending the run.
 */
export async function runPeer(peer: Peer, problem: Problem, s: RunSettings): Promise<PeerResult> {
  let runner: Runner | undefined;
  try {
    const r = (runner = await peer.create(problem));
    const [first, firstMs] = timeOnce(() => r.step());
    const losses = [first];
    const times: number[] = [];
    for (let i = 1; i < s.lossSteps; i++) {
      const [loss, ms] = timeOnce(() => r.step());
      losses.push(loss);
      times.push(ms);
    }
    const estimate = times.length ? median(times) : firstMs;
    // benchmark.js calls a slow step twice per sample: past the budget, the timed steps serve
    const affordable = Math.floor((s.budget * 1e3) / (2 * Math.max(estimate, 1e-6)));
    globalThis.gc?.(); // start sampling without the garbage of earlier peers (needs --expose-gc)
    const timing: Timing =
      affordable < 1 && times.length > 0
        ? { medianMs: estimate, samples: times.length, rme: NaN, method: "timed steps" }
        : timeSteps(r, { maxTime: Math.min(s.maxTime, s.budget), minSamples: Math.max(1, Math.min(s.minSamples, affordable)) });
    return { id: peer.id, label: peer.label, ok: true, firstMs, losses, timing };
  } catch (e) {
    return { id: peer.id, label: peer.label, ok: false, error: message(e) };
  } finally {
    try {
      runner?.dispose();
    } catch {
      // a failed dispose must not hide the result
    }
  }
}
