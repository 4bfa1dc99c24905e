import type { ShapedArray } from "../../aval.js";
import { dtypeInfo, type TypedArray } from "../../dtype.js";
import { broadcastMap } from "./index-map.js";

export interface Operand {
  readonly aval: ShapedArray;
  readonly data: TypedArray;
}

/** Applies a scalar function elementwise with NumPy broadcasting; the output store rounds/wraps. */
export function mapElementwise(out: ShapedArray, inputs: readonly Operand[], fn: (...xs: number[]) => number): TypedArray {
  const n = out.size;
  const result = dtypeInfo[out.dtype].create(n);
  const maps = inputs.map((x) => (x.aval.size === 1 && n !== 1 ? "scalar" : broadcastMap(x.aval.shape, out.shape)));
  const read = inputs.map((x, k) => {
    const m = maps[k];
    const d = x.data;
    if (m === "scalar") {
      const v = d[0]!;
      return () => v;
    }
    if (m === null) return (i: number) => d[i]!;
    return (i: number) => d[m![i]!]!;
  });
  if (inputs.length === 1) {
    const [a] = read as [(i: number) => number];
    for (let i = 0; i < n; i++) result[i] = fn(a(i));
  } else if (inputs.length === 2) {
    const [a, b] = read as [(i: number) => number, (i: number) => number];
    for (let i = 0; i < n; i++) result[i] = fn(a(i), b(i));
  } else {
    const [a, b, c] = read as [(i: number) => number, (i: number) => number, (i: number) => number];
    for (let i = 0; i < n; i++) result[i] = fn(a(i), b(i), c(i));
  }
  return result;
}
