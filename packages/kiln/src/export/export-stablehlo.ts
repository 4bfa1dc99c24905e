import { Array, ShapedArray, argumentError, traceFlat, treeFlatten } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import { exportGraph, leafPaths, type StablehloModule } from "@kiln/stablehlo";

const isArrayLeaf = (x: unknown) => x instanceof Array || x instanceof ShapedArray;

/**
 * exportStablehlo(fn, ...exampleArgs): traces `fn` on the example arguments (Arrays, or
 * ShapedArrays standing for them, in any pytree; other leaves are static) and returns the
 * StableHLO module, like `jax.export.export(jax.jit(fn))(*args)`. When the arguments hold nnx
 * modules (a train step), the step is exported as `nnx.jit` compiles it: every variable is an
 * explicit input and every variable it changes an explicit output (see `nnx.jit(...).lower`).
 */
export function exportStablehlo(fn: (...args: never[]) => unknown, ...exampleArgs: unknown[]): StablehloModule {
  if (typeof fn !== "function") throw argumentError("exportStablehlo", "fn", `must be a function, got ${fn === null ? "null" : typeof fn}`);
  const name = `jit_${fn.name || "fn"}`;
  if (nnx.variablesOf(exampleArgs).length > 0) {
    return nnx.jit(fn as (...args: unknown[]) => unknown).lower(...exampleArgs).asStablehlo({ name });
  }
  const [leaves, inTree] = treeFlatten(exampleArgs, (x) => x instanceof ShapedArray);
  const graph = traceFlat(fn as (...args: unknown[]) => unknown, leaves, inTree, (l) => !isArrayLeaf(l));
  const inputPaths = leafPaths(inTree, "args").filter((_, i) => isArrayLeaf(leaves[i]));
  return exportGraph(graph, { name, inputPaths, outputPaths: leafPaths(graph.outTree, "result") });
}
