import type { Array } from "../array.js";
import { DTypeError } from "../errors.js";
import * as lax from "../lax.js";
import { broadcastShapes } from "../shape.js";
import { asarray, type ArrayLike } from "./convert.js";
import { promoteOperands, toFloat } from "./promote.js";

/** jnp elementwise functions: NumPy broadcasting, JAX promotion, float results for transcendental ops. */
const binary = (name: string, prim: (a: Array, b: Array) => Array) => (x: ArrayLike, y: ArrayLike): Array => {
  const [a, b] = promoteOperands(name, [x, y], ["x", "y"]);
  broadcastShapes(name, a!.shape, b!.shape); // a shape error names subtract, not its primitive sub
  return prim(a!, b!);
};
const floatUnary = (name: string, prim: (a: Array) => Array) => (x: ArrayLike): Array =>
  prim(toFloat(asarray(x, undefined, name)));
const unary = (name: string, prim: (a: Array) => Array) => (x: ArrayLike): Array => prim(asarray(x, undefined, name));

export const add = binary("add", lax.add);
export const subtract = binary("subtract", lax.sub);
export const multiply = binary("multiply", lax.mul);
export const maximum = binary("maximum", lax.max);
export const minimum = binary("minimum", lax.min);
export const equal = binary("equal", lax.eq);
export const notEqual = binary("notEqual", lax.ne);
export const less = binary("less", lax.lt);
export const lessEqual = binary("lessEqual", lax.le);
export const greater = binary("greater", lax.gt);
export const greaterEqual = binary("greaterEqual", lax.ge);
export const bitwiseAnd = binary("bitwiseAnd", lax.bitwiseAnd);
export const bitwiseOr = binary("bitwiseOr", lax.bitwiseOr);
export const bitwiseXor = binary("bitwiseXor", lax.bitwiseXor);
export const arctan2 = (x: ArrayLike, y: ArrayLike): Array => {
  const [a, b] = promoteOperands("arctan2", [x, y], ["x", "y"]);
  return lax.atan2(toFloat(a!), toFloat(b!));
};

/** True division: integer operands give float32. */
export function divide(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = promoteOperands("divide", [x, y], ["x", "y"]);
  return lax.div(toFloat(a!), toFloat(b!));
}
export const trueDivide = divide;

/** Floor division, as JAX's jnp.floor_divide (Python's //): integer x // 0 is -1 or -2, as JAX gives. */
export function floorDivide(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = promoteOperands("floorDivide", [x, y], ["x", "y"]) as [Array, Array];
  if (a.dtype === "int32") {
    // truncating division, one less where the signs differ and there is a remainder
    const fix = lax.bitwiseAnd(lax.ne(lax.sign(a), lax.sign(b)), lax.ne(lax.rem(a, b), asarray(0, "int32")));
    const q = lax.div(a, b);
    return lax.select(fix, lax.sub(q, asarray(1, "int32")), q);
  }
  if (a.dtype !== "float32") return lax.div(a, b);
  // floats: CPython's float_divmod, as JAX: (x - fmod(x, y)) / y, one less where fmod's sign differs from y's
  const mod = lax.rem(a, b);
  const div = lax.div(lax.sub(a, mod), b);
  const fix = lax.bitwiseAnd(lax.ne(mod, asarray(0, "float32")), lax.ne(lax.sign(b), lax.sign(mod)));
  return lax.round(lax.select(fix, lax.sub(div, asarray(1, "float32")), div));
}

/** NumPy's remainder (Python's %): the result has the sign of y; integer x % 0 is 0, as in JAX. */
export function remainder(x: ArrayLike, y: ArrayLike): Array {
  const [a, y0] = promoteOperands("remainder", [x, y], ["x", "y"]) as [Array, Array];
  const zero = asarray(0, a.dtype);
  const b = a.dtype === "int32" || a.dtype === "uint32" ? lax.select(lax.eq(y0, zero), asarray(1, a.dtype), y0) : y0;
  const r = lax.rem(a, b);
  const fix = lax.bitwiseAnd(lax.ne(lax.lt(r, zero), lax.lt(b, zero)), lax.ne(r, zero));
  return lax.select(fix, lax.add(r, b), r);
}

export const negative = unary("negative", lax.neg);
export const abs = unary("abs", lax.abs);
export const absolute = abs;
export const sign = unary("sign", lax.sign);
export const floor = unary("floor", lax.floor);
export const ceil = unary("ceil", lax.ceil);
export const round = unary("round", lax.round);
export const exp = floatUnary("exp", lax.exp);
export const log = floatUnary("log", lax.log);
export const log1p = floatUnary("log1p", lax.log1p);
export const expm1 = floatUnary("expm1", lax.expm1);
export const tanh = floatUnary("tanh", lax.tanh);
export const sin = floatUnary("sin", lax.sin);
export const cos = floatUnary("cos", lax.cos);
export const sqrt = floatUnary("sqrt", lax.sqrt);
export const rsqrt = floatUnary("rsqrt", lax.rsqrt);
export const logistic = floatUnary("logistic", lax.logistic);
export const sigmoid = logistic;
export const erf = floatUnary("erf", lax.erf);
/** jax.scipy.special.erfc (lax.erfc). */
export const erfc = floatUnary("erfc", lax.erfc);
export const erfinv = floatUnary("erfinv", lax.erfInv);
export const stopGradient = unary("stopGradient", lax.stopGradient);

export function logicalNot(x: ArrayLike): Array {
  return lax.bitwiseNot(asarray(x, "bool", "logicalNot"));
}
export const logicalAnd = (x: ArrayLike, y: ArrayLike): Array => lax.bitwiseAnd(asarray(x, "bool", "logicalAnd", "x"), asarray(y, "bool", "logicalAnd", "y"));
export const logicalOr = (x: ArrayLike, y: ArrayLike): Array => lax.bitwiseOr(asarray(x, "bool", "logicalOr", "x"), asarray(y, "bool", "logicalOr", "y"));
export const logicalXor = (x: ArrayLike, y: ArrayLike): Array => lax.bitwiseXor(asarray(x, "bool", "logicalXor", "x"), asarray(y, "bool", "logicalXor", "y"));

export function square(x: ArrayLike): Array {
  const a = asarray(x, undefined, "square");
  if (a.dtype === "bool") throw new DTypeError(`square: does not support dtype bool`);
  return lax.integerPow(a, 2);
}

/**
 * x ** y. A JS integer exponent becomes integer_pow (repeated multiplication, exact for
 * integers, JAX's numerics for floats); anything else is the float `pow` primitive.
 */
export function power(x: ArrayLike, y: ArrayLike): Array {
  if (typeof y === "number" && Number.isInteger(y) && Math.abs(y) <= 64) {
    const a = asarray(x, undefined, "power", "x");
    if (a.dtype === "bool") throw new DTypeError(`power: does not support dtype bool`);
    if (y < 0 && a.dtype !== "float32") throw new DTypeError(`power: integers cannot be raised to the negative integer power ${y}`);
    return lax.integerPow(a, y);
  }
  const [a, b] = promoteOperands("power", [x, y], ["x", "y"]);
  return lax.pow(a!, b!);
}

/** where(condition, x, y): x where condition is true, y elsewhere, all broadcast together. */
export function where(condition: ArrayLike, x: ArrayLike, y: ArrayLike): Array {
  const c = asarray(condition, "bool", "where", "condition");
  const [a, b] = promoteOperands("where", [x, y], ["x", "y"]);
  broadcastShapes("where", c.shape, a!.shape, b!.shape); // the error names where, not its primitive select_n
  return lax.select(c, a!, b!);
}

export function clip(x: ArrayLike, min?: ArrayLike | null, max?: ArrayLike | null): Array {
  let out = asarray(x, undefined, "clip");
  if (min !== undefined && min !== null) out = maximum(out, min);
  if (max !== undefined && max !== null) out = minimum(out, max);
  return out;
}

export function isnan(x: ArrayLike): Array {
  const a = asarray(x, undefined, "isnan");
  return lax.ne(a, a);
}

export function isfinite(x: ArrayLike): Array {
  const a = toFloat(asarray(x, undefined, "isfinite"));
  // x - x is 0 for finite x and NaN for NaN or infinity
  const d = lax.sub(a, a);
  return lax.eq(d, d);
}
