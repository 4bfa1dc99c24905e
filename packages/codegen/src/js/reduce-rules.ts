import type { DType, ReduceOp } from "@kiln/core";
import type { MemberExpression } from "estree";
import { assign, bin, math, num, type Expr, type Ident, type Stmt } from "./estree.js";

/** A reduction: the accumulator's start value and one step (`acc = step(acc, x)`), in double precision. */
export interface ReduceRule {
  init(dtype: DType): number;
  step(acc: Ident | MemberExpression, x: Expr, dtype: DType): Stmt;
}

/** Sums accumulate in a double (ints wrap every step, like the eager kernel); max/min propagate NaN. */
function extremeRule(op: "max" | "min"): ReduceRule {
  return { init: () => (op === "max" ? -Infinity : Infinity), step: (acc, x) => assign(acc, math(op, acc, x)) };
}

/** Every reduction's accumulator. A missing entry is a type error. */
export const reduceRules: { readonly [P in ReduceOp]: ReduceRule } = {
  reduce_sum: {
    init: () => 0,
    step: (acc, x, dtype) => (dtype === "float32" ? assign(acc, x, "+=") : assign(acc, bin("|", bin("+", acc, x), num(0)))),
  },
  reduce_max: extremeRule("max"),
  reduce_min: extremeRule("min"),
};
