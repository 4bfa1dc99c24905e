import type { Atom, Var } from "@kiln/core";
import type { Region } from "../fusion/kernels.js";
import {
  addConst, block, brIf, f32, f32x4, f64, f64x2, forRange, FuncBuilder, get, i32, ifElse, ifThen, loop, seq, set, v128, type Emit, type Local,
} from "./encoder.js";
import { wasmConstant, WasmRegion, type Lanes } from "./elementwise.js";
import type { OperandLeaf } from "./operands.js";

/**
 * A buffer read or written by a kernel: element
 * `offset + Σ outer[g]·o_g + Σ kOuter[q]·c_q + m·i + n·j + k·l` of the buffer passed as
 * pointer parameter `param` (strides in elements; kOuter: along the contraction groups outside
 * the innermost one, 0 for the epilogue's accesses).
 */
export interface DotAccess {
  readonly param: number;
  readonly offset: number;
  readonly outer: readonly number[];
  readonly kOuter: readonly number[];
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

export type DotLeaf = OperandLeaf<DotAccess>;

/** A float32 dot_general with its epilogue, in the shape kernel-dot.ts's DotSpace gives it. */
export interface DotSpec {
  /** Sizes of the loops around the matmul (batch axes, extra free axes). */
  readonly outer: readonly number[];
  readonly M: number;
  readonly N: number;
  /** The innermost contraction group's size; kOuter: the sizes of the groups outside it, outer to inner. */
  readonly K: number;
  readonly kOuter: readonly number[];
  readonly a: DotAccess;
  readonly b: DotAccess;
  /** Buffer pointer parameters after (ws, row0, row1). */
  readonly params: number;
  readonly region: Region;
  readonly dotVar: Var;
  readonly stored: readonly Var[];
  readonly leaf: (a: Atom) => DotLeaf;
  readonly store: (v: Var) => DotAccess;
  /** Accumulate in f64x2 and round once: the JS path's bits (slower; for tests). */
  readonly exact: boolean;
  readonly relaxed: boolean;
}

/** Blocking: rows per tile, 4-lane vectors per tile, rows per block (a thread's unit), K per block. */
export interface Blocking {
  readonly R: number;
  readonly V: number;
  readonly MC: number;
  readonly KC: number;
}

/**
 * 4 x 2 vectors: 8 f32x4 accumulators, 2 B vectors and a splat of A fit x64's 16 xmm registers
 * with room for V8's scratch register (4 x 3 spills and runs at about 60% of the speed).
 * Exact mode needs two f64x2 per vector, so one vector.
 */
export function blockingFor(spec: Pick<DotSpec, "N" | "K" | "exact">): Blocking {
  const V = Math.max(1, Math.min(spec.exact ? 1 : 2, Math.ceil(spec.N / 4)));
  return { R: 4, V, MC: 64, KC: Math.min(256, spec.K) };
}

/**
 * Whether the panel holds float64 sums: in exact mode (f64x2 accumulation throughout), and when
 * a sum spans several K blocks (of KC along the innermost contraction group, one per index of
 * the outer groups): each block then sums in float32 registers from zero and is added to the
 * float64 panel, so no float32 chain is longer than KC (a single float32 accumulator stops
 * growing once the sum reaches 2^24 times its terms; docs/numerics.md has the bound).
 */
export function widePanel(spec: Pick<DotSpec, "K" | "kOuter" | "exact">): boolean {
  return spec.exact || Math.ceil(spec.K / blockingFor({ N: 4, ...spec }).KC) * spec.kOuter.reduce((a, b) => a * b, 1) > 1;
}

/** Workspace bytes one thread needs: packed A block, packed B block, the accumulator panel. */
export function workspaceBytes(spec: Pick<DotSpec, "N" | "K" | "kOuter" | "exact">): number {
  const { V, MC, KC } = blockingFor(spec);
  const npad = Math.ceil(spec.N / (4 * V)) * 4 * V;
  return MC * KC * 4 + KC * npad * 4 + MC * npad * (widePanel(spec) ? 8 : 4);
}

/**
 * The GotoBLAS loop nest, as one wasm function `(ws, row0, row1, ...buffers)` that computes
 * rows [row0, row1) of every outer iteration (threads split the rows):
 *
 *     for each outer index, for each block of MC rows:
 *       for each block of KC along K (in order):
 *         pack B[kblock, :] into [N/4V][KC][4V] and A[rows, kblock] into [MC/R][KC][R] (zero padded)
 *         for each 4V-column sliver, for each R-row sliver: R x V f32x4 accumulators over the
 *           block's K (continuing the panel's partial sums after the first block)
 *       epilogue: each row of the panel, four columns at a time (a scalar tail), through the
 *         fused elementwise nodes into the stored buffers.
 *
 * Every product is summed in K order per output element, in float32 (f32x4 lanes; relaxed
 * multiply-add where validated, else a multiply then an add) within a K block and in float64
 * across blocks (widePanel), or, with `exact`, in f64x2 lanes throughout, rounded once like
 * the JS path.
 */
export function dotFunction(spec: DotSpec): FuncBuilder {
  const { N, K, exact } = spec;
  const { R, V, MC, KC } = blockingFor(spec);
  if (R !== 4) throw new Error("codegen(wasm): the packing code assumes 4-row tiles");
  const W = 4 * V;
  const npad = Math.ceil(N / W) * W;
  // float32 sums in blocks, added to a float64 panel, when a sum spans several K blocks
  const split = !exact && widePanel(spec);
  const eb = exact || split ? 8 : 4; // panel element bytes
  const f = new FuncBuilder(["i32", "i32", "i32", ...new Array<"i32">(spec.params).fill("i32")]);
  const [ws, row0, row1] = f.params as [Local, Local, Local];
  const ptr = (p: number) => f.params[3 + p]!;
  const L = () => f.local("i32");
  const apAddr = ws, bpOff = MC * KC * 4, pOff = bpOff + KC * npad * 4;

  // outer loops: a base address per distinct access, updated at the innermost outer level
  const outerVars = spec.outer.map(() => L());
  const accesses = new Map<DotAccess, Local>();
  const baseOf = (a: DotAccess): Local => {
    let l = accesses.get(a);
    if (!l) accesses.set(a, (l = L()));
    return l;
  };
  const computeBases = (): Emit[] => [...accesses].map(([a, l]) =>
    set(l, spec.outer.reduce<Emit>((acc, _, g) => (a.outer[g] ? i32.add(acc, i32.mul(get(outerVars[g]!), i32.const(a.outer[g]! * 4))) : acc), addConst(get(ptr(a.param)), a.offset * 4))));

  const aBase = baseOf(spec.a), bBase = baseOf(spec.b);
  const ic = L(), mEnd = L(), rows = L(), pc = L(), kLen = L();
  // outer contraction groups (none for a plain matmul, whose code this leaves as it was): their
  // loop variables, A's and B's addresses at the current outer index, and whether a K block
  // has already run (later blocks continue the panel's sums)
  const kq = spec.kOuter.map(() => L());
  const multiK = kq.length > 0;
  const aK = multiK ? L() : aBase, bK = multiK ? L() : bBase;
  const started = multiK ? L() : null;
  const i = L(), kk = L(), n = L(), src = L(), dst = L();

  const mulC = (x: Emit, c: number): Emit => (c === 0 ? i32.const(0) : c === 1 ? x : i32.mul(x, i32.const(c)));
  const stepPtr = (p: Local, bytes: number): Emit => set(p, addConst(get(p), bytes));

  // ---- packing
  // the f32 at `load` when `cond`, else 0 (the load is skipped)
  const tmp = f.local("f32");
  const selectZero = (cond: Emit, load: () => Emit): Emit => seq(set(tmp, f32.const(0)), ifThen(cond, set(tmp, load())), get(tmp));
  const sliver = L(), lane = L();

  const packB = (): Emit => {
    // Bp[(n / W) * KC * W + kk * W + n % W] = B[pc + kk, n], zero for n >= N
    const full = Math.floor(N / W); // slivers without padding
    const copyFull = spec.b.n === 1
      ? Array.from({ length: V }, (_, c) => v128.store(get(dst), v128.load(get(src), c * 16), c * 16))
      : Array.from({ length: W }, (_, c) => f32.store(get(dst), f32.load(get(src), c * spec.b.n * 4), c * 4));
    return forRange(f, kk, i32.const(0), get(kLen), 1,
      set(src, i32.add(get(bK), mulC(i32.add(get(pc), get(kk)), spec.b.k * 4))),
      set(dst, i32.add(i32.add(get(ws), i32.const(bpOff)), mulC(get(kk), W * 4))),
      ...(full > 0 ? [forRange(f, sliver, i32.const(0), i32.const(full), 1, ...copyFull, stepPtr(src, W * spec.b.n * 4), stepPtr(dst, KC * W * 4))] : []),
      ...(full * W < npad ? [forRange(f, lane, i32.const(0), i32.const(W), 1,
        f32.store(i32.add(get(dst), mulC(get(lane), 4)),
          selectZero(i32.lt_s(get(lane), i32.const(N - full * W)), () => f32.load(i32.add(get(src), mulC(get(lane), spec.b.n * 4))))))] : []));
  };

  const packA = (): Emit => {
    // Ap[(i / R) * KC * R + kk * R + i % R] = A[ic + i, pc + kk], zero for i >= rows
    const fullRows = L();
    const rowStart = (ii: Emit) => i32.add(get(aK), i32.add(mulC(i32.add(get(ic), ii), spec.a.m * 4), mulC(get(pc), spec.a.k * 4)));
    const copy = spec.a.m === 1
      ? [v128.store(get(dst), v128.load(get(src)))]
      : Array.from({ length: R }, (_, r) => f32.store(get(dst), f32.load(get(src), r * spec.a.m * 4), r * 4));
    const partial = Array.from({ length: R }, (_, r) =>
      f32.store(get(dst), selectZero(i32.lt_s(i32.add(get(sliver), i32.const(r)), get(rows)), () => f32.load(get(src), r * spec.a.m * 4)), r * 4));
    const slivers = (from: Emit, to: Emit, body: Emit[]) => forRange(f, sliver, from, to, R,
      set(src, rowStart(get(sliver))),
      set(dst, i32.add(get(apAddr), mulC(get(sliver), KC * 4))),
      forRange(f, kk, i32.const(0), get(kLen), 1, ...body, stepPtr(src, spec.a.k * 4), stepPtr(dst, R * 4)));
    return seq(
      set(fullRows, andNot3(get(rows))),
      slivers(i32.const(0), get(fullRows), copy),
      slivers(get(fullRows), andNot3(i32.add(get(rows), i32.const(R - 1))), partial));
  };

  // ---- micro kernel: R rows x V vectors over the block's K
  const jb = L(), ib = L(), pa = L(), pb = L(), pEnd = L(), panel = L();
  const micro = (): Emit => {
    const lanesPerVec = exact ? 2 : 1; // f64x2 halves per 4 columns
    const acc = Array.from({ length: R }, () => Array.from({ length: V * lanesPerVec }, () => f.local("v128")));
    const bv = Array.from({ length: V * lanesPerVec }, () => f.local("v128"));
    const av = f.local("v128");
    const panelAt = (r: number, c: number) => ({ addr: get(panel), offset: (r * npad + c * (exact ? 2 : 4)) * eb });
    // split: the block's float32 sums (four columns per vector) as two f64x2 halves of the panel
    const halves = (a: Local): [Emit, Emit] => [f64x2.promoteLow(get(a)), f64x2.promoteLow(v128.shuffle(get(a), get(a), [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]))];
    const firstBlock = started ? i32.eqz(get(started)) : i32.eqz(get(pc));
    const addBlock = acc.flatMap((row, r) => row.map((a, c) => {
      const p = panelAt(r, c);
      const [lo, hi] = halves(a);
      return seq(
        v128.store(p.addr, f64x2.add(v128.load(p.addr, p.offset), lo), p.offset),
        v128.store(get(panel), f64x2.add(v128.load(get(panel), p.offset + 16), hi), p.offset + 16));
    }));
    const storeBlock = acc.flatMap((row, r) => row.map((a, c) => {
      const p = panelAt(r, c);
      const [lo, hi] = halves(a);
      return seq(v128.store(p.addr, lo, p.offset), v128.store(get(panel), hi, p.offset + 16));
    }));
    const init = acc.flatMap((row) => row.map((a) => set(a, v128.zero())));
    const load = acc.flatMap((row, r) => row.map((a, c) => { const p = panelAt(r, c); return set(a, v128.load(p.addr, p.offset)); }));
    const store = acc.flatMap((row, r) => row.map((a, c) => { const p = panelAt(r, c); return v128.store(p.addr, get(a), p.offset); }));
    const step: Emit[] = [];
    if (exact) {
      bv.forEach((b, c) => step.push(set(b, f64x2.promoteLow(v128.load64Zero(get(pb), c * 8)))));
      for (let r = 0; r < R; r++) {
        step.push(set(av, f64x2.splat(f64.promote(f32.load(get(pa), r * 4)))));
        acc[r]!.forEach((a, c) => step.push(set(a, f64x2.add(get(a), f64x2.mul(get(av), get(bv[c]!))))));
      }
    } else {
      bv.forEach((b, c) => step.push(set(b, v128.load(get(pb), c * 16))));
      for (let r = 0; r < R; r++) {
        step.push(set(av, v128.load32Splat(get(pa), r * 4)));
        acc[r]!.forEach((a, c) =>
          step.push(set(a, spec.relaxed ? f32x4.relaxedMadd(get(av), get(bv[c]!), get(a)) : f32x4.add(get(a), f32x4.mul(get(av), get(bv[c]!))))));
      }
    }
    return forRange(f, jb, i32.const(0), i32.const(npad), W,
      forRange(f, ib, i32.const(0), andNot3(i32.add(get(rows), i32.const(R - 1))), R,
        set(pa, i32.add(get(apAddr), mulC(get(ib), KC * 4))),
        set(pb, i32.add(i32.add(get(ws), i32.const(bpOff)), mulC(get(jb), KC * 4))),
        set(pEnd, i32.add(get(pb), mulC(get(kLen), W * 4))),
        set(panel, i32.add(i32.add(get(ws), i32.const(pOff)), i32.add(mulC(get(ib), npad * eb), mulC(get(jb), eb)))),
        ...init,
        ...(split ? [] : [ifThen(started ? get(started) : i32.ne(get(pc), i32.const(0)), ...load)]),
        block(brIf(0, i32.ge_s(get(pb), get(pEnd))), loop(...step, stepPtr(pa, R * 4), stepPtr(pb, W * 4), brIf(0, i32.lt_s(get(pb), get(pEnd))))),
        ...(split ? [ifElse(firstBlock, storeBlock, addBlock)] : store)));
  };

  // ---- epilogue: panel rows through the fused nodes into the stored buffers
  const m = L(), nb = L(), prow = L();
  const epilogue = (): Emit => {
    const rowBases = new Map<DotAccess, Local>();
    const rowOf = (a: DotAccess): Local => {
      let l = rowBases.get(a);
      if (!l) rowBases.set(a, (l = L()));
      return l;
    };
    const region = (lanes: Lanes): Emit[] => {
      const elem = (a: DotAccess): Emit => (a.n === 0 ? get(rowOf(a)) : a.n === 1 ? i32.add(get(rowOf(a)), get(nb)) : i32.add(get(rowOf(a)), mulC(get(n), a.n * 4)));
      const leaf = (atom: Atom): Emit => {
        const l = spec.leaf(atom);
        if (l.kind === "literal") return wasmConstant(l.value, atom.aval.dtype, lanes);
        const a = l.access;
        baseOf(a);
        if (lanes === "scalar") return f32.load(elem(a));
        if (a.n === 0) return v128.load32Splat(elem(a));
        if (a.n === 1) return v128.load(elem(a));
        return gather(elem(a), a.n * 4);
      };
      const r = new WasmRegion(f, spec.region, lanes, leaf);
      const wide = exact || split;
      const dAddr = i32.add(get(prow), wide ? i32.add(get(nb), get(nb)) : get(nb));
      const d: Emit = lanes === "scalar"
        ? (wide ? f32.demote(f64.load(dAddr)) : f32.load(dAddr))
        : wide ? v128.shuffle(f32x4.demoteZero(v128.load(dAddr)), f32x4.demoteZero(v128.load(dAddr, 16)), [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]) : v128.load(dAddr);
      r.provide(spec.dotVar, d);
      const vals = spec.stored.map((v) => r.value(v));
      const stores = spec.stored.map((v, s) => {
        const a = spec.store(v);
        baseOf(a);
        const addr = elem(a);
        if (lanes === "scalar") return f32.store(addr, vals[s]!);
        if (a.n === 1) return v128.store(addr, vals[s]!);
        return seq(...[0, 1, 2, 3].map((lane) => v128.store32Lane(addr, vals[s]!, lane, lane * a.n * 4)));
      });
      return [...r.code, ...stores];
    };
    const n4 = N - (N % 4);
    const vecBody = region("vec");
    const scalarBody = region("scalar");
    const rowSetup = (): Emit[] => [...rowBases].map(([a, l]) => set(l, i32.add(get(accesses.get(a)!), mulC(get(m), a.m * 4))));
    return forRange(f, i, i32.const(0), get(rows), 1,
      set(m, i32.add(get(ic), get(i))),
      set(prow, i32.add(i32.add(get(ws), i32.const(pOff)), mulC(get(i), npad * eb))),
      ...rowSetup(),
      ...(n4 > 0 ? [forRange(f, n, i32.const(0), i32.const(n4), 4, set(nb, mulC(get(n), 4)), ...vecBody)] : []),
      ...(n4 < N ? [forRange(f, n, i32.const(n4), i32.const(N), 1, set(nb, mulC(get(n), 4)), ...scalarBody)] : []));
  };
  const gTmp = f.local("v128");
  function gather(addr: Emit, strideBytes: number): Emit {
    const base = f.local("i32");
    return seq(
      set(base, addr),
      set(gTmp, f32x4.splat(f32.load(get(base)))),
      set(gTmp, f32x4.replaceLane(get(gTmp), 1, f32.load(get(base), strideBytes))),
      set(gTmp, f32x4.replaceLane(get(gTmp), 2, f32.load(get(base), 2 * strideBytes))),
      f32x4.replaceLane(get(gTmp), 3, f32.load(get(base), 3 * strideBytes)),
    );
  }

  /** The K blocks inside loops over the outer contraction groups, A's and B's addresses moved along them. */
  function kBlocks(blocks: Emit): Emit {
    if (!multiK) return blocks;
    const along = (target: Local, base: Local, strides: readonly number[]) =>
      set(target, kq.reduce<Emit>((acc, q, i) => (strides[i] ? i32.add(acc, i32.mul(get(q), i32.const(strides[i]! * 4))) : acc), get(base)));
    let body: Emit = seq(along(aK, aBase, spec.a.kOuter), along(bK, bBase, spec.b.kOuter), blocks);
    for (let q = kq.length - 1; q >= 0; q--) body = forRange(f, kq[q]!, i32.const(0), i32.const(spec.kOuter[q]!), 1, body);
    return seq(set(started!, i32.const(0)), body);
  }

  // the epilogue and packing register their accesses before the bases are computed
  const epi = epilogue();
  const blockBody = seq(
    set(mEnd, i32.add(get(ic), i32.const(MC))),
    ifThen(i32.lt_s(get(row1), get(mEnd)), set(mEnd, get(row1))),
    set(rows, i32.sub(get(mEnd), get(ic))),
    kBlocks(forRange(f, pc, i32.const(0), i32.const(K), KC,
      set(kLen, i32.const(KC)),
      ifThen(i32.lt_s(i32.const(K), i32.add(get(pc), i32.const(KC))), set(kLen, i32.sub(i32.const(K), get(pc)))),
      packB(),
      packA(),
      micro(),
      ...(started ? [set(started, i32.const(1))] : []))),
    epi,
  );
  const rowsLoop = forRange(f, ic, get(row0), get(row1), MC, blockBody);
  let body: Emit = seq(...computeBases(), rowsLoop);
  for (let g = spec.outer.length - 1; g >= 0; g--) body = forRange(f, outerVars[g]!, i32.const(0), i32.const(spec.outer[g]!), 1, body);
  f.emit(body);
  return f;
}

const andNot3 = (x: Emit): Emit => (f) => f.emit(x, i32.const(-4)).byte(0x71);
