import { stridesOf, type Var } from "@kiln/core";
import type { LowerCtx } from "./context.js";
import { add, assign, constDecl, forLoop, index, letDecl, letDecls, num, scale, type Ident, type Stmt } from "./estree.js";
import { dotResult, macStmt, Role, type DotKernel, type DotSpace } from "./kernel-dot.js";
import { Nest } from "./nest.js";
import { RegionEmitter } from "./region.js";
import { Space } from "./space.js";

const TILE = 4;

/**
 * The register-tiled dot: outer loops over batch (and extra free) axes, then blocks of 4 rows
 * x 4 columns of accumulators in locals, with K innermost walking both operands by pointer
 * increments of literal strides (the way fast hand-written JS matmuls are written). Edge rows
 * and columns use 1-wide tiles. Without an epilogue, tiles store straight into the result;
 * with one, a row block's sums go to a 4 x N Float64Array panel and the epilogue loop reads
 * them, so the dot result itself is never allocated.
 */
export function emitTiledDot(ctx: LowerCtx, k: DotKernel, sp: DotSpace, stored: readonly Var[]): Stmt[] {
  const g = sp.groups;
  const lastOf = (role: Role) => g.map((x) => x.role).lastIndexOf(role);
  const mi = lastOf(Role.M), ni = lastOf(Role.N), ki = lastOf(Role.K);
  const nest = new Nest((p) => ctx.fresh(p));
  const outerVars = new Map<number, Ident>();
  g.forEach((grp, gi) => {
    if (grp.role !== Role.K && gi !== mi && gi !== ni) outerVars.set(gi, nest.loop(num(0), num(grp.size)));
  });
  const spaceWith = (extra: ReadonlyMap<number, readonly (readonly [Ident, number])[]>) =>
    new Space(g, g.map((_, gi) => (outerVars.has(gi) ? [[outerVars.get(gi)!, 1] as const] : extra.get(gi) ?? [])));
  const base = spaceWith(new Map());
  const strideOf = (s: readonly number[], gi: number) => (gi < 0 ? 0 : s[g[gi]!.dims[g[gi]!.dims.length - 1]!]!);
  const size = (gi: number) => (gi < 0 ? 1 : g[gi]!.size);
  const [M, N, K] = [size(mi), size(ni), size(ki)];
  const sA = { m: strideOf(sp.a.strides, mi), k: strideOf(sp.a.strides, ki) };
  const sB = { n: strideOf(sp.b.strides, ni), k: strideOf(sp.b.strides, ki) };
  const A = ctx.bufferOf((sp.a.source as { v: Var }).v);
  const B = ctx.bufferOf((sp.b.source as { v: Var }).v);
  const aBase = nest.index(base.linear(sp.a.strides, sp.a.offset)).expr;
  const bBase = nest.index(base.linear(sp.b.strides, sp.b.offset)).expr;
  const dotVar = k.dot.out[0]!;
  const dtype = dotVar.aval.dtype;
  const isFloat = dtype === "float32";
  const direct = k.output.nodes.length === 0;
  const outStrides = sp.lift(stridesOf(k.output.shape));
  const sO = { m: strideOf(outStrides, mi), n: strideOf(outStrides, ni) };
  const oBase = direct && stored.length > 0 ? nest.index(base.linear(outStrides, 0)).expr : num(0);
  const panel = direct ? null : ctx.localScratch("float64", TILE * N);

  const tile = (rows: number, cols: number, i: Ident, j: Ident): Stmt[] => {
    const acc = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ctx.fresh("c")));
    const out: Stmt[] = [letDecls(acc.flat().map((c) => [c, num(0)] as const))];
    if (K > 0) {
      const pa = ctx.fresh("pa"), pb = ctx.fresh("pb");
      out.push(letDecl(pa, add(aBase, scale(i, sA.m))), letDecl(pb, add(bBase, scale(j, sB.n))));
      const as = acc.map(() => ctx.fresh("a"));
      const bs = acc[0]!.map(() => ctx.fresh("b"));
      const body: Stmt[] = [
        ...as.map((a, r) => constDecl(a, index(A, add(pa, num(r * sA.m))))),
        ...bs.map((b, c) => constDecl(b, index(B, add(pb, num(c * sB.n))))),
        ...acc.flatMap((row, r) => row.map((c, q) => macStmt(c, as[r]!, bs[q]!, isFloat))),
      ];
      if (sA.k !== 0) body.push(assign(pa, num(sA.k), "+="));
      if (sB.k !== 0) body.push(assign(pb, num(sB.k), "+="));
      out.push(forLoop(ctx.fresh("k"), num(0), num(K), body));
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

  /** The epilogue of one row block: reads the panel, runs the output region, stores. */
  const epilogue = (rows: number, i: Ident): Stmt[] => {
    const en = new Nest((p) => ctx.fresh(p));
    const r = rows > 1 ? en.loop(num(0), num(rows)) : null;
    const jj = en.loop(num(0), num(N));
    const rowTerms: (readonly [Ident, number])[] = r ? [[i, 1], [r, 1]] : [[i, 1]];
    const space = spaceWith(new Map([[mi, rowTerms], [ni, [[jj, 1] as const]]]));
    const em = new RegionEmitter(ctx, en, space, k.output, sp.lift);
    const pix = en.index({ offset: 0, terms: r ? [[r, N], [jj, 1]] : [[jj, 1]] });
    em.provide(dotVar, dotResult(dtype, index(panel!, pix.expr)), pix.level, false);
    for (const v of stored) em.value(v);
    for (const v of stored) em.store(v);
    return en.build();
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
    if (panel) body.push(...epilogue(rows, i));
    return forLoop(i, num(from), num(to), body, rows);
  };

  const m4 = M - (M % TILE);
  if (m4 > 0) nest.emit(nest.depth, rowBlock(TILE, 0, m4));
  if (m4 < M) nest.emit(nest.depth, rowBlock(1, m4, M));
  return nest.build();
}

