import type { Var } from "@kiln/core";
import type { JsContext } from "./context.js";
import {
  add, assign, bin, call, constDecl, dot, exprStmt, fn, forLoop, ifStmt, index, letDecl, letDecls, math, num, scale, type Expr, type Ident, type Stmt,
} from "./estree.js";
import { dotExtents, type DotKernel, type DotSpace } from "../plan/dot-space.js";
import { dotFrame, outerContraction, panelEpilogue } from "./dot-tiles.js";
import { macStmt } from "./dot-arith.js";

/** Rows per block (the panel's height), K per block, columns per block (bounds scratch for wide N). */
const MC = 128;
const KC = 256;
const NC = 512;
/** The register tile is R x R. */
const R = 4;

/** Smallest M, N, K and multiply-adds (per matmul) for which the blocked path is taken. */
const MIN = { M: 8, N: 8, K: 32, macs: 32 * 32 * 32 };

/**
 * Whether a float dot takes the blocked path. Packing pays for itself well before the operands
 * outgrow the cache (the tile then reads float64 panels contiguously instead of converting
 * float32 loads with large strides: 0.7-0.8x the tiled kernel's time from 32^3 up to the
 * M size, 0.2-0.65x at L); it does not for tiny dots or when N or K is so small that each packed
 * element is used only once or twice (N = 4: 1.1-1.4x; K = 4: 1.7x). Measured with
 * bench/kernels/js-dot.ts and by forcing either path on a sweep of shapes.
 */
export function blockingPays(sp: DotSpace, dtype: string): boolean {
  const { M, N, K, mi, ni } = dotExtents(sp);
  return dtype === "float32" && mi >= 0 && ni >= 0 && M >= MIN.M && N >= MIN.N && K >= MIN.K && M * N * K >= MIN.macs;
}

const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/**
 * Blocks of `step` along an axis of `size`: `body(start, extent)` once when one block covers
 * it (start null, i.e. 0), else in a loop; the extent is a literal when every block is full.
 */
function blocks(ctx: JsContext, axis: string, size: number, step: number, body: (start: Ident | null, extent: Expr) => Stmt[]): Stmt[] {
  if (size <= step) return body(null, num(size));
  const v = ctx.fresh(`${axis}b`);
  if (size % step === 0) return [forLoop(v, num(0), num(size), body(v, num(step)), step)];
  const e = ctx.fresh(`${axis}e`);
  return [forLoop(v, num(0), num(size), [constDecl(e, math("min", num(step), bin("-", num(size), v))), ...body(v, e)], step)];
}

/** What blocked kernels already put in a lowering's preamble (helpers, scratch), by key: kernels share them. */
const shared = new WeakMap<JsContext, Map<string, Ident>>();

function once(ctx: JsContext, key: string, make: () => Ident): Ident {
  const known = shared.get(ctx) ?? new Map<string, Ident>();
  shared.set(ctx, known);
  const hit = known.get(key) ?? make();
  known.set(key, hit);
  return hit;
}

/**
 * The blocked kernels' scratch: a Float64Array allocated once in the preamble, as a closure
 * constant of the helpers. (TurboFan specializes the helpers on the constant arrays; passed as
 * arguments, the same loops ran about 30% slower.) Blocked kernels run one after the other, so
 * they share it; `role` keeps a kernel's three arrays apart when their sizes coincide.
 */
function scratch(ctx: JsContext, role: string, size: number): Ident {
  return once(ctx, `scratch ${role} ${size}`, () => {
    const name = ctx.fresh("s");
    ctx.preamble.push(constDecl(name, ctx.alloc("float64", size)));
    return name;
  });
}

/**
 * A helper function in the preamble (created once per compiled function); its body starts by
 * aliasing the scratch it uses to locals. The blocked kernel's hot loops live in such small
 * functions rather than inline: the first call of the generated function runs in the
 * interpreter until V8 compiles it on the stack, and those compilations of the whole function
 * around the deep block loops took 30-90 ms each, which made a dot's first call three to four
 * times the tiled kernel's; a small function compiles in a few ms. Calls are per K block, so
 * they cost nothing measurable.
 */
function helper(ctx: JsContext, key: string, prefix: string, uses: readonly Ident[], params: readonly string[], body: (locals: Ident[], p: Ident[]) => Stmt[]): Ident {
  return once(ctx, key, () => {
    const name = ctx.fresh(prefix);
    const ps = params.map((q) => ctx.fresh(q));
    const locals = uses.map(() => ctx.fresh("t"));
    ctx.preamble.push(constDecl(name, fn(ps, [...locals.map((l, i) => constDecl(l, uses[i]!)), ...body(locals, ps)])));
    return name;
  });
}

/**
 * `(src, start, count, len)`: packs `count` vectors of `len` elements
 * (src[start + v·sv + k·sk]) into `dst` as slivers of R vectors interleaved:
 * dst[(v - v % R)·slab + R·k + v % R]. Vectors past the end (only in the last sliver of the
 * axis, `tail` = size % R real ones) are packed as zeros, so the tile never needs an edge case;
 * float32 -> float64 is exact.
 */
function packHelper(ctx: JsContext, dst: Ident, sv: number, sk: number, tail: number, slab: number): Ident {
  return helper(ctx, `pack ${dst.name} ${sv} ${sk} ${tail} ${slab}`, "pk", [dst], ["src", "at", "n", "len"], ([d], [src, start, count, len]) => {
    const sliver = (v: Expr, real: number): Stmt[] => {
      const ps = ctx.fresh("ps"), pd = ctx.fresh("pd");
      const body: Stmt[] = [];
      for (let r = 0; r < R; r++) body.push(assign(index(d!, add(pd, num(r))), r < real ? index(src!, add(ps, num(r * sv))) : num(0)));
      if (sk !== 0) body.push(assign(ps, num(sk), "+="));
      body.push(assign(pd, num(R), "+="));
      return [letDecl(ps, add(start!, scale(v, sv))), letDecl(pd, scale(v, slab)), forLoop(ctx.fresh("k"), num(0), len!, body)];
    };
    const v = ctx.fresh("v");
    if (tail === 0) return [forLoop(v, num(0), count!, sliver(v, R), R)];
    const full = ctx.fresh("vn");
    return [constDecl(full, bin("&", count!, num(-R))), forLoop(v, num(0), full, sliver(v, R), R), ifStmt(bin("<", full, count!), sliver(full, tail))];
  });
}

/**
 * `(mc, nc, kn)`: every 4 x 4 tile of the mc x nc panel `cp` (row stride `ncMax`) continues its
 * sums over kn steps of the packed slivers of `ap` and `bp` (sliver stride R·kcMax), sixteen
 * double accumulators in locals.
 */
function microHelper(ctx: JsContext, s: Scratch, kcMax: number, ncMax: number): Ident {
  const key = `micro ${s.ap.name} ${s.bp.name} ${s.cp.name} ${kcMax} ${ncMax}`;
  return helper(ctx, key, "mk", [s.ap, s.bp, s.cp], ["mc", "nc", "kn"], ([ap, bp, panel], [mc, nc, kn]) => {
    const ip = ctx.fresh("ip"), jp = ctx.fresh("jp"), po = ctx.fresh("po"), pa = ctx.fresh("pa"), pb = ctx.fresh("pb");
    const cell = (r: number, c: number) => index(panel!, add(po, num(r * ncMax + c)));
    const acc = Array.from({ length: R }, () => Array.from({ length: R }, () => ctx.fresh("c")));
    const as = acc.map(() => ctx.fresh("a"));
    const bs = acc.map(() => ctx.fresh("b"));
    const inner: Stmt[] = [
      ...as.map((a, r) => constDecl(a, index(ap!, add(pa, num(r))))),
      ...bs.map((x, c) => constDecl(x, index(bp!, add(pb, num(c))))),
      ...acc.flatMap((row, r) => row.map((c, q) => macStmt(c, as[r]!, bs[q]!, true))),
      assign(pa, num(R), "+="),
      assign(pb, num(R), "+="),
    ];
    const tile: Stmt[] = [
      constDecl(po, add(scale(ip, ncMax), jp)),
      letDecls(acc.flatMap((row, r) => row.map((c, q) => [c, cell(r, q)] as const))),
      letDecl(pa, scale(ip, kcMax)),
      letDecl(pb, scale(jp, kcMax)),
      forLoop(ctx.fresh("k"), num(0), kn!, inner),
      ...acc.flatMap((row, r) => row.map((c, q) => assign(cell(r, q), c))),
    ];
    return [forLoop(jp, num(0), nc!, [forLoop(ip, num(0), mc!, tile, R)], R)];
  });
}

/** The preamble's packed-operand and panel arrays of a blocked kernel. */
interface Scratch {
  readonly ap: Ident;
  readonly bp: Ident;
  readonly cp: Ident;
}

/**
 * The cache-blocked dot for large float dots (GotoBLAS-style, like the wasm kernel): for each
 * block of MC rows and NC columns, for each block of KC along K in order, A's and B's blocks are
 * packed into float64 slivers and 4 x 4 register tiles continue the block's partial sums in a
 * Float64Array panel of MC x NC; the epilogue then reads the panel. Every sum still runs over
 * K in order in a double from 0 (the panel is zeroed, and 0 + x is what the first step of the
 * eager kernel computes), so the bits are the tiled kernel's. The tiled kernel sweeps all of B
 * for every 4 rows; here a packed B block is reused by MC rows and its 4-column sliver stays in
 * L1 across them.
 */
export function emitBlockedDot(ctx: JsContext, k: DotKernel, sp: DotSpace, stored: readonly Var[]): Stmt[] {
  const f = dotFrame(ctx, sp, k.dot.out[0]!);
  const { nest, M, N, K, A, B, sA, sB } = f;
  const mcMax = Math.min(MC, roundUp(M, R)), kcMax = Math.min(KC, K), ncMax = Math.min(NC, roundUp(N, R));
  const s: Scratch = { ap: scratch(ctx, "a", mcMax * kcMax), bp: scratch(ctx, "b", kcMax * ncMax), cp: scratch(ctx, "c", mcMax * ncMax) };
  const packA = packHelper(ctx, s.ap, sA.m, sA.k, M % R, kcMax);
  const packB = packHelper(ctx, s.bp, sB.n, sB.k, N % R, kcMax);
  const micro = microHelper(ctx, s, kcMax, ncMax);
  // the epilogue reads the panel through a local of the generated function
  const panel = once(ctx, `local ${s.cp.name}`, () => {
    const name = ctx.fresh("t");
    ctx.prologue.push(constDecl(name, s.cp));
    return name;
  });
  const at = (base: Expr, v: Ident | null, stride: number) => (v ? add(base, scale(v, stride)) : base);
  const origin = (v: Ident | null): readonly (readonly [Ident, number])[] => (v ? [[v, 1]] : []);
  const code = blocks(ctx, "i", M, MC, (ic, mc) =>
    blocks(ctx, "j", N, NC, (jc, nc) => [
      exprStmt(call(dot(panel, "fill"), [num(0)])),
      ...outerContraction(ctx, f, (aOff, bOff) => blocks(ctx, "k", K, KC, (kc, kn) => [
        exprStmt(call(packA, [A, add(at(at(f.aBase, ic, sA.m), kc, sA.k), aOff), mc, kn])),
        exprStmt(call(packB, [B, add(at(at(f.bBase, jc, sB.n), kc, sB.k), bOff), nc, kn])),
        exprStmt(call(micro, [mc, nc, kn])),
      ])),
      ...panelEpilogue(ctx, k, f, sp, stored, panel, { origin: origin(ic), count: mc }, { origin: origin(jc), count: nc }, ncMax),
    ]),
  );
  for (const stmt of code) nest.emit(nest.depth, stmt);
  return nest.build();
}
