import { describe, expect, it } from "vitest";
import { grad } from "@kiln/autodiff";
import { compile } from "@kiln/codegen";
import { jnp, lax, makeGraph, ShapedArray, type Array } from "@kiln/core";
import { checkCompiledEqualsEager, checkGradient, checkProgramGraphs } from "./gen/properties.js";
import type { Program } from "./gen/program.js";
import type { SmoothProgram } from "./gen/smooth.js";

/** Shrunk counterexamples the properties found, kept as ordinary tests. */

const f32 = (shape: number[], values: number[]) => ({ dtype: "float32" as const, shape, values });

describe("regression: an int32 converted from -0.0 stays -0 inside compiled code", () => {
  // Found by "compiled equals eager" (seeds 3, 8, 9, 11). Eager float->int conversion is
  // `Math.trunc(x) + 0` (core's convertFn), which turns -0 into 0; the lowering in
  // packages/codegen/src/lower/scalar-ops.ts emits `Math.min(hi, Math.max(lo, Math.trunc(x)))`
  // without the `+ 0` (fixed since), so an int32 local held -0 until it was stored. Converted back to float32
  // (or read by atan2, or bitcast) the sign shows. The fix is that missing `+ 0` (or `| 0`) in
  // scalar-ops.ts, now in place.
  const addBack: Program = {
    inputs: [f32([], [-0])],
    consts: [],
    instrs: [
      { op: "convert_element_type", args: [0], params: { newDtype: "int32" }, dtype: "int32", shape: [] },
      { op: "convert_element_type", args: [1], params: { newDtype: "float32" }, dtype: "float32", shape: [] },
      { op: "add", args: [0, 2], params: {}, dtype: "float32", shape: [] },
    ],
    outputs: [3],
  };
  const atan2: Program = {
    inputs: [f32([], [0])],
    consts: [],
    instrs: [
      { op: "neg", args: [0], params: {}, dtype: "float32", shape: [] },
      { op: "convert_element_type", args: [1], params: { newDtype: "int32" }, dtype: "int32", shape: [] },
      { op: "neg", args: [1], params: {}, dtype: "float32", shape: [] },
      { op: "convert_element_type", args: [2], params: { newDtype: "float32" }, dtype: "float32", shape: [] },
      { op: "atan2", args: [3, 4], params: {}, dtype: "float32", shape: [] },
    ],
    outputs: [5],
  };
  it("x + float(int(x)) at x = -0 is +0, as eagerly (compiled gives -0)", () => checkCompiledEqualsEager(addBack));
  it("atan2(+0, float(int(-0))) is 0, as eagerly (compiled gives pi)", () => checkCompiledEqualsEager(atan2));
  it("directly: convert_element_type(-0.0 -> int32 -> float32) is +0", () => {
    const f = (x: Array) => lax.convertElementType(lax.convertElementType(x, "int32"), "float32");
    const out = compile(makeGraph(f)(new ShapedArray([1], "float32"))).run([Float32Array.of(-0)])[0]!;
    expect(Object.is(out[0], 0)).toBe(true);
  });
});

describe("regression: the VJP of pad with negative (cropping) padding", () => {
  // Found by "printed graphs re-verify ... after grad" (seed 21): the pad rule sliced the
  // cotangent from max(lo, 0) as if nothing were cropped, which is out of bounds once hi < 0.
  // Fixed in packages/autodiff/src/vjp-rules.ts as JAX's _pad_transpose does it.
  const cropped = (lo: number[], hi: number[], interior: number[], shape: number[], out: number[]): Program => ({
    inputs: [f32(shape, new globalThis.Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0))],
    consts: [],
    instrs: [{ op: "pad", args: [0, { lit: 0, dtype: "float32" }], params: { lo, hi, interior }, dtype: "float32", shape: out }],
    outputs: [1],
  });
  it("pad(f32[1], lo 2, hi -1, interior 1): the grad graph builds, verifies and compiles", () => {
    checkProgramGraphs(cropped([2], [-1], [1], [1], [2]));
  });
  it("pad(f32[1,1], lo (2, 2), hi (-1, 2), interior (1, 2))", () => {
    checkProgramGraphs(cropped([2, 2], [-1, 2], [1, 2], [1, 1], [2, 5]));
  });
  it("the gradient is the cotangent at the kept positions, zero at the cropped ones", () => {
    // pad([a, b, c], interior 1) = [a, 0, b, 0, c]; cropping one at each end keeps [0, b, 0]
    const w = jnp.array([10, 20, 30], "float32");
    const loss = (x: Array) => jnp.sum(jnp.multiply(lax.pad(x, jnp.array(0, "float32"), [[-1, -1, 1]]), w));
    expect((grad(loss)(jnp.array([1, 2, 3], "float32")) as Array).tolist()).toEqual([0, 20, 0]);
  });
  it("agrees with float64 finite differences, padding value included", () => {
    const p: SmoothProgram = {
      inputs: [{ shape: [3], values: [0.5, -1, 2] }],
      instrs: [
        { op: "pad", args: [0], params: { lo: [-1], hi: [2], interior: [1], value: 0.5 }, shape: [6] },
        { op: "tanh", args: [1], params: {}, shape: [6] },
      ],
      output: 2,
    };
    checkGradient(p);
  });
});
