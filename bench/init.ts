import { normals } from "./data.js";
import { loadKiln } from "./kiln-module.js";

/** A layer's initial parameters as plain typed arrays, to copy into every peer. */
export interface LayerInit {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface Init {
  readonly layers: LayerInit[];
  readonly source: string;
}

/**
 * Initial weights for a stack of dense layers [d0, d1, ...]: kiln's own, from
 * `new nnx.Linear(d_i, d_{i+1}, { rngs })` with one `nnx.Rngs(0)` shared by the layers (as
 * Flax draws them); when kiln cannot be imported, a seeded lecun-normal-like fallback.
 */
export async function initialLayers(dims: readonly number[]): Promise<Init> {
  const k = await loadKiln();
  if ("kiln" in k) {
    const { nnx } = k.kiln;
    const rngs = new nnx.Rngs(0);
    const layers = dims.slice(1).map((dout, i) => {
      const layer = new nnx.Linear(dims[i]!, dout, { rngs });
      return { kernel: layer.kernel.value.toTypedArray() as Float32Array, bias: layer.bias!.value.toTypedArray() as Float32Array };
    });
    return { layers, source: "kiln: nnx.Linear with nnx.Rngs(0)" };
  }
  const layers = dims.slice(1).map((dout, i) => ({
    kernel: normals(dims[i]! * dout, 1000 + i, 1 / Math.sqrt(dims[i]!)),
    bias: new Float32Array(dout),
  }));
  return { layers, source: `fallback: seeded normal(0, 1/fan_in) (kiln could not be imported: ${k.error})` };
}
