import { findOk, type PeerResult } from "./result.js";

export interface Check {
  readonly target: string;
  /** true met, false missed, null not measured */
  readonly met: boolean | null;
  readonly detail: string;
}

const mark = (c: Check) => (c.met === null ? "– not measured" : c.met ? "✓" : "✗");
export const renderChecks = (checks: readonly Check[]): string => checks.map((c) => `- ${mark(c)} ${c.target}: ${c.detail}`).join("\n");

/** The targets for one size of the seed problem, from that size's results. */
export function seedTargets(size: string, rows: readonly PeerResult[]): Check[] {
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
    checks.push(
      jit
        ? { target: "first call of the seed step < 30 ms", met: jit.firstMs < 30, detail: `${jit.firstMs.toFixed(1)} ms (the process's first kiln jit call: trace, grad, passes, codegen, compile, run)` }
        : { target: "first call of the seed step < 30 ms", met: null, detail: "kiln jit did not run" },
    );
  } else {
    const target = `kiln jit ≥ 0.9× the reference's GFLOP/s at ${size}`;
    const js = findOk(rows, "kiln-jit-js");
    const jsDetail = js && ref ? `; JavaScript only: ${(ref.timing.medianMs / js.timing.medianMs).toFixed(2)}×` : "";
    checks.push(
      jit && ref
        ? { target, met: ref.timing.medianMs >= 0.9 * jit.timing.medianMs, detail: `${(ref.timing.medianMs / jit.timing.medianMs).toFixed(2)}× the reference's GFLOP/s${jsDetail}` }
        : { target, met: null, detail: "kiln jit or the reference did not run" },
    );
  }
  return checks;
}
