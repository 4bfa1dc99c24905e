import type { Atom, ReduceOp, Var } from "@kiln/core";
import type { Region } from "../fusion/kernels.js";
import {
  addConst, f32, f32x4, f64, f64x2, forRange, FuncBuilder, get, i32, ifThen, select, seq, set, v128, type Emit, type Local,
} from "./encoder.js";
import { wasmConstant, WasmRegion, type Lanes } from "./elementwise.js";
import type { OperandLeaf } from "./operands.js";

/**
 * A buffer read or written by a reduce kernel: element `offset + o·outer + r·row + c·col` of
 * pointer parameter `param` over the kernel's [outer, rows, cols] space, where `col` is 1
 * (contiguous: f32x4 loads) or 0 (one value for the whole row: a splat). Accesses of the
 * epilogue have no reduced stride (`row` 0 in the columns layout, `col` 0 in the rows layout).
 */
export interface ReduceAccess {
  readonly param: number;
  readonly offset: number;
  readonly outer: number;
  readonly row: number;
  readonly col: 0 | 1;
}

export type ReduceLeaf = OperandLeaf<ReduceAccess>;

/**
 * A float32 reduction with its prologue (`input`) and epilogue (`output`) regions, its input
 * coalesced to one of two layouts:
 * - `columns`: [outer, rows, cols] with the rows reduced, result [outer, cols] (a bias gradient);
 * - `rows`: [rows, cols] with the columns reduced, result [rows] (outer is 1; a full reduction
 *   is one row).
 */
export interface ReduceSpec {
  readonly op: ReduceOp;
  readonly layout: "columns" | "rows";
  readonly outer: number;
  readonly rows: number;
  readonly cols: number;
  /** Buffer pointer parameters after (ws, unit0, unit1). */
  readonly params: number;
  readonly input: Region;
  readonly output: Region;
  /** The reduction's operand (a prologue node, a leaf or a literal) and its result. */
  readonly x: Atom;
  readonly result: Var;
  readonly inStored: readonly Var[];
  readonly outStored: readonly Var[];
  readonly inLeaf: (a: Atom) => ReduceLeaf;
  readonly outLeaf: (a: Atom) => ReduceLeaf;
  readonly store: (v: Var) => ReduceAccess;
}

/**
 * f32x4 vectors per column block: 8 accumulator registers either way, 8 f64x2 for a sum (16
 * columns), 8 f32x4 for max/min (32 columns). Measured against 2 and 8 (bench/wasm-reduce.ts):
 * 16 f64x2 accumulators spill, and max/min ran ~1.3x faster with 8 vectors than with 4.
 */
export const blockVectors = (op: ReduceOp): number => (op === "reduce_sum" ? 4 : 8);
/** Rows the rows layout accumulates side by side (pairs of rows in f64x2 lanes for sums). */
export const ROW_GROUP = 4;

/**
 * What one call's `[unit0, unit1)` ranges over: (outer index, column block) pairs in row-major
 * order, a row of blocks being the full blocks of 4·blockVectors columns and one for the
 * remaining columns (columns layout), or result rows (rows layout). Any split into calls
 * gives the same bits, since each result element is computed within one unit.
 */
export function reduceUnits(spec: Pick<ReduceSpec, "op" | "layout" | "outer" | "rows" | "cols">): number {
  return spec.layout === "rows" ? spec.rows : spec.outer * Math.ceil(spec.cols / (4 * blockVectors(spec.op)));
}

/** Workspace bytes: the rows layout passes a group's results to its epilogue through it. */
export const reduceWorkspaceBytes = (spec: Pick<ReduceSpec, "layout">): number => (spec.layout === "rows" ? 4 * ROW_GROUP : 0);

/**
 * One wasm function `(ws, unit0, unit1, ...buffers)`. Every result element accumulates its
 * inputs in increasing reduced index, as the JS lowering (js/kernel-reduce.ts) does: sums in
 * f64 lanes from +0, rounded once (f32.demote_f64 and f32x4.demote_f64x2_zero round to nearest
 * even, like Math.fround); max/min with f32x4.max/min and f32.max/min, which propagate NaN and
 * order -0 < +0 like Math.max/min (and give the same value in any order). The prologue and
 * epilogue nodes are elementwise.ts's, so the bits equal the JS path's.
 */
export function reduceFunction(spec: ReduceSpec): FuncBuilder {
  return spec.layout === "columns" ? columnsFunction(spec) : rowsFunction(spec);
}

const isSum = (spec: ReduceSpec) => spec.op === "reduce_sum";
const initOf = (op: ReduceOp) => (op === "reduce_max" ? -Infinity : Infinity);
const maxMin = (op: ReduceOp) => (op === "reduce_max" ? [f32x4.max, f32.max] as const : [f32x4.min, f32.min] as const);

/** i8x16.shuffle lanes: the high f64 half of `a` moved to the low half (f64x2.promote_low reads the low half). */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const highHalf = (v: Emit) => v128.shuffle(v, v, HIGH_HALF);
/** Two f64x2 sums rounded to one f32x4. */
const demote4 = (lo: Emit, hi: Emit) => v128.shuffle(f32x4.demoteZero(lo), f32x4.demoteZero(hi), [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);

/** A local per distinct access, keyed by its fields. */
class Bases {
  private readonly map = new Map<string, { readonly a: ReduceAccess; readonly l: Local }>();
  constructor(private readonly f: FuncBuilder) {}
  of(a: ReduceAccess): Local {
    const key = `${a.param}:${a.offset}:${a.outer}:${a.row}:${a.col}`;
    let b = this.map.get(key);
    if (!b) this.map.set(key, (b = { a, l: this.f.local("i32") }));
    return b.l;
  }
  all(): { readonly a: ReduceAccess; readonly l: Local }[] {
    return [...this.map.values()];
  }
}

/** Loads a float32 leaf at byte `offset` past its access's address `addr` (splatted for a broadcast in `vec`). */
function load(lanes: Lanes, a: ReduceAccess, addr: Emit, offset: number): Emit {
  if (lanes === "scalar") return f32.load(addr, offset);
  return a.col === 0 ? v128.load32Splat(addr, offset) : v128.load(addr, offset);
}
const storeAt = (lanes: Lanes, addr: Emit, v: Emit, offset: number): Emit => (lanes === "scalar" ? f32.store(addr, v, offset) : v128.store(addr, v, offset));

/**
 * One instance of a region: `at` places each access (address and byte offset), `provided`
 * gives the reduction result (epilogue). Returns the code (nodes, then stores after every load,
 * so an in-place store is safe) and the value of `x` if asked for.
 */
function regionCode(
  f: FuncBuilder, region: Region, lanes: Lanes, leaf: (a: Atom) => ReduceLeaf, at: (a: ReduceAccess) => readonly [Emit, number],
  stored: readonly Var[], store: (v: Var) => ReduceAccess, x?: Atom, provided?: readonly [Var, Emit],
): { readonly code: Emit[]; readonly x: Emit | null } {
  const w = new WasmRegion(f, region, lanes, (atom) => {
    const l = leaf(atom);
    if (l.kind === "literal") return wasmConstant(l.value, atom.aval.dtype, lanes);
    const [addr, offset] = at(l.access);
    return load(lanes, l.access, addr, offset);
  });
  if (provided) w.provide(provided[0], provided[1]);
  const xv = x ? w.value(x) : null;
  const vals = stored.map((v) => w.value(v));
  const stores = stored.map((v, s) => {
    const [addr, offset] = at(store(v));
    return storeAt(lanes, addr, vals[s]!, offset);
  });
  return { code: [...w.code, ...stores], x: xv };
}

function signature(spec: ReduceSpec): FuncBuilder {
  return new FuncBuilder(["i32", "i32", "i32", ...new Array<"i32">(spec.params).fill("i32")]);
}

/**
 * Columns layout: blocks of 16 columns for a sum, 32 for max/min (the last block narrower),
 * each walked down all rows with its accumulators in registers (8 f64x2 for a sum: 4 columns
 * are two f64x2 halves; 8 f32x4 for max/min), then the epilogue on the finished block:
 *
 *     for each (outer index, block) unit in [unit0, unit1):
 *       for each row: the prologue as f32x4 (f32 for the 1-3 last columns), acc += x
 *       the epilogue on the block's results, as f32x4 (f32)
 */
function columnsFunction(spec: ReduceSpec): FuncBuilder {
  const f = signature(spec);
  const [, u0, u1] = f.params as [Local, Local, Local];
  const ptr = (p: number) => f.params[3 + p]!;
  const sum = isSum(spec);
  const [vecOp, scalarOp] = maxMin(spec.op);
  const V = blockVectors(spec.op);
  const W = 4 * V;
  const nFull = Math.floor(spec.cols / W);
  const rest = spec.cols - nFull * W;
  const o = f.local("i32"), u = f.local("i32"), cb = f.local("i32"), r = f.local("i32");
  const bases = new Bases(f); // ptr + 4·(offset + o·outer)
  const walks = new Bases(f); // a prologue access's address at the current row and block

  const block = (nv: number, ns: number): Emit[] => {
    const at = (walk: boolean) => (a: ReduceAccess, k: number, lanes: Lanes): readonly [Emit, number] => {
      const offset = a.col === 0 ? 0 : lanes === "vec" ? 16 * k : 16 * nv + 4 * k;
      if (walk) return [get(walks.of(a)), offset];
      return [a.col === 0 ? get(bases.of(a)) : i32.add(get(bases.of(a)), get(cb)), offset];
    };
    const lanes = (k: number): Lanes => (k < nv ? "vec" : "scalar");
    const slots = Array.from({ length: nv + ns }, (_, k) => k);
    const idx = (k: number) => (k < nv ? k : k - nv);
    // accumulators: sums two f64x2 per vector (one, lane 0, per scalar column); max/min f32x4 or f32
    const acc = slots.map((k) => (sum ? [f.local("v128"), ...(k < nv ? [f.local("v128")] : [])] : [f.local(k < nv ? "v128" : "f32")]));
    const init = slots.flatMap((k) => acc[k]!.map((l) => set(l, sum ? v128.zero() : k < nv ? f32x4.splat(f32.const(initOf(spec.op))) : f32.const(initOf(spec.op)))));
    const step = slots.flatMap((k) => {
      const p = regionCode(f, spec.input, lanes(k), spec.inLeaf, (a) => at(true)(a, idx(k), lanes(k)), spec.inStored, spec.store, spec.x);
      const x = p.x!;
      const [a0, a1] = acc[k]!;
      let update: Emit[];
      if (!sum) update = [set(a0!, (k < nv ? vecOp : scalarOp)(get(a0!), x))];
      else if (k < nv) update = [set(a0!, f64x2.add(get(a0!), f64x2.promoteLow(x))), set(a1!, f64x2.add(get(a1!), f64x2.promoteLow(highHalf(x))))];
      else update = [set(a0!, f64x2.add(get(a0!), f64x2.splat(f64.promote(x))))];
      // the update reads only registers: the prologue's stores may come before it
      return [...p.code, ...update];
    });
    const result = (k: number): Emit => {
      const [a0, a1] = acc[k]!;
      if (!sum) return get(a0!);
      return k < nv ? demote4(get(a0!), get(a1!)) : f32x4.extractLane(f32x4.demoteZero(get(a0!)), 0);
    };
    const epilogue = slots.flatMap((k) =>
      regionCode(f, spec.output, lanes(k), spec.outLeaf, (a) => at(false)(a, idx(k), lanes(k)), spec.outStored, spec.store, undefined, [spec.result, result(k)]).code);
    const walkSetup = walks.all().map(({ a, l }) => set(l, a.col === 0 ? get(bases.of(a)) : i32.add(get(bases.of(a)), get(cb))));
    const walkStep = walks.all().filter(({ a }) => a.row !== 0).map(({ a, l }) => set(l, addConst(get(l), a.row * 4)));
    return [...init, ...walkSetup, forRange(f, r, i32.const(0), i32.const(spec.rows), 1, ...step, ...walkStep), ...epilogue];
  };

  const full = nFull > 0 ? block(V, 0) : [];
  const tail = rest > 0 ? block(Math.floor(rest / 4), rest % 4) : [];
  // this outer index's units are [o·per, (o + 1)·per): blocks [lo, hi) of them are in the call
  const per = nFull + (rest > 0 ? 1 : 0);
  const lo = f.local("i32"), hi = f.local("i32");
  const max = (a: Emit, b: Emit) => select(a, b, i32.lt_s(b, a));
  const min = (a: Emit, b: Emit) => select(a, b, i32.lt_s(a, b));
  const blocks: Emit[] = [];
  // the full blocks, then the tail block (the last unit of the outer index)
  if (nFull > 0) blocks.push(forRange(f, u, get(lo), min(get(hi), i32.const(nFull)), 1, set(cb, i32.mul(get(u), i32.const(W * 4))), ...full));
  if (rest > 0) blocks.push(ifThen(i32.and(i32.lt_s(get(lo), i32.const(nFull + 1)), i32.lt_s(i32.const(nFull), get(hi))), set(cb, i32.const(nFull * W * 4)), ...tail));
  const baseSetup = bases.all().map(({ a, l }) =>
    set(l, a.outer === 0 ? addConst(get(ptr(a.param)), a.offset * 4) : i32.add(addConst(get(ptr(a.param)), a.offset * 4), i32.mul(get(o), i32.const(a.outer * 4)))));
  f.emit(forRange(f, o, i32.const(0), i32.const(spec.outer), 1,
    set(lo, max(i32.sub(get(u0), i32.mul(get(o), i32.const(per))), i32.const(0))),
    set(hi, min(i32.sub(get(u1), i32.mul(get(o), i32.const(per))), i32.const(per))),
    ifThen(i32.lt_s(get(lo), get(hi)), ...baseSetup, ...blocks)));
  return f;
}

/**
 * Rows layout: groups of ROW_GROUP rows accumulated side by side (single rows for the last
 * 0-3), so four independent chains per step. A row's sum stays one sequential chain, as in
 * the JS loop, with rows paired lane by lane in f64x2 (one row alone is no faster than JS);
 * max/min keep an f32x4 per row (four for a single row) folded at the end. Then the epilogue,
 * as f32, on the group's results passed through the workspace:
 *
 *     for each group of rows in [unit0, unit1):
 *       for each 4 columns: the prologue of each row as f32x4 (sums: transposed into row pairs), acc += x
 *       for the 0-3 last columns: the prologue as f32, acc += x
 *       ws[i] = result of row i; the epilogue of each row of the group
 */
function rowsFunction(spec: ReduceSpec): FuncBuilder {
  const f = signature(spec);
  const [ws, u0, u1] = f.params as [Local, Local, Local];
  const ptr = (p: number) => f.params[3 + p]!;
  const sum = isSum(spec);
  const [vecOp, scalarOp] = maxMin(spec.op);
  const c4 = spec.cols - (spec.cols % 4);
  const r = f.local("i32"), j = f.local("i32"), n = f.local("i32"), row = f.local("i32");
  const bases = new Bases(f); // ptr + 4·offset
  const walks = new Bases(f); // a prologue access's address at the current group's first row and column

  const group = (G: number): Emit[] => {
    // max/min (any order gives the same value) keep ROW_GROUP chains even for one row:
    // U accumulators per row, 4·U columns per step; sums need each row's chain in order
    const U = sum ? 1 : Math.max(1, Math.floor(ROW_GROUP / G));
    const cU = spec.cols - (spec.cols % (4 * U));
    // the prologue of row i of the group at column `c` past the walked columns (4 columns for vec)
    const prologue = (i: number, lanes: Lanes, c: number) =>
      regionCode(f, spec.input, lanes, spec.inLeaf, (a) => [get(walks.of(a)), i * a.row * 4 + 4 * c * a.col], spec.inStored, spec.store, spec.x);
    const rowsOf = Array.from({ length: G }, (_, i) => i);
    const pairs = sum ? Math.floor(G / 2) : 0;
    // sums: f64x2 per pair of rows (rows 2p, 2p+1 in lanes 0, 1), lane 0 of one for an odd row;
    // max/min: U f32x4 per row, folded into an f32 after the vector columns
    const acc = sum ? Array.from({ length: pairs + (G % 2) }, () => f.local("v128")) : rowsOf.map(() => Array.from({ length: U }, () => f.local("v128")));
    const s = sum ? [] : rowsOf.map(() => f.local("f32"));
    const t0 = f.local("v128"), t1 = f.local("v128");
    const init = acc.flat().map((l) => set(l, sum ? v128.zero() : f32x4.splat(f32.const(initOf(spec.op)))));
    const add = (a: Local, v: Emit) => set(a, f64x2.add(get(a), f64x2.promoteLow(v)));

    // four columns of every row of the group at column c into accumulator u (max/min)
    const vecStep = (c: number, u: number): Emit[] => {
      const code: Emit[] = [];
      const xs = rowsOf.map((i) => {
        const p = prologue(i, "vec", c);
        code.push(...p.code);
        return p.x!;
      });
      if (!sum) {
        rowsOf.forEach((i) => code.push(set((acc[i] as Local[])[u]!, vecOp(get((acc[i] as Local[])[u]!), xs[i]!))));
        return code;
      }
      for (let p = 0; p < pairs; p++) {
        const [a, b] = [xs[2 * p]!, xs[2 * p + 1]!];
        const l = acc[p] as Local;
        // [a0 b0 a1 b1], [a2 b2 a3 b3]: the columns in order, each an (a, b) pair in the low half
        code.push(set(t0, v128.shuffle(a, b, [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23])));
        code.push(set(t1, v128.shuffle(a, b, [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31])));
        code.push(add(l, get(t0)), add(l, highHalf(get(t0))), add(l, get(t1)), add(l, highHalf(get(t1))));
      }
      if (G % 2) {
        const x = xs[G - 1]!;
        for (let k = 0; k < 4; k++) code.push(add(acc[pairs] as Local, v128.shuffle(x, x, [...[0, 1, 2, 3].map((b) => 4 * k + b), ...new Array<number>(12).fill(0)])));
      }
      return code;
    };
    const mainStep = Array.from({ length: U }, (_, u) => vecStep(4 * u, u)).flat();
    const walkMain = walks.all().filter(({ a }) => a.col === 1).map(({ l }) => set(l, addConst(get(l), 16 * U)));
    // the whole vectors after the last full step (max/min), then the 0-3 last columns
    const restVecs = Array.from({ length: (c4 - cU) / 4 }, (_, v) => vecStep(4 * v, v)).flat();
    const fold = sum ? [] : rowsOf.map((i) => {
      const ls = acc[i] as Local[];
      let v: Emit = get(ls[0]!);
      for (let u = 1; u < U; u++) v = vecOp(v, get(ls[u]!));
      const t = f.local("v128");
      const lane = (k: number) => f32x4.extractLane(get(t), k);
      return seq(set(t, v), set(s[i]!, scalarOp(scalarOp(lane(0), lane(1)), scalarOp(lane(2), lane(3)))));
    });
    const tail: Emit[] = [];
    for (let t = 0; t < spec.cols - c4; t++) {
      const x = rowsOf.map((i) => {
        const p = prologue(i, "scalar", c4 - cU + t);
        tail.push(...p.code);
        return p.x!;
      });
      if (sum) {
        for (let p = 0; p < pairs; p++) tail.push(add(acc[p] as Local, f32x4.replaceLane(f32x4.splat(x[2 * p]!), 1, x[2 * p + 1]!)));
        if (G % 2) tail.push(add(acc[pairs] as Local, f32x4.splat(x[G - 1]!)));
      } else {
        rowsOf.forEach((i) => tail.push(set(s[i]!, scalarOp(get(s[i]!), x[i]!))));
      }
    }
    const results = sum
      ? (acc as Local[]).flatMap((a, p) => [0, 1].filter((l) => 2 * p + l < G).map((l) => v128.store32Lane(get(ws), f32x4.demoteZero(get(a)), l, 4 * (2 * p + l))))
      : rowsOf.map((i) => f32.store(get(ws), get(s[i]!), 4 * i));
    const walkSetup = walks.all().map(({ a, l }) => set(l, a.row === 0 ? get(bases.of(a)) : i32.add(get(bases.of(a)), i32.mul(get(r), i32.const(a.row * 4)))));
    return [
      ...init, ...walkSetup,
      ...(cU > 0 ? [forRange(f, j, i32.const(0), i32.const(cU), 4 * U, ...mainStep, ...walkMain)] : []),
      ...restVecs, ...fold, ...tail, ...results,
    ];
  };
  // the epilogue of rows [r, r + count), each reading its result from ws
  const epi = regionCode(f, spec.output, "scalar", spec.outLeaf, (a) => {
    const base = get(bases.of(a));
    return [a.row === 0 ? base : i32.add(base, i32.mul(get(row), i32.const(a.row * 4))), 0];
  }, spec.outStored, spec.store, undefined, [spec.result, f32.load(i32.add(get(ws), i32.mul(get(n), i32.const(4))))]).code;
  const epilogue = (count: number) => forRange(f, n, i32.const(0), i32.const(count), 1, set(row, i32.add(get(r), get(n))), ...epi);

  const G = Math.max(1, Math.min(ROW_GROUP, spec.rows));
  const groups = G > 1 ? group(G) : [];
  const single = group(1);
  const baseSetup = bases.all().map(({ a, l }) => set(l, addConst(get(ptr(a.param)), a.offset * 4)));
  f.emit(
    ...baseSetup,
    set(r, get(u0)),
    ...(G > 1 ? [forRange(f, r, get(r), i32.sub(get(u1), i32.const(G - 1)), G, ...groups, epilogue(G))] : []),
    forRange(f, r, get(r), get(u1), 1, ...single, epilogue(1)),
  );
  return f;
}
