import { makeGraph, type Array, type TypedArray } from "@kiln/core";
import { expect } from "vitest";
import type { CompileOptions, Executable } from "../compile.js";
import { compileChecked } from "./check.js";

/**
 * Compiles `f` with backend "js" and "wasm" and requires every output element to be the same
 * (Object.is: same value, same zero sign; any NaN equals any NaN); with `everyKernel`, also that
 * no kernel stayed JS. Returns the wasm executable and the outputs both gave.
 */
export function expectWasmEqualsJs(
  f: (...xs: Array[]) => Array | Array[], inputs: readonly Array[], label: string, options: CompileOptions = {}, everyKernel = false,
): { readonly wasm: Executable; readonly outputs: TypedArray[] } {
  const g = makeGraph(f)(...inputs);
  const js = compileChecked(g, { ...options, backend: "js" });
  const wasm = compileChecked(g, { ...options, backend: "wasm" });
  expect(js.wasm, `${label}: js`).toBeNull();
  expect(wasm.wasm?.kernels ?? 0, `${label}: lowered to wasm\n${wasm.plan}`).toBeGreaterThan(0);
  if (everyKernel) expect(wasm.wasm?.kernels, `${label}: every kernel lowered to wasm\n${wasm.plan}`).toBe(wasm.plan.split("\n").filter((l) => /^k\d+ /.test(l)).length);
  const data = inputs.map((x) => x._data!);
  const want = js.run(data);
  const got = wasm.run(data);
  expect(got.length).toBe(want.length);
  got.forEach((o, i) => {
    const w = want[i]!;
    expect(o.length, label).toBe(w.length);
    const bad = [...o].findIndex((x, j) => !Object.is(x, w[j]) && !(Number.isNaN(x) && Number.isNaN(w[j])));
    if (bad >= 0) expect(o[bad], `${label} output ${i} element ${bad}\n${wasm.plan}\n${wasm.source}`).toBe(w[bad]);
  });
  return { wasm, outputs: want };
}
