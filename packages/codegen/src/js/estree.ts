import type * as ES from "estree";

/**
 * Typed ESTree builders. Generated code is only ever built from these nodes (never from
 * strings), and every identifier comes from a counter in the lowering context, so no
 * user-provided text can reach the generated source.
 */
export type Expr = ES.Expression;
export type Stmt = ES.Statement;
export type Ident = ES.Identifier;

export const id = (name: string): Ident => ({ type: "Identifier", name });

/** A number literal that survives printing: NaN, ±Infinity and -0 become identifiers / unary minus. */
export function num(x: number): Expr {
  if (Number.isNaN(x)) return id("NaN");
  if (x < 0 || Object.is(x, -0)) return neg(num(-x));
  if (x === Infinity) return id("Infinity");
  return { type: "Literal", value: x };
}

export const neg = (x: Expr): Expr => ({ type: "UnaryExpression", operator: "-", prefix: true, argument: x });
export const unary = (operator: ES.UnaryOperator, x: Expr): Expr => ({ type: "UnaryExpression", operator, prefix: true, argument: x });
export const bin = (operator: ES.BinaryOperator, left: Expr, right: Expr): Expr => ({ type: "BinaryExpression", operator, left, right });
export const logical = (operator: ES.LogicalOperator, left: Expr, right: Expr): Expr => ({ type: "LogicalExpression", operator, left, right });
export const cond = (test: Expr, consequent: Expr, alternate: Expr): Expr => ({ type: "ConditionalExpression", test, consequent, alternate });
export const call = (callee: Expr, args: readonly Expr[]): Expr => ({ type: "CallExpression", callee, arguments: [...args], optional: false });
export const newExpr = (callee: Expr, args: readonly Expr[]): Expr => ({ type: "NewExpression", callee, arguments: [...args] });
export const arrayExpr = (elements: readonly Expr[]): Expr => ({ type: "ArrayExpression", elements: [...elements] });

/** `obj.prop` */
export const dot = (obj: Expr, prop: string): ES.MemberExpression => ({ type: "MemberExpression", object: obj, property: id(prop), computed: false, optional: false });
/** `obj[index]` */
export const index = (obj: Expr, ix: Expr): ES.MemberExpression => ({ type: "MemberExpression", object: obj, property: ix, computed: true, optional: false });

/** `Math.name(args)` */
export const math = (name: string, ...args: Expr[]): Expr => call(dot(id("Math"), name), args);
/** `Math.fround(x)`: the float32 rounding every float op result goes through. */
export const fround = (x: Expr): Expr => math("fround", x);

/** a + b, folding literal zeros so index arithmetic stays readable. */
export function add(a: Expr, b: Expr): Expr {
  if (isZero(b)) return a;
  if (isZero(a)) return b;
  return bin("+", a, b);
}

/** a * k for a literal k, folding 0 and 1. */
export function scale(a: Expr, k: number): Expr {
  if (k === 0) return num(0);
  if (k === 1) return a;
  return bin("*", a, num(k));
}

function isZero(e: Expr): boolean {
  return e.type === "Literal" && e.value === 0;
}

export const exprStmt = (e: Expr): Stmt => ({ type: "ExpressionStatement", expression: e });
export const assign = (target: ES.Pattern, value: Expr, operator: ES.AssignmentOperator = "="): Stmt =>
  exprStmt({ type: "AssignmentExpression", operator, left: target, right: value });

function declare(kind: "const" | "let", decls: readonly (readonly [Ident, Expr | null])[]): ES.VariableDeclaration {
  return {
    type: "VariableDeclaration",
    kind,
    declarations: decls.map(([name, init]) => ({ type: "VariableDeclarator", id: name, init })),
  };
}
export const constDecl = (name: Ident, init: Expr): Stmt => declare("const", [[name, init]]);
export const letDecl = (name: Ident, init: Expr): Stmt => declare("let", [[name, init]]);
export const letDecls = (decls: readonly (readonly [Ident, Expr])[]): Stmt => declare("let", decls);

export const block = (body: readonly Stmt[]): ES.BlockStatement => ({ type: "BlockStatement", body: [...body] });
export const ret = (e: Expr): Stmt => ({ type: "ReturnStatement", argument: e });
export const ifStmt = (test: Expr, then: readonly Stmt[]): Stmt => ({ type: "IfStatement", test, consequent: block(then), alternate: null });
export const throwStmt = (e: Expr): Stmt => ({ type: "ThrowStatement", argument: e });

/** `for (let v = start; v < end [&& extra]; v += step) { body }` (`v++` when step is 1). */
export function forLoop(v: Ident, start: Expr, end: Expr, body: readonly Stmt[], step = 1, extra?: Expr): Stmt {
  const update: Expr =
    step === 1
      ? { type: "UpdateExpression", operator: "++", prefix: false, argument: v }
      : { type: "AssignmentExpression", operator: "+=", left: v, right: num(step) };
  const test = extra ? logical("&&", bin("<", v, end), extra) : bin("<", v, end);
  return { type: "ForStatement", init: declare("let", [[v, start]]), test, update, body: block(body) };
}

export const fn = (params: readonly Ident[], body: readonly Stmt[]): Expr => ({
  type: "FunctionExpression",
  id: null,
  params: [...params],
  body: block(body),
  generator: false,
  async: false,
});

export const program = (body: readonly Stmt[]): ES.Program => ({ type: "Program", sourceType: "script", body: [...body] });
