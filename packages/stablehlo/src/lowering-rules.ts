import type { OpName } from "@kiln/core";
import type { LoweringRule } from "./lowering.js";
import { elementwiseRules } from "./rules/elementwise.js";
import { indexingRules } from "./rules/indexing.js";
import { randomRules } from "./rules/random.js";
import { reductionRules } from "./rules/reductions.js";
import { structuralRules } from "./rules/structural.js";

/**
 * The StableHLO form of every op. The mapped type makes a missing op a compile error: a new op
 * in core's OpParams needs its entry here (see docs/adding-an-op.md), and the coverage test
 * (export.test.ts) walks these keys, so it also needs a snapshot case.
 */
export const loweringRules: { readonly [P in OpName]: LoweringRule<P> } = {
  ...elementwiseRules,
  ...reductionRules,
  ...structuralRules,
  ...indexingRules,
  ...randomRules,
};
