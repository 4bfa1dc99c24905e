/**
 * The benchmark: the seed problem's train step at S, M and L and the MLP step, for kiln's jit
 * and eager steps, the hand-written reference, TF.js (cpu, wasm) and jax-js, one peer after
 * another in this process. Prints the tables and writes them into docs/performance.md.
 *   pnpm bench [--quick] [--sizes S,M] [--peers kiln-jit,reference] [--no-write] [--no-heap]
 * (`pnpm bench` runs node --expose-gc, so that each peer starts on a collected heap.)
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "./args.js";
import { machineInfo } from "./machine.js";
import { writeSections } from "./markdown.js";
import { median, timeOnce } from "./measure.js";
import { mlpProblem } from "./mlp.js";
import { jaxJsPeer } from "./peers/jax-js.js";
import { kilnEagerPeer, kilnJitJsPeer, kilnJitPeer } from "./peers/kiln.js";
import { referencePeer } from "./peers/reference.js";
import { tfjsCpuPeer, tfjsWasmFeatures, tfjsWasmPeer } from "./peers/tfjs.js";
import type { Peer } from "./peers/types.js";
import { describe, type Problem } from "./problem.js";
import { findOk, type PeerResult } from "./result.js";
import { runPeer, type RunSettings } from "./run-peer.js";
import { isSeedSize, seedProblem } from "./seed-problem.js";
import { formatTime, renderTable } from "./table.js";
import { renderChecks, seedTargets } from "./targets.js";

const DOC = fileURLToPath(new URL("../docs/performance.md", import.meta.url));
const ALL_PEERS: readonly Peer[] = [kilnJitPeer, kilnJitJsPeer, kilnEagerPeer, referencePeer, tfjsCpuPeer, tfjsWasmPeer, jaxJsPeer];

function settingsFor(size: string, quick: boolean): RunSettings {
  const lossSteps = 3;
  if (quick) return { lossSteps, maxTime: 0.5, minSamples: size === "S" ? 5 : 3, budget: size === "L" ? 2 : 3 };
  return { lossSteps, maxTime: 2, minSamples: size === "S" ? 20 : size === "L" ? 3 : 10, budget: size === "L" ? 20 : 10 };
}

const problemFor = (size: string): Promise<Problem> => (isSeedSize(size) ? seedProblem(size) : mlpProblem());

/** First calls of fresh nnx.jit steps once kiln's own code is warm: the compile time alone. */
async function warmFirstCalls(problem: Problem, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const runner = await kilnJitPeer.create(problem);
    times.push(timeOnce(() => runner.step())[1]);
    runner.dispose();
  }
  return times;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const peers = ALL_PEERS.filter((p) => !args.peers || args.peers.includes(p.id));
  const sections = new Map<string, string>();
  const machine = machineInfo();
  const loadAtStart = loadavg()[0]!;
  console.log(`kiln bench on ${machine}${args.quick ? " (--quick)" : ""}`);

  for (const size of args.sizes) {
    const problem = await problemFor(size);
    const settings = settingsFor(size, args.quick);
    console.log(`\n== ${size}: ${describe(problem)}`);
    const rows: PeerResult[] = [];
    for (const peer of peers) {
      globalThis.gc?.();
      const r = await runPeer(peer, problem, settings);
      rows.push(r);
      console.log(
        r.ok
          ? `  ${peer.id.padEnd(11)} ${formatTime(r.timing.medianMs).padStart(10)}/step  ${(problem.flops / r.timing.medianMs / 1e6).toPrecision(3).padStart(7)} GFLOP/s  first ${formatTime(r.firstMs)}  losses ${r.losses.map((l) => l.toPrecision(7)).join(" ")}`
          : `  ${peer.id.padEnd(11)} did not run: ${r.error.split("\n")[0]}`,
      );
    }
    const table = renderTable(problem, rows, settings.lossSteps);
    const checks = isSeedSize(size) ? seedTargets(size, rows, problem.flops) : [];
    let body = `### ${size}: ${describe(problem)}\n\n${table}`;
    if (checks.length) body += `\n\nTargets:\n\n${renderChecks(checks)}`;
    if (size === "S" && findOk(rows, "kiln-jit")) {
      const warm = await warmFirstCalls(problem, 5);
      const line = `First call of a fresh \`nnx.jit\` seed step at S once kiln's own code is warm (trace, grad, passes, codegen, \`new Function\`, one run): median ${formatTime(median(warm))} over ${warm.length} fresh steps (${warm.map((t) => t.toFixed(1)).join(", ")} ms).`;
      console.log(`  ${line}`);
      body += `\n\n${line}`;
    }
    if (rows.some((r) => r.id === "tfjs-wasm" && r.ok)) body += `\n\nTF.js wasm backend: ${await tfjsWasmFeatures()}.`;
    sections.set(size, body);
    console.log(`\n${body}`);
  }

  const seconds = (performance.now() - started) / 1e3;
  const flags = process.argv.slice(2).join(" ") || "(none)";
  console.log(`\nbench: ${seconds.toFixed(0)} s`);
  if (args.write) {
    const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
    const kilnEnv = ["KILN_BACKEND", "KILN_THREADS", "KILN_WASM_EXACT"].map((k) => `${k}=${process.env[k] ?? "(unset)"}`).join(", ");
    sections.set("run", `Last run: ${new Date().toISOString().slice(0, 10)} on ${machine}; flags ${flags}; ${kilnEnv}; sizes ${args.sizes.join(", ")} took ${seconds.toFixed(0)} s (${load}).`);
    writeSections(DOC, sections);
    console.log(`wrote ${DOC}`);
  }
  if (args.heap) {
    const heap = fileURLToPath(new URL("./heap.ts", import.meta.url));
    const res = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", heap, ...(args.write ? [] : ["--no-write"])], { stdio: "inherit" });
    if (res.status !== 0) console.log(`bench/heap.ts exited with ${res.status ?? res.signal}`);
  }
}

await main();
