/**
 * Heap flatness of the steady-state seed step at S: after warm-up, runs 100,000 steps, forcing
 * a full GC every 10,000 and recording the heap in use; then estimates the bytes one step
 * allocates from a window of steps with no GC in it. kiln's jit step should allocate nothing
 * but its loss (one Array), so the heap after GC stays flat. The hand-written reference is the
 * control: it allocates nothing but the boxed double it returns (a 16-byte HeapNumber).
 *   node --expose-gc --import tsx bench/heap.ts [--steps 100000] [--no-write]
 */
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { writeSections } from "./markdown.js";
import { kilnJitPeer } from "./peers/kiln.js";
import { referencePeer } from "./peers/reference.js";
import type { Peer, Runner } from "./peers/types.js";
import { seedProblem } from "./seed-problem.js";

const DOC = fileURLToPath(new URL("../docs/performance.md", import.meta.url));
/** Growth of the heap after GC over the whole run below which it counts as flat. */
const FLAT_BYTES = 64 * 1024;

const gc = globalThis.gc;
if (!gc) {
  console.error("bench/heap.ts needs --expose-gc: node --expose-gc --import tsx bench/heap.ts");
  process.exit(2);
}
const fullGc = () => {
  gc();
  gc();
};
const heapUsed = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

let gcEvents: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcEvents.push(e.startTime);
});
observer.observe({ entryTypes: ["gc"] });
const flushGcEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

/** Bytes one step allocates: heap growth over a window of steps in which no GC ran. */
async function allocationPerStep(runner: Runner): Promise<number | null> {
  for (let window = 20_000; window >= 500; window >>= 1) {
    fullGc();
    await flushGcEvents();
    gcEvents = [];
    const t0 = performance.now();
    const h0 = heapUsed();
    for (let i = 0; i < window; i++) runner.step();
    const h1 = heapUsed();
    const t1 = performance.now();
    await flushGcEvents();
    if (!gcEvents.some((t) => t >= t0 && t <= t1)) return (h1 - h0) / window;
  }
  return null;
}

interface HeapResult {
  readonly label: string;
  readonly error?: string;
  readonly series?: number[];
  readonly growth?: number;
  readonly perStep?: number | null;
}

async function measure(peer: Peer, steps: number): Promise<HeapResult> {
  let runner: Runner;
  try {
    runner = await peer.create(await seedProblem("S"));
  } catch (e) {
    return { label: peer.label, error: e instanceof Error ? e.message : String(e) };
  }
  for (let i = 0; i < 5000; i++) runner.step();
  fullGc();
  const h0 = heapUsed();
  const series: number[] = [];
  const chunk = Math.ceil(steps / 10);
  for (let done = 0; done < steps; done += chunk) {
    for (let i = 0; i < Math.min(chunk, steps - done); i++) runner.step();
    fullGc();
    series.push(heapUsed() - h0);
  }
  const perStep = await allocationPerStep(runner);
  runner.dispose();
  // growth from the first checkpoint on: the first tenth still frees warm-up leftovers
  return { label: peer.label, series, growth: series[series.length - 1]! - series[0]!, perStep };
}

const kib = (b: number) => `${b >= 0 ? "+" : "−"}${(Math.abs(b) / 1024).toFixed(1)} KiB`;

function render(results: readonly HeapResult[], steps: number): string {
  const lines = [
    `Seed step at S, ${steps.toLocaleString("en-US")} steps after 5,000 warm-up steps; heap in use (V8 heap + array buffers) after a forced full GC, relative to the start, every ${(steps / 10).toLocaleString("en-US")} steps.`,
    "",
    "| step | growth from the first tenth to the end | flat | allocated per step (no GC in window) | heap after GC at each tenth of the run |",
    "|---|---:|:---:|---:|---|",
  ];
  for (const r of results) {
    if (r.error !== undefined) {
      lines.push(`| ${r.label} | — | — | — | did not run: \`${r.error.split("\n")[0]}\` |`);
      continue;
    }
    const flat = r.growth! < FLAT_BYTES; // only growth is a leak; the heap may shrink after warm-up
    const alloc = r.perStep === null || r.perStep === undefined ? "—" : `${Math.max(0, r.perStep).toFixed(0)} B`;
    lines.push(`| ${r.label} | ${kib(r.growth!)} | ${flat ? "✓" : "✗"} | ${alloc} | ${r.series!.map(kib).join(", ")} |`);
  }
  lines.push("", `Flat means the growth after GC stays under ${FLAT_BYTES / 1024} KiB over the run (a leak of one small object per step would show as over 1 MiB).`);
  return lines.join("\n");
}

const argv = process.argv.slice(2);
const stepsFlag = argv.indexOf("--steps");
const steps = stepsFlag >= 0 ? Number(argv[stepsFlag + 1]) : 100_000;
if (!Number.isInteger(steps) || steps < 10) throw new Error(`--steps must be an integer ≥ 10, got ${argv[stepsFlag + 1]}`);
const results: HeapResult[] = [];
for (const peer of [kilnJitPeer, referencePeer]) results.push(await measure(peer, steps));
observer.disconnect();
const body = render(results, steps);
console.log(`\n${body}`);
if (!argv.includes("--no-write")) {
  writeSections(DOC, new Map([["heap", body]]));
  console.log(`wrote ${DOC}`);
}
