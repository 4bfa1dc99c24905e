/**
 * Soak test (a script, not a timed test): the seed problem's jitted train step at
 * (N, Din, Dout) = (64, 8, 4) for 100,000 steps with the heap measured after a full GC at
 * intervals (it must stay flat: a step allocates nothing but its loss), then 1,000 steps in
 * which the jitted step's loss must equal the eager step's exactly, with equal parameters after.
 * Exits non-zero on any failure.
 *
 *   npx tsx tools/soak.ts [--steps 100000] [--compare 1000] [--samples 10]
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { jnp, makeTrainStep, nnx, optax, random, type Array } from "kiln";

const N = 64;
const DIN = 8;
const DOUT = 4;
const LR = 0.05;
/** Growth of the heap in use after a full GC, from the first sample to the last, that still counts as flat. */
const FLAT_BYTES = 64 * 1024;

function parseArgs(argv: readonly string[]): { steps: number; compare: number; samples: number } {
  const o = { steps: 100_000, compare: 1_000, samples: 10 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const name = ({ "--steps": "steps", "--compare": "compare", "--samples": "samples" } as const)[flag as "--steps"];
    if (flag === "--help" || flag === "-h") {
      console.log("usage: npx tsx tools/soak.ts [--steps N] [--compare M] [--samples K]");
      process.exit(0);
    }
    const v = Number(argv[++i]);
    if (name === undefined) throw new Error(`soak: unknown option '${flag}'`);
    if (!Number.isInteger(v) || v < 1) throw new Error(`soak: ${flag} must be a positive integer, got ${argv[i] ?? "nothing"}`);
    o[name] = v;
  }
  return o;
}

/** global.gc, also when node was started without --expose-gc. */
function getGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** The seed problem: x ~ N(0, 1), y = x W* + 0.1 noise with W* ~ N(0, 1/Din), a Linear(Din, Dout) trained by SGD. */
function problem(seed: number): { model: nnx.Linear; opt: nnx.Optimizer; x: Array; y: Array } {
  const [kx, kw, kn] = random.split(random.key(1234), 3);
  const x = random.normal(kx!, [N, DIN]);
  const w = jnp.multiply(random.normal(kw!, [DIN, DOUT]), 1 / Math.sqrt(DIN));
  const y = jnp.add(jnp.matmul(x, w), jnp.multiply(random.normal(kn!, [N, DOUT]), 0.1));
  const model = new nnx.Linear(DIN, DOUT, { rngs: new nnx.Rngs(seed) });
  const opt = new nnx.Optimizer(model, optax.sgd(LR), { wrt: nnx.Param });
  return { model, opt, x, y };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(3)} MiB`;
const paramBits = (m: nnx.Module) => {
  const out: string[] = [];
  nnx.forEachVariable(m, (p, v) => out.push(`${p.join(".")}:${new Uint32Array(v.value.toTypedArray().slice().buffer).join(",")}`));
  return out.join("|");
};

function heapSoak(steps: number, samples: number, gc: () => void): boolean {
  const { model, opt, x, y } = problem(0);
  const step = nnx.jit(makeTrainStep());
  const heap = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  let loss = step(model, opt, x, y).item();
  const first = loss;
  // warm up for one sampling interval: compile, let V8 optimize the generated code and settle
  const chunk = Math.ceil(steps / samples);
  for (let i = 0; i < Math.max(1000, chunk); i++) loss = step(model, opt, x, y).item();
  performance.now(); // prime what the measuring loop uses, so its lazy setup is not counted as growth
  heap();
  const series = [heap()];
  const t0 = performance.now();
  for (let done = 0; done < steps; ) {
    const n = Math.min(chunk, steps - done);
    for (let i = 0; i < n; i++) loss = step(model, opt, x, y).item();
    done += n;
    series.push(heap());
  }
  const seconds = (performance.now() - t0) / 1000;
  const growth = series[series.length - 1]! - series[0]!;
  const spread = Math.max(...series) - Math.min(...series);
  console.log(`heap soak: ${steps} jitted steps (after ${Math.max(1000, chunk)} warm-up steps) of the seed problem (${N}, ${DIN}, ${DOUT}) in ${seconds.toFixed(2)} s (${((seconds / steps) * 1e6).toFixed(2)} us/step)`);
  console.log(`  heap in use after GC (heapUsed + arrayBuffers), every ${chunk} steps: ${series.map(mib).join(", ")}`);
  console.log(`  growth first -> last: ${growth} bytes (${(growth / steps).toFixed(3)} bytes/step); max - min: ${spread} bytes; limit ${FLAT_BYTES} bytes`);
  console.log(`  loss: ${first} -> ${loss}; compiled signatures: ${step.cacheSize}, traces: ${step.traceCount}`);
  const ok = growth <= FLAT_BYTES && Number.isFinite(loss) && loss < first && step.traceCount === 1;
  console.log(ok ? "  OK: the heap is flat" : "  FAILED: the heap grew, the loss did not go down, or the step was traced again");
  return ok;
}

function compareSoak(steps: number): boolean {
  const jitted = problem(0);
  const eager = problem(0);
  const jstep = nnx.jit(makeTrainStep());
  const estep = makeTrainStep();
  let firstMismatch = -1;
  let last = [0, 0];
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const lj = jstep(jitted.model, jitted.opt, jitted.x, jitted.y).item();
    const le = estep(eager.model, eager.opt, eager.x, eager.y).item();
    if (!Object.is(lj, le) && firstMismatch < 0) firstMismatch = i;
    last = [lj, le];
  }
  const sameParams = paramBits(jitted.model) === paramBits(eager.model) && paramBits(jitted.opt) === paramBits(eager.opt);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`jit vs eager: ${steps} steps of each in ${seconds.toFixed(2)} s; last losses ${last[0]} (jit) and ${last[1]} (eager)`);
  const ok = firstMismatch < 0 && sameParams;
  if (firstMismatch >= 0) console.log(`  FAILED: the losses first differ at step ${firstMismatch}`);
  else if (!sameParams) console.log("  FAILED: equal losses but different parameters or optimizer state");
  else console.log(`  OK: all ${steps} losses identical (Object.is), parameters and optimizer state bit-identical`);
  return ok;
}

function main(): number {
  const { steps, compare, samples } = parseArgs(process.argv.slice(2));
  const gc = getGc();
  const heapOk = heapSoak(steps, samples, gc);
  const compareOk = compareSoak(compare);
  return heapOk && compareOk ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
