import fc from "fast-check";
import { castScalar, type DType } from "@kiln/core";
import { axesFromBits, Builder, broadcastable, Dice, edgeValues, permutation } from "./builder.js";
import { macroNames, type ArraySpec, type Program, type Ref } from "./program.js";
import { primitiveSteps, type Choice } from "./steps.js";

/** Macro steps: jnp functions that expand to several primitives (promotion, keepdims, indexing). */
function macroStep(b: Builder, c: Choice): number | null {
  const name = macroNames[c.p % macroNames.length]!;
  const x = b.pick(c.a)!;
  const shape = b.vals[x]!.shape;
  const y = b.pick(c.b)!;
  const dice = new Dice(c.q);
  const axisParams = { axis: axesFromBits(shape.length, c.q), keepdims: ((c.q >> 5) & 1) === 1 };
  switch (name) {
    case "matmul": {
      // x @ y, or x @ swapaxes(x) which always fits
      const last = shape.length;
      const xt = last >= 2 ? b.emit("transpose", [x], { permutation: [...permutation(last - 2, 0), last - 1, last - 2] }) : x;
      return b.emitMacro("matmul", [x, y], {}) ?? (xt === null ? null : b.emitMacro("matmul", [x, xt], {}));
    }
    case "mean": case "logsumexp": case "sumKeepdims":
      return b.emitMacro(name, [x], axisParams);
    case "where": {
      const cond = b.pick(c.q, (v) => v.dtype === "bool") ?? b.emit("gt", [x, b.literal(b.vals[x]!.dtype, c.q)], {});
      return cond === null || !broadcastable(b.avalOf(cond).shape, shape, b.vals[y]!.shape) ? null : b.emitMacro("where", [cond, x, y], {});
    }
    case "floorDivide": case "remainder": {
      const other: Ref = broadcastable(shape, b.vals[y]!.shape) && c.q % 3 !== 0 ? y : b.literal(b.vals[x]!.dtype, c.q);
      return b.emitMacro(name, [x, other], {});
    }
    case "softmax":
      return shape.length === 0 ? null : b.emitMacro("softmax", [x], { axis: c.q % shape.length });
    case "clip": {
      const e = edgeValues.float32.filter((v) => !Number.isNaN(v));
      const [lo, hi] = [e[c.q % e.length]!, e[(c.q >> 4) % e.length]!];
      return b.emitMacro("clip", [x], { min: Math.min(lo, hi), max: Math.max(lo, hi) });
    }
    case "index": {
      const indices = shape.slice(0, 1 + dice.next(shape.length + 1)).map((d) => {
        if (d > 0 && dice.next(3) === 0) return dice.next(2 * d) - d;
        const bound = () => (dice.next(3) === 0 ? null : dice.next(2 * d + 3) - d - 1);
        return { start: bound(), stop: bound(), step: 1 + dice.next(3) };
      });
      return b.emitMacro("index", [x], { indices });
    }
    case "stack": {
      const same = b.pick(c.b, (v) => v.dtype === b.vals[x]!.dtype && v.shape.join() === shape.join())!;
      return b.emitMacro("stack", [x, same], { axis: c.q % (shape.length + 1) });
    }
  }
}

const steps = [...primitiveSteps, macroStep, macroStep, macroStep];

/** What fast-check generates for one input: a dtype, how its shape derives from the base shape, values. */
export interface InputChoice {
  readonly dtype: DType;
  readonly drop: number;
  readonly ones: number;
  readonly values: readonly number[];
}

export interface ProgramChoices {
  readonly base: readonly number[];
  readonly inputs: readonly InputChoice[];
  readonly steps: readonly Choice[];
  readonly extraOutputs: readonly number[];
}

const edgeOf = (d: DType) => fc.constantFrom(...edgeValues[d]);

/** Element values per dtype: small ones, edge values, and anything the dtype can hold. */
export function valueArb(d: DType): fc.Arbitrary<number> {
  switch (d) {
    case "float32":
      return fc.oneof(
        { arbitrary: fc.integer({ min: -4, max: 4 }), weight: 3 },
        { arbitrary: fc.float({ min: -4, max: 4, noNaN: true }), weight: 4 },
        { arbitrary: edgeOf(d), weight: 2 },
        { arbitrary: fc.float(), weight: 2 },
      );
    case "int32":
      return fc.oneof({ arbitrary: fc.integer({ min: -40, max: 40 }), weight: 4 }, { arbitrary: edgeOf(d), weight: 2 }, { arbitrary: fc.integer(), weight: 1 });
    case "uint32":
      return fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 }, { arbitrary: edgeOf(d), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 1 });
    case "bool":
      return fc.integer({ min: 0, max: 1 });
  }
}

const dtypeArb = fc.oneof(
  { arbitrary: fc.constant<DType>("float32"), weight: 6 },
  { arbitrary: fc.constant<DType>("int32"), weight: 2 },
  { arbitrary: fc.constant<DType>("uint32"), weight: 1 },
  { arbitrary: fc.constant<DType>("bool"), weight: 1 },
);

const dimArb = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 12 }, { arbitrary: fc.constant(0), weight: 1 });

export function inputArb(dtypes: fc.Arbitrary<DType> = dtypeArb): fc.Arbitrary<InputChoice> {
  return dtypes.chain((dtype) =>
    fc.record({ dtype: fc.constant(dtype), drop: fc.nat(3), ones: fc.nat(7), values: fc.array(valueArb(dtype), { minLength: 1, maxLength: 12 }) }),
  );
}

export const choiceArb: fc.Arbitrary<Choice> = fc.record({
  kind: fc.nat(steps.length - 1),
  a: fc.nat(7),
  b: fc.nat(7),
  p: fc.nat(0xffff),
  q: fc.nat(0xffff),
});

export function programChoicesArb(options: { dtypes?: fc.Arbitrary<DType>; maxSteps?: number } = {}): fc.Arbitrary<ProgramChoices> {
  return fc.record({
    base: fc.array(dimArb, { maxLength: 3 }),
    inputs: fc.array(inputArb(options.dtypes), { minLength: 1, maxLength: 3 }),
    steps: fc.array(choiceArb, { minLength: 1, maxLength: options.maxSteps ?? 10 }),
    extraOutputs: fc.array(fc.nat(7), { maxLength: 2 }),
  });
}

/** An input's spec: the base shape with leading axes dropped and some axes set to 1, values repeated to fill it. */
export function inputSpec(base: readonly number[], c: InputChoice): ArraySpec {
  const shape = base.slice(Math.min(c.drop, base.length)).map((d, i) => ((c.ones >> i) & 1 ? 1 : d));
  const size = shape.reduce((a, b) => a * b, 1);
  const values = globalThis.Array.from({ length: size }, (_, i) => castScalar(c.values[i % c.values.length]!, c.dtype));
  return { dtype: c.dtype, shape, values };
}

/** Resolves choices into a well-typed program (steps that do not fit are skipped). */
export function buildProgram(ch: ProgramChoices): Program {
  const b = new Builder(ch.inputs.map((c) => inputSpec(ch.base, c)));
  for (const c of ch.steps) steps[c.kind % steps.length]!(b, c);
  const last = b.vals.length - 1;
  const extra = ch.extraOutputs.map((k) => b.pick(k)!);
  return b.program([last, ...extra]);
}

export const programArb = (options?: Parameters<typeof programChoicesArb>[0]): fc.Arbitrary<Program> =>
  programChoicesArb(options).map(buildProgram);
