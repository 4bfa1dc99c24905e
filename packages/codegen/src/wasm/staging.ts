import type { TypedArray } from "@kiln/core";
import type { HostFunction } from "../backend/placement.js";
import type { Arena } from "./memory.js";

/**
 * Around a host function with wasm kernels: an argument the kernels use that is not in the wasm
 * memory is copied into a staging buffer there (allocated once per position), and copied back
 * if the step writes it in place; a fresh output a wasm kernel wrote is copied out of the
 * memory (the executable reuses that buffer on the next call).
 */
export function withStaging(fn: HostFunction, ar: Arena, inputs: ReadonlySet<number>, outputs: ReadonlySet<number>, writtenInputs: ReadonlySet<number>): HostFunction {
  const staging = new Map<number, TypedArray>();
  const inputPositions = [...inputs];
  const outputPositions = [...outputs];
  return (given) => {
    let args = given;
    let staged: [number, TypedArray, TypedArray][] | null = null;
    for (const i of inputPositions) {
      const x = given[i]!;
      if (ar.owns(x)) continue;
      let s = staging.get(i);
      if (!s) staging.set(i, (s = ar.copyIn(x)));
      else s.set(x as never);
      if (args === given) args = given.slice();
      (args as TypedArray[])[i] = s;
      (staged ??= []).push([i, x, s]);
    }
    const outs = fn(args);
    for (const k of outputPositions) outs[k] = outs[k]!.slice();
    if (staged) {
      for (const [i, x, s] of staged) {
        if (!writtenInputs.has(i)) continue;
        x.set(s as never);
        for (let k = 0; k < outs.length; k++) if (outs[k] === s) outs[k] = x;
      }
    }
    return outs;
  };
}
