import { performance } from "node:perf_hooks";

/** Median wall time of `run()` in microseconds over `count` calls, after `warmup` calls. */
export function medianMicros(run: () => void, count: number, warmup = 20): number {
  for (let i = 0; i < warmup; i++) run();
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    run();
    times[i] = (performance.now() - t0) * 1000;
  }
  times.sort();
  return times[Math.floor(count / 2)]!;
}

export function formatMicros(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}
