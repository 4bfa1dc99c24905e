import { ClosedGraph, printGraph, verifyGraph, type Graph } from "@kiln/core";
import { debugLog, debugEnabled } from "../debug.js";
import { constantFold } from "./constant-fold.js";
import { cse } from "./cse.js";
import { dce } from "./dce.js";
import { simplify, type SimplifyOptions } from "./simplify.js";

export interface OptimizeOptions extends SimplifyOptions {
  /** Print the graph after every pass that changed it (also KILN_DEBUG=1). */
  readonly debug?: boolean;
  /** Run verifyGraph after every pass (tests turn this on). */
  readonly verify?: boolean;
  /** Upper bound on pipeline rounds; the fixed point is usually reached in two or three. */
  readonly maxRounds?: number;
}

export type Pass = (g: Graph) => Graph;

/** The passes in pipeline order; each is a pure function that returns its input when it changed nothing. */
export function pipeline(options: OptimizeOptions = {}): readonly (readonly [string, Pass])[] {
  return [
    ["simplify", (g) => simplify(g, options)],
    ["constant-fold", constantFold],
    ["cse", cse],
    ["dce", dce],
  ];
}

/** Runs the passes to a fixed point. A ClosedGraph stays closed (same consts, trees). */
export function optimize(graph: ClosedGraph, options?: OptimizeOptions): ClosedGraph;
export function optimize(graph: Graph, options?: OptimizeOptions): Graph;
export function optimize(graph: Graph, options: OptimizeOptions = {}): Graph {
  const debug = debugEnabled(options.debug);
  const passes = pipeline(options);
  let g: Graph = graph;
  if (debug) debugLog("graph before the passes", printGraph(g));
  for (let round = 0; round < (options.maxRounds ?? 16); round++) {
    const before = g;
    for (const [name, pass] of passes) {
      const next = pass(g);
      if (next === g) continue;
      if (options.verify) verifyGraph(next);
      if (debug) debugLog(`after ${name} (round ${round + 1})`, printGraph(next));
      g = next;
    }
    if (g === before) break;
  }
  if (g === graph) return graph;
  return graph instanceof ClosedGraph ? graph.withGraph(g) : g;
}
