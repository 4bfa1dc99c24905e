import { stridesOf, type Var } from "@kiln/core";
import type { JsContext } from "./context.js";
import { add, assign, constDecl, forLoop, index, letDecl, letDecls, num, scale, type Expr, type Ident, type Stmt } from "./estree.js";
import { dotExtents, Role, type DotKernel, type DotSpace } from "../plan/dot-space.js";
import { dotResult, macStmt } from "./dot-arith.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { Space } from "./space.js";

const TILE = 4;

/** Loop-variable terms giving a position along one axis of the dot's space. */
type Terms = readonly (readonly [Ident, number])[];

/**
 * What the tiled and the blocked dot share: the loops over batch (and extra free) axes opened
 * in `nest`, the sizes of the innermost M, N and K groups, each operand's buffer, base index
 * (inside those loops) and literal strides along them, and the contraction groups outside the
 * innermost one (a convolution's window rows, say), which kernels walk in loops of their own.
 */
export interface DotFrame {
  readonly nest: Nest;
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly A: Ident;
  readonly B: Ident;
  readonly aBase: Expr;
  readonly bBase: Expr;
  readonly sA: { readonly m: number; readonly k: number };
  readonly sB: { readonly n: number; readonly k: number };
  readonly dotVar: Var;
  /** The contraction groups before the innermost one, outer to inner: size and A's and B's strides. */
  readonly kOuter: readonly { readonly size: number; readonly a: number; readonly b: number }[];
  /** The space with the outer loops' variables, and `rows` / `cols` on the M and N groups. */
  readonly space: (rows: Terms, cols: Terms) => Space;
}

export function dotFrame(ctx: JsContext, sp: DotSpace, dotVar: Var): DotFrame {
  const g = sp.groups;
  const { M, N, K, mi, ni, ki } = dotExtents(sp);
  const nest = new Nest((p) => ctx.fresh(p));
  const outerVars = new Map<number, Ident>();
  g.forEach((grp, gi) => {
    if (grp.role !== Role.K && gi !== mi && gi !== ni) outerVars.set(gi, nest.loop(num(0), num(grp.size)));
  });
  const space = (rows: Terms, cols: Terms) =>
    new Space(g, g.map((_, gi) => (outerVars.has(gi) ? [[outerVars.get(gi)!, 1] as const] : gi === mi ? rows : gi === ni ? cols : [])));
  const base = space([], []);
  const strideOf = (s: readonly number[], gi: number) => (gi < 0 ? 0 : s[g[gi]!.dims[g[gi]!.dims.length - 1]!]!);
  const kOuter = g.flatMap((grp, gi) => (grp.role === Role.K && gi !== ki ? [{ size: grp.size, a: strideOf(sp.a.strides, gi), b: strideOf(sp.b.strides, gi) }] : []));
  return {
    nest, M, N, K, dotVar, space, kOuter,
    A: ctx.bufferOf((sp.a.source as { v: Var }).v),
    B: ctx.bufferOf((sp.b.source as { v: Var }).v),
    aBase: nest.index(base.linear(sp.a.strides, sp.a.offset)).expr,
    bBase: nest.index(base.linear(sp.b.strides, sp.b.offset)).expr,
    sA: { m: strideOf(sp.a.strides, mi), k: strideOf(sp.a.strides, ki) },
    sB: { n: strideOf(sp.b.strides, ni), k: strideOf(sp.b.strides, ki) },
  };
}

/**
 * Loops over the outer contraction groups around `body`, which gets A's and B's offsets along
 * them (literal 0 without any: the body is then exactly the single-group code). Sums run over
 * the groups in order, outer to inner: row-major over the contracting axes, as eager mode.
 */
export function outerContraction(ctx: JsContext, f: DotFrame, body: (aOff: Expr, bOff: Expr) => Stmt[]): Stmt[] {
  const vars = f.kOuter.map(() => ctx.fresh("q"));
  const offset = (stride: (q: DotFrame["kOuter"][number]) => number) => vars.reduce<Expr>((acc, v, i) => add(acc, scale(v, stride(f.kOuter[i]!))), num(0));
  let code = body(offset((q) => q.a), offset((q) => q.b));
  for (let i = vars.length - 1; i >= 0; i--) code = [forLoop(vars[i]!, num(0), num(f.kOuter[i]!.size), code)];
  return code;
}

/** One axis of a panel: its first element (terms over the dot's space) and its extent. */
export interface PanelAxis {
  readonly origin: Terms;
  /** A literal 1 means no loop. */
  readonly count: Expr | 1;
}

/**
 * The epilogue over a panel of dot sums (element (r, c) at `panel[r * stride + c]`): each sum
 * is rounded, the output region's nodes run on it and the stored values are stored.
 */
export function panelEpilogue(
  ctx: JsContext, k: DotKernel, f: DotFrame, sp: DotSpace, stored: readonly Var[], panel: Ident, rows: PanelAxis, cols: PanelAxis, stride: number,
): Stmt[] {
  const en = new Nest((p) => ctx.fresh(p));
  const r = rows.count === 1 ? null : en.loop(num(0), rows.count);
  const c = cols.count === 1 ? null : en.loop(num(0), cols.count);
  const along = (axis: PanelAxis, v: Ident | null): Terms => (v ? [...axis.origin, [v, 1]] : axis.origin);
  const em = new RegionEmitter(ctx, en, f.space(along(rows, r), along(cols, c)), k.output, sp.lift);
  const pix = en.index({ offset: 0, terms: [...(r ? [[r, stride] as const] : []), ...(c ? [[c, 1] as const] : [])] });
  em.provide(f.dotVar, dotResult(f.dotVar.aval.dtype, index(panel, pix.expr)), pix.level, false);
  for (const v of stored) em.value(v);
  for (const v of stored) em.store(v);
  return en.build();
}

/**
 * The register-tiled dot: outer loops over batch (and extra free) axes, then blocks of 4 rows
 * x 4 columns of accumulators in locals, with K innermost walking both operands by pointer
 * increments of literal strides (the way fast hand-written JS matmuls are written). Edge rows
 * and columns use 1-wide tiles. Without an epilogue, tiles store straight into the result;
 * with one, a row block's sums go to a 4 x N Float64Array panel and the epilogue loop reads
 * them, so the dot result itself is never allocated.
 */
export function emitTiledDot(ctx: JsContext, k: DotKernel, sp: DotSpace, stored: readonly Var[]): Stmt[] {
  const dotVar = k.dot.out[0]!;
  const f = dotFrame(ctx, sp, dotVar);
  const { nest, M, N, K, A, B, aBase, bBase, sA, sB } = f;
  const dtype = dotVar.aval.dtype;
  const isFloat = dtype === "float32";
  const direct = k.output.nodes.length === 0;
  const outStrides = sp.lift(stridesOf(k.output.shape));
  const { mi, ni } = dotExtents(sp);
  const strideOf = (gi: number) => (gi < 0 ? 0 : outStrides[sp.groups[gi]!.dims[sp.groups[gi]!.dims.length - 1]!]!);
  const sO = { m: strideOf(mi), n: strideOf(ni) };
  const oBase = direct && stored.length > 0 ? nest.index(f.space([], []).linear(outStrides, 0)).expr : num(0);
  const panel = direct ? null : ctx.localScratch("float64", TILE * N);

  const tile = (rows: number, cols: number, i: Ident, j: Ident): Stmt[] => {
    const acc = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ctx.fresh("c")));
    const out: Stmt[] = [letDecls(acc.flat().map((c) => [c, num(0)] as const))];
    if (K > 0) {
      const pa = ctx.fresh("pa"), pb = ctx.fresh("pb");
      const as = acc.map(() => ctx.fresh("a"));
      const bs = acc[0]!.map(() => ctx.fresh("b"));
      const body: Stmt[] = [
        ...as.map((a, r) => constDecl(a, index(A, add(pa, num(r * sA.m))))),
        ...bs.map((b, c) => constDecl(b, index(B, add(pb, num(c * sB.n))))),
        ...acc.flatMap((row, r) => row.map((c, q) => macStmt(c, as[r]!, bs[q]!, isFloat))),
      ];
      if (sA.k !== 0) body.push(assign(pa, num(sA.k), "+="));
      if (sB.k !== 0) body.push(assign(pb, num(sB.k), "+="));
      const kLoop = forLoop(ctx.fresh("k"), num(0), num(K), body);
      out.push(...outerContraction(ctx, f, (aOff, bOff) => [letDecl(pa, add(add(aBase, scale(i, sA.m)), aOff)), letDecl(pb, add(add(bBase, scale(j, sB.n)), bOff)), kLoop]));
    }
    if (panel) {
      acc.forEach((row, r) => row.forEach((c, q) => out.push(assign(index(panel, add(j, num(r * N + q))), c))));
    } else if (stored.length > 0) {
      const po = ctx.fresh("po");
      out.push(constDecl(po, add(add(oBase, scale(i, sO.m)), scale(j, sO.n))));
      acc.forEach((row, r) => row.forEach((c, q) => out.push(assign(index(ctx.bufferOf(dotVar), add(po, num(r * sO.m + q * sO.n))), c))));
    }
    return out;
  };

  const rowBlock = (rows: number, from: number, to: number): Stmt => {
    const i = ctx.fresh("i");
    const body: Stmt[] = [];
    const n4 = N - (N % TILE);
    if (n4 > 0) {
      const j = ctx.fresh("j");
      body.push(forLoop(j, num(0), num(n4), tile(rows, TILE, i, j), TILE));
    }
    if (n4 < N) {
      const j = ctx.fresh("j");
      body.push(forLoop(j, num(n4), num(N), tile(rows, 1, i, j)));
    }
    if (panel) body.push(...panelEpilogue(ctx, k, f, sp, stored, panel, { origin: [[i, 1]], count: rows > 1 ? num(rows) : 1 }, { origin: [], count: num(N) }, N));
    return forLoop(i, num(from), num(to), body, rows);
  };

  const m4 = M - (M % TILE);
  if (m4 > 0) nest.emit(nest.depth, rowBlock(TILE, 0, m4));
  if (m4 < M) nest.emit(nest.depth, rowBlock(1, m4, M));
  return nest.build();
}
