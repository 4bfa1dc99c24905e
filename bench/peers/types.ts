import type { Problem } from "../problem.js";

/** One peer's train step on one problem, set up with the problem's data and initial weights. */
export interface Runner {
  /** One train step; returns its loss (the loss before the update) as a JS number. */
  step(): number;
  /** Frees what the peer holds outside the JS heap (tensors, wasm memory). */
  dispose(): void;
}

/** A framework (or the hand-written reference) that can run the benchmark problems. */
export interface Peer {
  /** Stable id used on the command line (--peers) */
  readonly id: string;
  /** Name shown in tables */
  readonly label: string;
  /** Sets up a runner, or throws with the reason this peer cannot run the problem. */
  create(problem: Problem): Promise<Runner>;
}
