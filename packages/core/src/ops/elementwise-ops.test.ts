import { describe, expect, it } from "vitest";
import { rng } from "../testing/rng.js";
import { Array as KArray } from "../array.js";
import { allDTypes, dtypeInfo, type DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { erf32, erfc32, erfInv32, exp32, expm132, log1p32, log32, logistic32, tanh32 } from "../numerics/index.js";
import { bind1 } from "../trace.js";
import { binaryOps, compareOps, unaryOps, type BinaryOp, type CompareOp, type UnaryOp } from "./op-names.js";
import { binaryFn, compareFns, unaryFn } from "./scalar-fns.js";

/**
 * Every unary, binary and comparison op, run eagerly for every dtype, against an independent
 * reference: float ops are computed in float64 and rounded to float32 once (Math.fround). For
 * +, -, *, /, sqrt this is the correctly rounded float32 result (float64 has more than 2*24+2
 * bits, so the double rounding is innocuous). For transcendental ops (exp, log, tanh, sin, ...)
 * the reference is Math.fround(Math.X(x)): that is the kernel's definition (one rounding of a
 * double Math result), pinned here, not a claim that it is the correctly rounded value.
 * log1p, erf and erf_inv use the bit-exact XLA algorithms in numerics/ (tested there).
 * Integer references use BigInt, so they share no wrap-around tricks with the kernels.
 */

type Ref1 = (x: number) => number;
type Ref2 = (a: number, b: number) => number;
type PerDType<R> = { readonly [D in DType]?: R };

const f = Math.fround;
const B = BigInt;
const i32 = (v: bigint): number => Number(BigInt.asIntN(32, v));
const u32 = (v: bigint): number => Number(BigInt.asUintN(32, v));

// ---------------------------------------------------------------------------------------------
// inputs: edge values and seeded random values per dtype

const bitsToF32 = (u: number): number => new Float32Array(new Uint32Array([u]).buffer)[0]!;

const FMAX = 3.4028234663852886e38;
const edges: { readonly [D in DType]: readonly number[] } = {
  float32: [
    NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.1, -0.7, 2, 3, -3,
    FMAX, -FMAX, 1.1754943508222875e-38, 1.401298464324817e-45, -1.401298464324817e-45, 16777217, 2 ** 31, -(2 ** 31),
    2 ** 32, 1e-8, 0.99999994, -0.99999994, 88.8, -104, 20,
  ],
  int32: [0, 1, -1, 2, -2, 3, -3, 7, -7, 31, 32, 33, -32, 100, 65536, -65536, 46341, 2147483647, -2147483648],
  uint32: [0, 1, 2, 3, 7, 31, 32, 33, 100, 65536, 2147483647, 2147483648, 4294967294, 4294967295],
  bool: [0, 1],
};

function randomValues(d: DType, n: number, seed: number): number[] {
  const r = rng(seed);
  const one = (k: number): number => {
    switch (d) {
      case "float32":
        if (k % 3 === 0) return (r() * 2 - 1) * 6;
        if (k % 3 === 1) return r() * 2 - 1;
        for (;;) {
          const v = bitsToF32((r() * 2 ** 32) >>> 0);
          if (Number.isFinite(v)) return v;
        }
      case "int32": return k % 2 === 0 ? (r() * 2 ** 32) | 0 : Math.floor(r() * 81) - 40;
      case "uint32": return k % 2 === 0 ? (r() * 2 ** 32) >>> 0 : Math.floor(r() * 41);
      case "bool": return r() < 0.5 ? 1 : 0;
    }
  };
  return Array.from(dtypeInfo[d].from(Array.from({ length: n }, (_, k) => one(k))));
}

const stored = (d: DType, xs: readonly number[]): number[] => Array.from(dtypeInfo[d].from(xs));
const arr = (d: DType, shape: number[], xs: readonly number[]): KArray => KArray.fromData(shape, d, dtypeInfo[d].from(xs));
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** The elements where `got` differs from `want` (bitwise, NaN equal to NaN), with their inputs. */
function mismatches(inputs: readonly (readonly number[])[], got: readonly number[], want: readonly number[]): string[] {
  return got.flatMap((g, i) => (same(g, want[i]!) ? [] : [`(${inputs.map((x) => x[i]).join(", ")}) -> ${g}, want ${want[i]}`]));
}

// ---------------------------------------------------------------------------------------------
// references

/** Half to even, by comparing with the floor; keeps the sign of zero. */
function roundHalfEvenRef(x: number): number {
  const fl = Math.floor(x);
  const d = x - fl;
  const r = d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

const ident: Ref1 = (x) => x;
const sgn: Ref1 = (x) => (x > 0 ? 1 : x < 0 ? -1 : x); // 0, -0 and NaN map to themselves

const unaryRefs: { readonly [K in UnaryOp]: PerDType<Ref1> } = {
  neg: { float32: (x) => -x, int32: (x) => i32(-B(x)), uint32: (x) => u32(-B(x)) },
  // exp, log, expm1, tanh, logistic and erfc are XLA:CPU's float32 algorithms, checked against
  // real JAX in numerics/xla-math.test.ts and tests/jax-parity.test.ts
  exp: { float32: exp32 },
  log: { float32: log32 },
  log1p: { float32: log1p32 },
  expm1: { float32: expm132 },
  tanh: { float32: tanh32 },
  logistic: { float32: logistic32 },
  sin: { float32: (x) => f(Math.sin(x)) },
  cos: { float32: (x) => f(Math.cos(x)) },
  sqrt: { float32: (x) => f(Math.sqrt(x)) },
  rsqrt: { float32: (x) => f(1 / Math.sqrt(x)) },
  abs: { float32: Math.abs, int32: (x) => i32(x < 0 ? -B(x) : B(x)), uint32: ident },
  sign: { float32: sgn, int32: sgn, uint32: (x) => (x > 0 ? 1 : 0) },
  floor: { float32: Math.floor, int32: ident, uint32: ident },
  ceil: { float32: Math.ceil, int32: ident, uint32: ident },
  round: { float32: roundHalfEvenRef, int32: ident, uint32: ident },
  erf: { float32: erf32 },
  erf_inv: { float32: erfInv32 },
  erfc: { float32: erfc32 },
  not: { int32: (x) => i32(~B(x)), uint32: (x) => u32(~B(x)), bool: (x) => 1 - x },
  stop_gradient: { float32: ident, int32: ident, uint32: ident, bool: ident },
};

function modPow(a: bigint, e: bigint): bigint {
  let acc = 1n;
  for (let base = BigInt.asUintN(32, a); e > 0n; e >>= 1n, base = BigInt.asUintN(32, base * base)) {
    if (e & 1n) acc = BigInt.asUintN(32, acc * base);
  }
  return acc;
}

const floatBinaryRefs: { readonly [K in BinaryOp]?: Ref2 } = {
  add: (a, b) => f(a + b),
  sub: (a, b) => f(a - b),
  mul: (a, b) => f(a * b),
  div: (a, b) => f(a / b),
  rem: (a, b) => f(a % b), // JS % is C's fmod, exact
  pow: (a, b) => f(Math.pow(a, b)),
  max: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b || (a === b && Object.is(b, -0)) ? a : b),
  min: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b || (a === b && Object.is(a, -0)) ? a : b),
  atan2: (a, b) => f(Math.atan2(a, b)),
};

/** Integer semantics of XLA, with `wrap` reducing an exact result to the dtype. */
function intBinaryRefs(wrap: (v: bigint) => number): { readonly [K in BinaryOp]?: Ref2 } {
  const inRange = (s: number) => s >= 0 && s < 32; // XLA compares the shift amount as unsigned
  return {
    add: (a, b) => wrap(B(a) + B(b)),
    sub: (a, b) => wrap(B(a) - B(b)),
    mul: (a, b) => wrap(B(a) * B(b)),
    div: (a, b) => (b === 0 ? wrap(-1n) : wrap(B(a) / B(b))), // x / 0 = -1 (all ones); BigInt / truncates
    rem: (a, b) => (b === 0 ? a : wrap(B(a) % B(b))), // x % 0 = x; the sign follows the dividend
    pow: (a, b) => (b >= 0 ? wrap(modPow(B(a), B(b))) : a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0),
    max: Math.max,
    min: Math.min,
    and: (a, b) => wrap(B(a) & B(b)),
    or: (a, b) => wrap(B(a) | B(b)),
    xor: (a, b) => wrap(B(a) ^ B(b)),
    shift_left: (a, b) => (inRange(b) ? wrap(B(a) << B(b)) : 0),
    shift_right_logical: (a, b) => (inRange(b) ? wrap(BigInt.asUintN(32, B(a)) >> B(b)) : 0),
    shift_right_arithmetic: (a, b) => {
      const signed = BigInt.asIntN(32, B(a));
      return inRange(b) ? wrap(signed >> B(b)) : signed < 0n ? wrap(-1n) : 0;
    },
  };
}

const boolBinaryRefs: { readonly [K in BinaryOp]?: Ref2 } = {
  max: (a, b) => a | b, min: (a, b) => a & b, and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b,
};

const binaryRefs: { readonly [D in DType]: { readonly [K in BinaryOp]?: Ref2 } } = {
  float32: floatBinaryRefs, int32: intBinaryRefs(i32), uint32: intBinaryRefs(u32), bool: boolBinaryRefs,
};

const compareRefs: { readonly [K in CompareOp]: (a: number, b: number) => boolean } = {
  eq: (a, b) => a === b, ne: (a, b) => a !== b, lt: (a, b) => a < b, le: (a, b) => a <= b, gt: (a, b) => a > b, ge: (a, b) => a >= b,
};

// ---------------------------------------------------------------------------------------------

const values = (x: KArray): number[] => Array.from(x.toTypedArray());

/** Random pairs: full-range values, and small ones so that shifts and powers see in-range amounts. */
function pairs(d: DType): [number[], number[]] {
  const n = 300;
  const a = randomValues(d, n, 11);
  const b = randomValues(d, n, 23);
  const small = stored(d, randomValues(d, n, 37).map((v) => (d === "float32" ? v : d === "bool" ? v : v % 40)));
  return [[...a, ...a, ...small], [...b, ...small, ...b]];
}

/** All pairs of edge values, as [n,1] x [1,n] so the kernel broadcasts. */
function edgeGrid(d: DType): { x: KArray; y: KArray; as: number[]; bs: number[] } {
  const e = stored(d, edges[d]);
  const as = e.flatMap((a) => e.map(() => a));
  const bs = e.flatMap(() => e);
  return { x: arr(d, [e.length, 1], e), y: arr(d, [1, e.length], e), as, bs };
}

describe.each(unaryOps.map((op) => [op]))("unary op %s", (op) => {
  it.each(allDTypes.map((d) => [d]))("%s: equals the reference on edge and random values", (d) => {
    const ref = unaryRefs[op][d];
    const xs = stored(d, [...edges[d], ...randomValues(d, 400, 5)]);
    const x = arr(d, [xs.length], xs);
    expect(unaryFn(op, d) === null).toBe(ref === undefined);
    if (ref === undefined) {
      expect(() => bind1(op, [x], {})).toThrow(DTypeError);
      expect(() => bind1(op, [x], {})).toThrow(`${op}: does not support dtype ${d}`);
      return;
    }
    const out = bind1(op, [x], {});
    expect(out.dtype).toBe(d);
    expect(out.shape).toEqual([xs.length]);
    expect(mismatches([xs], values(out), xs.map(ref))).toEqual([]);
    // the scalar function (used by constant folding and codegen) returns exactly the stored value
    expect(mismatches([xs], xs.map(unaryFn(op, d)!), values(out))).toEqual([]);
  });

  it("keeps empty and scalar shapes", () => {
    const d: DType = unaryRefs[op].float32 ? "float32" : "int32";
    expect(bind1(op, [arr(d, [2, 0], [])], {}).shape).toEqual([2, 0]);
    expect(bind1(op, [arr(d, [], [1])], {}).shape).toEqual([]);
  });
});

describe.each(binaryOps.map((op) => [op]))("binary op %s", (op) => {
  it.each(allDTypes.map((d) => [d]))("%s: equals the reference on random pairs and on all pairs of edge values", (d) => {
    const ref = binaryRefs[d][op];
    const [as, bs] = pairs(d);
    const x = arr(d, [as.length], as);
    const y = arr(d, [bs.length], bs);
    expect(binaryFn(op, d) === null).toBe(ref === undefined);
    if (ref === undefined) {
      expect(() => bind1(op, [x, y], {})).toThrow(`${op}: does not support dtype ${d}`);
      return;
    }
    const out = bind1(op, [x, y], {});
    expect(out.dtype).toBe(d);
    expect(mismatches([as, bs], values(out), as.map((a, i) => ref(a, bs[i]!)))).toEqual([]);
    expect(mismatches([as, bs], as.map((a, i) => binaryFn(op, d)!(a, bs[i]!)), values(out))).toEqual([]);

    const g = edgeGrid(d);
    const grid = bind1(op, [g.x, g.y], {});
    expect(grid.shape).toEqual([g.x.size, g.y.size]);
    expect(mismatches([g.as, g.bs], values(grid), g.as.map((a, i) => ref(a, g.bs[i]!)))).toEqual([]);
  });

  it("broadcasts empty and scalar shapes", () => {
    const d: DType = binaryRefs.float32[op] ? "float32" : "int32";
    const run = (a: number[], b: number[]) => bind1(op, [arr(d, a, new Array(a.reduce((x, y) => x * y, 1)).fill(1)), arr(d, b, new Array(b.reduce((x, y) => x * y, 1)).fill(1))], {}).shape;
    expect([run([0], [1]), run([2, 0], [2, 1]), run([], [0, 3]), run([], [])]).toEqual([[0], [2, 0], [0, 3], []]);
  });

  it("rejects operands of different dtypes, naming the op and both avals", () => {
    expect(() => bind1(op, [arr("float32", [2], [1, 2]), arr("int32", [2], [1, 2])], {})).toThrow(
      `${op}: operand 1 has dtype int32 but operand 0 has float32 (f32[2], i32[2])`,
    );
  });
});

describe.each(compareOps.map((op) => [op]))("comparison %s", (op) => {
  it.each(allDTypes.map((d) => [d]))("%s: gives bool, equal to JS comparison (NaN unordered, -0 == 0)", (d) => {
    const [as, bs] = pairs(d);
    const out = bind1(op, [arr(d, [as.length], as), arr(d, [bs.length], bs)], {});
    expect(out.dtype).toBe("bool");
    const want = as.map((a, i) => (compareRefs[op](a, bs[i]!) ? 1 : 0));
    expect(mismatches([as, bs], values(out), want)).toEqual([]);
    expect(as.map((a, i) => compareFns[op](a, bs[i]!))).toEqual(want);

    const g = edgeGrid(d);
    const grid = bind1(op, [g.x, g.y], {});
    expect(mismatches([g.as, g.bs], values(grid), g.as.map((a, i) => (compareRefs[op](a, g.bs[i]!) ? 1 : 0)))).toEqual([]);
  });
});

describe("integer edge cases named in the XLA semantics", () => {
  const run = (op: BinaryOp, d: DType, a: number[], b: number[]) => values(bind1(op, [arr(d, [a.length], a), arr(d, [b.length], b)], {}));
  const MIN = -2147483648;

  it.each([
    ["add", "int32", [2147483647, MIN], [1, -1], [MIN, 2147483647]],
    ["mul", "int32", [65536, 46341], [65536, 46341], [0, -2147479015]],
    ["div", "int32", [7, -7, 0, MIN, 7, -7], [0, 0, 0, -1, 2, 2], [-1, -1, -1, MIN, 3, -3]],
    ["rem", "int32", [7, -7, 0, MIN, 7, -7], [0, 0, 0, -1, -2, 2], [7, -7, 0, 0, 1, -1]],
    ["div", "uint32", [7, 0, 4294967295], [0, 0, 2], [4294967295, 4294967295, 2147483647]],
    ["rem", "uint32", [7, 4294967295], [0, 10], [7, 5]],
    ["sub", "uint32", [0], [1], [4294967295]],
    ["shift_left", "int32", [1, 1, 1, 1, 3], [31, 32, 33, -1, 1], [MIN, 0, 0, 0, 6]],
    ["shift_right_logical", "int32", [-1, -1, -1, -8], [28, 32, -1, 1], [15, 0, 0, 2147483644]],
    ["shift_right_arithmetic", "int32", [-8, -8, 8, -8, 8], [1, 32, 32, -1, 100], [-4, -1, 0, -1, 0]],
    ["shift_left", "uint32", [1, 1], [31, 32], [2147483648, 0]],
    ["shift_right_arithmetic", "uint32", [2147483648, 2147483648, 4], [1, 40, 40], [3221225472, 4294967295, 0]],
    ["pow", "int32", [2, 2, 3, -2, 0, 1, -1, -1, 2], [10, 31, 21, 3, 0, -3, -3, -2, -1], [1024, MIN, 1870418611, -8, 1, 1, -1, 1, 0]],
  ] as const)("%s %s: %j op %j = %j", (op, d, a, b, want) => {
    expect(run(op, d, [...a], [...b])).toEqual([...want]);
  });

  it("float division by zero and remainder follow IEEE (inf, nan, fmod keeps the dividend's sign)", () => {
    expect(run("div", "float32", [1, -1, 0, -0], [0, 0, 0, 1])).toEqual([Infinity, -Infinity, NaN, -0]);
    expect(run("rem", "float32", [5.5, -5.5, 1, Infinity, -4], [2, 2, 0, 1, 2])).toEqual([1.5, -1.5, NaN, NaN, -0]);
    expect(run("max", "float32", [NaN, 1, -0], [1, NaN, 0])).toEqual([NaN, NaN, 0]);
    expect(run("min", "float32", [NaN, -0], [1, 0])).toEqual([NaN, -0]);
  });
});
