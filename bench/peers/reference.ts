import { ReferenceLinear } from "../reference-linear.js";
import { ReferenceMlp } from "../reference-mlp.js";
import type { Peer } from "./types.js";

/** The hand-written Float32Array reference (register-tiled loops, double accumulators). */
export const referencePeer: Peer = {
  id: "reference",
  label: "hand-written JS (Float32Array, 4x4 tiles)",
  async create(problem) {
    const ref = problem.kind === "linear" ? new ReferenceLinear(problem) : new ReferenceMlp(problem);
    return { step: () => ref.step(), dispose: () => {} };
  },
};
