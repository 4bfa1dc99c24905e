import { findOk, type PeerResult } from "./result.js";

export interface Check {
  readonly target: string;
  /** true met, false missed, null not measured */
  readonly met: boolean | null;
  readonly detail: string;
}

const mark = (c: Check) => (c.met === null ? "– not measured" : c.met ? "✓" : "✗");
export const renderChecks = (checks: readonly Check[]): string => checks.map((c) => `- ${mark(c)} ${c.target}: ${c.detail}`).join("\n");

/**
 * tfjs-node's published native figures for the seed step at L (docs/performance.md): it cannot
 * be installed on a machine that reaches only the npm registry (its install script downloads
 * libtensorflow), so L is compared with the best of them.
 */
export const TFJS_NODE_L_GFLOPS = { low: 36, high: 66 } as const;

/** The issues' targets for one size of the seed problem, from that size's results (`flops` per step). */
export function seedTargets(size: string, rows: readonly PeerResult[], flops: number): Check[] {
  const jit = findOk(rows, "kiln-jit");
  const ref = findOk(rows, "reference");
  const checks: Check[] = [];
  if (size === "S") {
    checks.push(
      jit && ref
        ? { target: "kiln jit within 1.3× of the hand-written reference", met: jit.timing.medianMs <= 1.3 * ref.timing.medianMs, detail: `${(jit.timing.medianMs / ref.timing.medianMs).toFixed(2)}× the reference's time` }
        : { target: "kiln jit within 1.3× of the hand-written reference", met: null, detail: "kiln jit or the reference did not run" },
    );
    for (const id of ["tfjs-cpu", "tfjs-wasm", "jax-js"]) {
      const peer = findOk(rows, id);
      checks.push(
        jit && peer
          ? { target: `kiln jit ≥ 30× faster than ${id}`, met: peer.timing.medianMs >= 30 * jit.timing.medianMs, detail: `${(peer.timing.medianMs / jit.timing.medianMs).toFixed(1)}× faster` }
          : { target: `kiln jit ≥ 30× faster than ${id}`, met: null, detail: `kiln jit or ${id} did not run` },
      );
    }
    for (const limit of [30, 50]) {
      const target = `first call of the seed step < ${limit} ms`;
      checks.push(
        jit
          ? { target, met: jit.firstMs < limit, detail: `${jit.firstMs.toFixed(1)} ms (the process's first kiln jit call: trace, grad, passes, codegen, compile, run)` }
          : { target, met: null, detail: "kiln jit did not run" },
      );
    }
  } else {
    const target = `kiln jit ≥ 0.9× the reference's GFLOP/s at ${size}`;
    const js = findOk(rows, "kiln-jit-js");
    const jsDetail = js && ref ? `; JavaScript only: ${(ref.timing.medianMs / js.timing.medianMs).toFixed(2)}×` : "";
    checks.push(
      jit && ref
        ? { target, met: ref.timing.medianMs >= 0.9 * jit.timing.medianMs, detail: `${(ref.timing.medianMs / jit.timing.medianMs).toFixed(2)}× the reference's GFLOP/s${jsDetail}` }
        : { target, met: null, detail: "kiln jit or the reference did not run" },
    );
    if (size === "M") {
      const jaxJs = findOk(rows, "jax-js");
      checks.push(
        jit && jaxJs
          ? { target: "kiln jit no slower than jax-js at M", met: jit.timing.medianMs <= jaxJs.timing.medianMs, detail: `${(jaxJs.timing.medianMs / jit.timing.medianMs).toFixed(2)}× faster` }
          : { target: "kiln jit no slower than jax-js at M", met: null, detail: "kiln jit or jax-js did not run" },
      );
    }
    if (size === "L") {
      const target = "kiln jit no slower than tfjs-node at L";
      const gflops = jit ? flops / jit.timing.medianMs / 1e6 : 0;
      const { low, high } = TFJS_NODE_L_GFLOPS;
      checks.push(
        jit
          ? { target, met: gflops >= high, detail: `${gflops.toFixed(1)} GFLOP/s against tfjs-node's published native ${low}-${high} GFLOP/s (tfjs-node cannot be installed here: its install script downloads libtensorflow)` }
          : { target, met: null, detail: "kiln jit did not run" },
      );
    }
  }
  return checks;
}
