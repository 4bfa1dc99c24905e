import { binaryOps, compareOps, unaryOps, type BinaryOp, type CompareOp, type DType, type OpName, type UnaryOp } from "@kiln/core";
import type { Builder, CompareDirection } from "../builder.js";
import type { Value } from "../ir.js";
import type { LoweringRule } from "../lowering.js";

/**
 * Elementwise ops. kiln's IR broadcasts elementwise operands by NumPy rules; StableHLO does not,
 * so every operand is first broadcast to the output's shape (`Operand.at`). Where kiln's
 * semantics for a dtype differ from the StableHLO op of the same name (abs or sign of uint32,
 * floor of an integer), the form below gives kiln's result.
 */
type UnaryForm = (b: Builder, x: Value) => Value;
const op = (name: string): UnaryForm => (b, x) => b.elementwise(`stablehlo.${name}`, [x]);
const floatOnly = (name: string): UnaryForm => (b, x) => (x.aval.dtype === "float32" ? b.elementwise(`stablehlo.${name}`, [x]) : x);

const unaryForms: { readonly [K in UnaryOp]: UnaryForm } = {
  neg: op("negate"),
  exp: op("exponential"),
  log: op("log"),
  log1p: op("log_plus_one"),
  expm1: op("exponential_minus_one"),
  tanh: op("tanh"),
  // JAX writes logistic out as 1 / (1 + exp(-x)); so do we, for XLA to give the same bits
  logistic: (b, x) => {
    const e = b.elementwise("stablehlo.exponential", [b.elementwise("stablehlo.negate", [x])]);
    const d = b.elementwise("stablehlo.add", [b.splat(1, x.aval.shape, "float32"), e]);
    return b.elementwise("stablehlo.divide", [b.splat(1, x.aval.shape, "float32"), d]);
  },
  sin: op("sine"),
  cos: op("cosine"),
  sqrt: op("sqrt"),
  rsqrt: op("rsqrt"),
  abs: (b, x) => (x.aval.dtype === "uint32" ? x : b.elementwise("stablehlo.abs", [x])),
  // StableHLO's sign takes signed types only; an unsigned sign is x != 0
  sign: (b, x) => (x.aval.dtype === "uint32" ? b.convert(b.compare("NE", x, b.splat(0, x.aval.shape, "uint32")), "uint32") : b.elementwise("stablehlo.sign", [x])),
  floor: floatOnly("floor"),
  ceil: floatOnly("ceil"),
  round: floatOnly("round_nearest_even"), // jnp.round: half to even
  erf: (b, x) => b.chlo("erf", x),
  erfc: (b, x) => b.chlo("erfc", x),
  erf_inv: (b, x) => b.chlo("erf_inv", x),
  not: op("not"),
  stop_gradient: (_b, x) => x,
};

/** StableHLO op names of the binary ops; bool max and min are `or` and `and`. */
const binaryNames: { readonly [K in BinaryOp]: string } = {
  add: "add", sub: "subtract", mul: "multiply", div: "divide", rem: "remainder", pow: "power",
  max: "maximum", min: "minimum", atan2: "atan2", and: "and", or: "or", xor: "xor",
  shift_left: "shift_left", shift_right_logical: "shift_right_logical", shift_right_arithmetic: "shift_right_arithmetic",
};

function binaryName(op: BinaryOp, dtype: DType): string {
  if (dtype === "bool" && op === "max") return "or";
  if (dtype === "bool" && op === "min") return "and";
  return binaryNames[op];
}

const directions: { readonly [K in CompareOp]: CompareDirection } = { eq: "EQ", ne: "NE", lt: "LT", le: "LE", gt: "GT", ge: "GE" };

function familyTable<K extends OpName>(names: readonly K[], rule: (op: K) => LoweringRule<K>): { [P in K]: LoweringRule<P> } {
  return Object.fromEntries(names.map((n) => [n, rule(n)])) as unknown as { [P in K]: LoweringRule<P> };
}

/** x ** y by binary exponentiation, each product rounded: the same multiplications as kiln's integerPowFn and JAX's lowering. */
function integerPow(b: Builder, x: Value, y: number): Value {
  let n = Math.abs(y);
  let acc: Value | null = null;
  let base = x;
  while (n > 0) {
    if (n & 1) acc = acc === null ? base : b.elementwise("stablehlo.multiply", [acc, base]);
    n = Math.floor(n / 2);
    if (n > 0) base = b.elementwise("stablehlo.multiply", [base, base]);
  }
  const result = acc ?? b.splat(1, x.aval.shape, x.aval.dtype);
  return y < 0 ? b.elementwise("stablehlo.divide", [b.splat(1, x.aval.shape, x.aval.dtype), result]) : result;
}

export const elementwiseRules = {
  ...familyTable(unaryOps, (name) => (b, [x], _p, [out]) => [unaryForms[name](b, x!.at(out!.shape))]),
  ...familyTable(binaryOps, (name) => (b, [x, y], _p, [out]) => [b.elementwise(`stablehlo.${binaryName(name, out!.dtype)}`, [x!.at(out!.shape), y!.at(out!.shape)])]),
  ...familyTable(compareOps, (name) => (b, [x, y], _p, [out]) => [b.compare(directions[name], x!.at(out!.shape), y!.at(out!.shape))]),
  integer_pow: (b, [x], { y }) => [integerPow(b, x!.value(), y)],
  // select_n(pred, onFalse, onTrue); stablehlo.select(pred, onTrue, onFalse)
  select_n: (b, [pred, onFalse, onTrue], _p, [out]) => [b.select(pred!.at(out!.shape), onTrue!.at(out!.shape), onFalse!.at(out!.shape))],
  // a*b + c, as JAX writes it: XLA:CPU contracts it into one fused multiply-add, kiln's fma
  fma: (b, [x, y, z], _p, [out]) => {
    const product = b.elementwise("stablehlo.multiply", [x!.at(out!.shape), y!.at(out!.shape)]);
    return [b.elementwise("stablehlo.add", [product, z!.at(out!.shape)])];
  },
  convert_element_type: (b, [x], { newDtype }) => {
    const v = x!.value();
    if (v.aval.dtype === newDtype) return [v];
    // to bool is x != 0, as JAX lowers it
    if (newDtype === "bool") return [b.compare("NE", v, b.splat(0, v.aval.shape, v.aval.dtype))];
    return [b.convert(v, newDtype)];
  },
  bitcast_convert_type: (b, [x], { newDtype }) => {
    const v = x!.value();
    return [v.aval.dtype === newDtype ? v : b.bitcastConvert(v, newDtype)];
  },
} satisfies { [P in UnaryOp | BinaryOp | CompareOp | "integer_pow" | "select_n" | "fma" | "convert_element_type" | "bitcast_convert_type"]: LoweringRule<P> };
