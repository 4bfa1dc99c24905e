import { ShapedArray, bind, makeGraph, printGraph, verifyGraph, type Array, type ClosedGraph, type DType, type Graph } from "@kiln/core";

export const f32 = (...shape: number[]) => new ShapedArray(shape, "float32");
export const aval = (dtype: DType, ...shape: number[]) => new ShapedArray(shape, dtype);

/** Traces `f` on avals. */
export function trace(f: (...xs: Array[]) => Array | Array[], ...avals: ShapedArray[]): ClosedGraph {
  return makeGraph(f)(...avals);
}

/** Runs a pass, checks the verifier accepts the result, and returns its printed form. */
export function runPass(pass: (g: Graph) => Graph, g: Graph): string {
  const out = pass(g);
  verifyGraph(out);
  return printGraph(out);
}

export { bind };
