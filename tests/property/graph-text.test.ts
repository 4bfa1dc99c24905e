import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jnp, makeGraph, printGraph, type Array } from "@kiln/core";
import { fcParams } from "./fc-config.js";
import { programArb } from "./gen/arbitraries.js";
import { parseGraph } from "./gen/graph-text.js";
import { checkProgramGraphs } from "./gen/properties.js";

/** See checkProgramGraphs: printed graphs re-verify after tracing, each pass, optimize and grad. */
describe("property: printed graphs re-verify", () => {
  it("after tracing, after each pass, after optimize, after grad (and the grad graph compiles to eager's bits)", () => {
    fc.assert(fc.property(programArb(), checkProgramGraphs), fcParams(150));
  });

  it("the parser reads every kind of param and literal", () => {
    const g = makeGraph((x: Array) => jnp.sum(jnp.where(jnp.isnan(x), -0, jnp.multiply(x, Infinity)), { axis: [0], keepdims: true }))(
      jnp.array([[1, NaN]], "float32"),
    );
    const text = printGraph(g);
    expect(text).toContain("-0.0:f32[]");
    expect(text).toContain("inf:f32[]");
    expect(printGraph(parseGraph(text))).toBe(text);
  });
});
