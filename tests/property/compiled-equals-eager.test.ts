import fc from "fast-check";
import { describe, it } from "vitest";
import { fcParams } from "./fc-config.js";
import { programArb } from "./gen/arbitraries.js";
import { checkCompiledEqualsEager } from "./gen/properties.js";

/** See checkCompiledEqualsEager: every compiled form of a random program equals eager mode bit for bit. */
describe("property: compiled equals eager", () => {
  it("random programs over every op, float/int/bool inputs with edge values", () => {
    fc.assert(fc.property(programArb(), checkCompiledEqualsEager), fcParams(200));
  });

  it("float32-only programs, longer chains", () => {
    fc.assert(fc.property(programArb({ dtypes: fc.constant("float32"), maxSteps: 16 }), checkCompiledEqualsEager), fcParams(100));
  });
});
