import type { Atom, Var } from "@kiln/core";
import type { Region } from "../fusion/kernels.js";
import { addConst, forRange, FuncBuilder, f32, get, i32, set, v128, type Emit, type Local } from "./encoder.js";
import { wasmConstant, WasmRegion, type Lanes } from "./elementwise.js";
import type { OperandLeaf } from "./operands.js";

/**
 * A buffer read or written by an elementwise kernel over a [rows, cols] space: element
 * `offset + row·r + col·c` of pointer parameter `param`, where `col` is 1 (contiguous, f32x4
 * loads) or 0 (broadcast along the row: a splat).
 */
export interface RowAccess {
  readonly param: number;
  readonly offset: number;
  readonly row: number;
  readonly col: 0 | 1;
}

export type RowLeaf = OperandLeaf<RowAccess>;

/** A standalone float32 elementwise region, coalesced to rows x cols. */
export interface ElementwiseSpec {
  readonly rows: number;
  readonly cols: number;
  /** Buffer pointer parameters after (ws, row0, row1). */
  readonly params: number;
  readonly region: Region;
  readonly stored: readonly Var[];
  readonly leaf: (a: Atom) => RowLeaf;
  readonly store: (v: Var) => RowAccess;
}

/**
 * One wasm function `(ws, row0, row1, ...buffers)` computing rows [row0, row1) of the region:
 *
 *     for each row: a base address per access
 *       for each 4 columns: the nodes as f32x4, stored with v128.store
 *       for the 0-3 remaining columns: the nodes as f32
 *
 * Every node rounds exactly as the JS lowering's `Math.fround(a op b)` (elementwise.ts), and
 * each element is independent, so the bits equal the JS path's.
 */
export function elementwiseFunction(spec: ElementwiseSpec): FuncBuilder {
  const f = new FuncBuilder(["i32", "i32", "i32", ...new Array<"i32">(spec.params).fill("i32")]);
  const [, row0, row1] = f.params as [Local, Local, Local];
  const ptr = (p: number) => f.params[3 + p]!;
  const r = f.local("i32"), n = f.local("i32"), nb = f.local("i32");

  const bases = new Map<string, { readonly a: RowAccess; readonly l: Local }>();
  const baseOf = (a: RowAccess): Local => {
    const key = `${a.param}:${a.offset}:${a.row}`;
    let b = bases.get(key);
    if (!b) bases.set(key, (b = { a, l: f.local("i32") }));
    return b.l;
  };
  const elem = (a: RowAccess): Emit => (a.col === 0 ? get(baseOf(a)) : i32.add(get(baseOf(a)), get(nb)));

  const body = (lanes: Lanes): Emit[] => {
    const leaf = (atom: Atom): Emit => {
      const l = spec.leaf(atom);
      if (l.kind === "literal") return wasmConstant(l.value, atom.aval.dtype, lanes);
      const a = l.access;
      if (lanes === "scalar") return f32.load(elem(a));
      return a.col === 0 ? v128.load32Splat(elem(a)) : v128.load(elem(a));
    };
    const w = new WasmRegion(f, spec.region, lanes, leaf);
    const vals = spec.stored.map((v) => w.value(v));
    // stores come after every load of the element(s), so an in-place store is safe
    const stores = spec.stored.map((v, s) => {
      const a = spec.store(v);
      return lanes === "scalar" ? f32.store(elem(a), vals[s]!) : v128.store(elem(a), vals[s]!);
    });
    return [...w.code, ...stores];
  };

  const c4 = spec.cols - (spec.cols % 4);
  const vecBody = c4 > 0 ? body("vec") : [];
  const scalarBody = c4 < spec.cols ? body("scalar") : [];
  // row bases: ptr + 4·(offset + row·r), set once per row (after the bodies registered them)
  const rowSetup = [...bases.values()].map(({ a, l }) =>
    set(l, a.row === 0 ? addConst(get(ptr(a.param)), a.offset * 4) : i32.add(addConst(get(ptr(a.param)), a.offset * 4), i32.mul(get(r), i32.const(a.row * 4)))));
  f.emit(forRange(f, r, get(row0), get(row1), 1,
    ...rowSetup,
    ...(c4 > 0 ? [forRange(f, n, i32.const(0), i32.const(c4), 4, set(nb, i32.mul(get(n), i32.const(4))), ...vecBody)] : []),
    ...(c4 < spec.cols ? [forRange(f, n, i32.const(c4), i32.const(spec.cols), 1, set(nb, i32.mul(get(n), i32.const(4))), ...scalarBody)] : [])));
  return f;
}
