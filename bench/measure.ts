import Benchmark from "benchmark";
import type { Runner } from "./peers/types.js";

export interface Timing {
  /** median time of one step, ms (median over benchmark.js's samples, each a mean over a cycle) */
  readonly medianMs: number;
  /** benchmark.js samples behind the median */
  readonly samples: number;
  /** relative margin of error of the mean, percent (NaN for plainly timed steps) */
  readonly rme: number;
  /** benchmark.js, or single timed steps for steps too slow to sample within the budget */
  readonly method: "benchmark.js" | "timed steps";
}

export interface TimingOptions {
  /** seconds benchmark.js may spend sampling (it stops once it also has minSamples) */
  readonly maxTime: number;
  readonly minSamples: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Times the runner's step with benchmark.js (synchronously, in this process). */
export function timeSteps(runner: Runner, options: TimingOptions): Timing {
  const bench = new Benchmark("step", () => void runner.step(), { maxTime: options.maxTime, minSamples: options.minSamples, initCount: 1 });
  bench.run();
  if (bench.error) throw bench.error;
  return { medianMs: median(bench.stats.sample) * 1e3, samples: bench.stats.sample.length, rme: bench.stats.rme, method: "benchmark.js" };
}

/** Wall-clock time of one call, ms. */
export function timeOnce<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

export { median };
