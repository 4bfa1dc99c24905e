import fc from "fast-check";
import { describe, it } from "vitest";
import { fcParams } from "./fc-config.js";
import { choiceArb } from "./gen/arbitraries.js";
import { checkGradient } from "./gen/properties.js";
import { generateSmooth, smoothStepCount } from "./gen/smooth-steps.js";

/** See checkGradient (the tolerances are justified there): gradients equal float64 finite differences. */
const smoothArb = fc
  .record({
    base: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
    inputs: fc.array(fc.record({ drop: fc.nat(3), ones: fc.nat(7), values: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 9 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    steps: fc.array(choiceArb.map((c) => ({ ...c, kind: c.kind % smoothStepCount })), { minLength: 1, maxLength: 12 }),
    output: fc.nat(3),
  })
  .map(generateSmooth);

describe("property: gradients equal float64 finite differences", () => {
  it("random smooth programs, every differentiable op family", () => {
    fc.assert(fc.property(smoothArb, checkGradient), fcParams(250));
  });
});
