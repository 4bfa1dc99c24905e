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
  const inputPositions = [...inputs];
  const outputPositions = [...outputs];
  // The staging buffers are made again on the next call, so memory that runs out takes them back
  // (except during this function's own call, which is using them). The arena holds this state
  // weakly; the function below holds it for as long as the function lives.
  const state = {
    buffers: new Map<number, TypedArray>(),
    busy: false,
    reclaim() {
      if (state.busy) return;
      for (const s of state.buffers.values()) ar.free(s);
      state.buffers.clear();
    },
  };
  ar.addReclaimable(state);
  return (given) => {
    let args = given;
    let copied: [number, TypedArray, TypedArray][] | null = null;
    state.busy = true;
    try {
      for (const i of inputPositions) {
        const x = given[i]!;
        if (ar.owns(x)) continue;
        let s = state.buffers.get(i);
        if (!s) state.buffers.set(i, (s = ar.copyIn(x, "staging")));
        else s.set(x as never);
        if (args === given) args = given.slice();
        (args as TypedArray[])[i] = s;
        (copied ??= []).push([i, x, s]);
      }
      const outs = fn(args);
      for (const k of outputPositions) outs[k] = outs[k]!.slice();
      if (copied) {
        for (const [i, x, s] of copied) {
          if (!writtenInputs.has(i)) continue;
          x.set(s as never);
          for (let k = 0; k < outs.length; k++) if (outs[k] === s) outs[k] = x;
        }
      }
      return outs;
    } finally {
      state.busy = false;
    }
  };
}
