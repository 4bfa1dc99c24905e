import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jnp, nnx } from "kiln";
import { MLPClassifier } from "../packages/kiln/src/train/mlp.js";

/**
 * A model trained in Flax NNX and saved with safetensors' own writer under Flax's flat state
 * paths (tools/flax_safetensors.py): those are kiln's checkpoint names for the same module tree,
 * so nnx.loadCheckpoint loads it, and kiln computes Flax's outputs.
 */
describe("loading Flax-trained weights", () => {
  it("loads a Flax NNX MLP's safetensors by path names and gives Flax's logits", () => {
    const recorded = JSON.parse(readFileSync(new URL("./flax/mlp.json", import.meta.url), "utf8")) as { names: string[]; x: number[][]; logits: number[][] };
    const model = new MLPClassifier(4, 16, 3, new nnx.Rngs(0)); // a different init, replaced by the file
    nnx.loadCheckpoint(fileURLToPath(new URL("./flax/mlp.safetensors", import.meta.url)), model);
    expect(nnx.variablesOf(model).map(([p]) => nnx.pathToString(p))).toEqual(recorded.names);
    const logits = model.call(jnp.array(recorded.x, "float32")).tolist() as number[][];
    // the dots sum in another order than XLA's: measured 1.2e-7 relative (about one float32 ulp)
    logits.flat().forEach((v, i) => {
      const flax = recorded.logits.flat()[i]!;
      expect(Math.abs(v - flax), `logit ${i}: kiln ${v}, Flax ${flax}`).toBeLessThanOrEqual(5e-7 * Math.max(1, Math.abs(flax)));
    });
  });
});
