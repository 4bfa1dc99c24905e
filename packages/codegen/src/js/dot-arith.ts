import { assign, bin, fround, math, num, type Expr, type Ident, type Stmt } from "./estree.js";

/** Float products accumulate in a double (exact products, one rounding per sum step); ints wrap. */
export function macStmt(acc: Ident, a: Expr, b: Expr, isFloat: boolean): Stmt {
  return isFloat ? assign(acc, bin("*", a, b), "+=") : assign(acc, bin("|", bin("+", acc, math("imul", a, b)), num(0)));
}

/** The stored result element: a float sum is rounded once (Float32Array semantics), uint32 re-wrapped. */
export function dotResult(dtype: string, acc: Expr): Expr {
  return dtype === "float32" ? fround(acc) : dtype === "uint32" ? bin(">>>", acc, num(0)) : acc;
}
