/**
 * A small WebAssembly binary encoder: just what kiln's kernels need (i32/f32/f64 scalars,
 * SIMD128, loops, an imported shared memory). Instructions are built as emitters, closures
 * that append their operands' code and then their own opcode, so kernel generators read as
 * expression trees: `set(acc, f32x4.add(get(acc), f32x4.mul(get(a), get(b))))`.
 *
 * Chosen over binaryen.js 132 on measurement (docs/performance.md): binaryen is a 15 MB
 * module that takes ~1.3 s to load and ~90 ms for its first tiny module; this encoder adds
 * nothing to load and encodes a step's kernels in well under a millisecond.
 */

export type ValType = "i32" | "f32" | "f64" | "v128";
const valTypeCode: { readonly [T in ValType]: number } = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** A function local (or parameter) and its type. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/** Appends code to a function body. */
export type Emit = (f: FuncBuilder) => void;

function uleb(out: number[], n: number): void {
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sleb(out: number[], n: number): void {
  for (;;) {
    const b = n & 0x7f;
    n = Math.floor(n / 128);
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

const scratch = new DataView(new ArrayBuffer(8));

export class FuncBuilder {
  readonly code: number[] = [];
  private readonly extra: ValType[] = [];
  readonly params: readonly Local[];

  constructor(params: readonly ValType[], readonly results: readonly ValType[] = []) {
    this.params = params.map((type, index) => ({ index, type }));
  }

  local(type: ValType): Local {
    this.extra.push(type);
    return { index: this.params.length + this.extra.length - 1, type };
  }

  emit(...parts: readonly Emit[]): this {
    for (const p of parts) p(this);
    return this;
  }

  byte(...bs: number[]): this {
    this.code.push(...bs);
    return this;
  }
  u32(n: number): this {
    uleb(this.code, n);
    return this;
  }
  s32(n: number): this {
    sleb(this.code, n);
    return this;
  }

  /** Local declarations then the body, as the code section wants it. */
  body(): number[] {
    const out: number[] = [];
    const runs: [number, ValType][] = [];
    for (const t of this.extra) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(out, runs.length);
    for (const [n, t] of runs) {
      uleb(out, n);
      out.push(valTypeCode[t]);
    }
    out.push(...this.code, 0x0b);
    return out;
  }
}

// ------------------------------------------------------------------ instructions

const op = (...bytes: number[]) => (...args: Emit[]): Emit => (f) => {
  f.emit(...args);
  f.byte(...bytes);
};
const simd = (code: number) => (...args: Emit[]): Emit => (f) => {
  f.emit(...args);
  f.byte(0xfd).u32(code);
};
const memarg = (f: FuncBuilder, align: number, offset: number) => f.u32(align).u32(offset);

export const get = (l: Local): Emit => (f) => f.byte(0x20).u32(l.index);
export const set = (l: Local, v: Emit): Emit => (f) => f.emit(v).byte(0x21).u32(l.index);
export const drop = (v: Emit): Emit => (f) => f.emit(v).byte(0x1a);

export const i32 = {
  const: (n: number): Emit => (f) => f.byte(0x41).s32(n | 0),
  add: op(0x6a),
  sub: op(0x6b),
  mul: op(0x6c),
  eqz: op(0x45),
  ne: op(0x47),
  lt_s: op(0x48),
  ge_s: op(0x4e),
  and: op(0x71),
  or: op(0x72),
  xor: op(0x73),
  load: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0x28), 2, offset),
};

/** `a + k` for a literal k, folding 0. */
export const addConst = (a: Emit, k: number): Emit => (k === 0 ? a : i32.add(a, i32.const(k)));

export const f32 = {
  const: (x: number): Emit => (f) => {
    scratch.setFloat32(0, x, true);
    f.byte(0x43, scratch.getUint8(0), scratch.getUint8(1), scratch.getUint8(2), scratch.getUint8(3));
  },
  load: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0x2a), 2, offset),
  store: (addr: Emit, v: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr, v).byte(0x38), 2, offset),
  abs: op(0x8b),
  neg: op(0x8c),
  sqrt: op(0x91),
  add: op(0x92),
  sub: op(0x93),
  mul: op(0x94),
  div: op(0x95),
  min: op(0x96),
  max: op(0x97),
  demote: op(0xb6), // f32.demote_f64: round to nearest even, like Math.fround
  ceil: op(0x8d),
  floor: op(0x8e),
  nearest: op(0x90), // round half to even
  // comparisons give an i32 0 or 1 (false for NaN, except ne)
  eq: op(0x5b),
  ne: op(0x5c),
  lt: op(0x5d),
  gt: op(0x5e),
  le: op(0x5f),
  ge: op(0x60),
  convertI32U: op(0xb3), // f32.convert_i32_u
};

/** `select`: `a` when `cond` is not 0, else `b`. */
export const select = (a: Emit, b: Emit, cond: Emit): Emit => (f) => f.emit(a, b, cond).byte(0x1b);

export const f64 = {
  load: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0x2b), 3, offset),
  store: (addr: Emit, v: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr, v).byte(0x39), 3, offset),
  promote: op(0xbb), // f64.promote_f32 (exact)
};

export const v128 = {
  load: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0xfd).u32(0x00), 0, offset),
  store: (addr: Emit, v: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr, v).byte(0xfd).u32(0x0b), 0, offset),
  load32Splat: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0xfd).u32(0x09), 0, offset),
  load32Zero: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0xfd).u32(0x5c), 0, offset),
  load64Zero: (addr: Emit, offset = 0): Emit => (f) => memarg(f.emit(addr).byte(0xfd).u32(0x5d), 0, offset),
  store32Lane: (addr: Emit, v: Emit, lane: number, offset = 0): Emit => (f) => memarg(f.emit(addr, v).byte(0xfd).u32(0x5a), 0, offset).byte(lane),
  zero: (): Emit => (f) => f.byte(0xfd).u32(0x0c).byte(...new Array<number>(16).fill(0)),
  not: simd(0x4d),
  and: simd(0x4e),
  or: simd(0x50),
  xor: simd(0x51),
  /** Bits of `a` where `mask` is set, else of `b`. */
  bitselect: (a: Emit, b: Emit, mask: Emit): Emit => (f) => f.emit(a, b, mask).byte(0xfd).u32(0x52),
  /** i8x16.shuffle: lanes 0-15 pick from a, 16-31 from b. */
  shuffle: (a: Emit, b: Emit, lanes: readonly number[]): Emit => (f) => f.emit(a, b).byte(0xfd).u32(0x0d).byte(...lanes),
};

export const f32x4 = {
  splat: simd(0x13),
  extractLane: (v: Emit, lane: number): Emit => (f) => f.emit(v).byte(0xfd).u32(0x1f).byte(lane),
  replaceLane: (v: Emit, lane: number, x: Emit): Emit => (f) => f.emit(v, x).byte(0xfd).u32(0x20).byte(lane),
  abs: simd(0xe0),
  neg: simd(0xe1),
  sqrt: simd(0xe3),
  add: simd(0xe4),
  sub: simd(0xe5),
  mul: simd(0xe6),
  div: simd(0xe7),
  min: simd(0xe8), // IEEE minimum: NaN-propagating, -0 < +0 (what Math.min does)
  max: simd(0xe9),
  /** a * b + c, fused or not (relaxed SIMD; only where the engine validates it). */
  relaxedMadd: simd(0x105),
  demoteZero: simd(0x5e), // f32x4.demote_f64x2_zero
  ceil: simd(0x67),
  floor: simd(0x68),
  nearest: simd(0x6a),
  // comparisons give a lane mask: all ones where true (false for NaN, except ne)
  eq: simd(0x41),
  ne: simd(0x42),
  lt: simd(0x43),
  gt: simd(0x44),
  le: simd(0x45),
  ge: simd(0x46),
};

export const i32x4 = {
  splat: simd(0x11),
};

export const f64x2 = {
  splat: simd(0x14),
  add: simd(0xf0),
  mul: simd(0xf2),
  promoteLow: simd(0x5f), // f64x2.promote_low_f32x4
};

// ------------------------------------------------------------------ control

/** `block ... end` (no result); `br 0` inside leaves it. */
export const block = (...body: Emit[]): Emit => (f) => f.byte(0x02, 0x40).emit(...body).byte(0x0b);
/** `loop ... end`; `br 0` inside jumps back to its start. */
export const loop = (...body: Emit[]): Emit => (f) => f.byte(0x03, 0x40).emit(...body).byte(0x0b);
export const brIf = (depth: number, cond: Emit): Emit => (f) => f.emit(cond).byte(0x0d).u32(depth);
export const ifThen = (cond: Emit, ...body: Emit[]): Emit => (f) => f.emit(cond).byte(0x04, 0x40).emit(...body).byte(0x0b);
/** `if ... else ... end` (no result). */
export const ifElse = (cond: Emit, then: readonly Emit[], otherwise: readonly Emit[]): Emit => (f) =>
  f.emit(cond).byte(0x04, 0x40).emit(...then).byte(0x05).emit(...otherwise).byte(0x0b);
export const seq = (...body: Emit[]): Emit => (f) => f.emit(...body);

/**
 * `for (v = start; v < end; v += step) body`, with start and end i32 expressions evaluated
 * once (end into a local unless it is a constant).
 */
export function forRange(f: FuncBuilder, v: Local, start: Emit, end: Emit, step: number, ...body: Emit[]): Emit {
  const limit = f.local("i32");
  return seq(
    set(v, start),
    set(limit, end),
    block(brIf(0, i32.ge_s(get(v), get(limit))), loop(...body, set(v, i32.add(get(v), i32.const(step))), brIf(0, i32.lt_s(get(v), get(limit))))),
  );
}

// ------------------------------------------------------------------ module

export interface FuncDef {
  readonly name: string;
  readonly fn: FuncBuilder;
}

/**
 * A module importing one memory (`env.mem`, shared with a maximum when `shared`) and exporting
 * the given functions.
 */
export function encodeModule(funcs: readonly FuncDef[], memory: { readonly min: number; readonly max: number; readonly shared: boolean }): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, content: number[]) => {
    out.push(id);
    uleb(out, content.length);
    out.push(...content);
  };
  const name = (s: string, to: number[]) => {
    const bytes = [...new TextEncoder().encode(s)];
    uleb(to, bytes.length);
    to.push(...bytes);
  };
  const vec = (items: number[][]) => {
    const v: number[] = [];
    uleb(v, items.length);
    for (const it of items) v.push(...it);
    return v;
  };

  section(1, vec(funcs.map(({ fn }) => {
    const t = [0x60];
    uleb(t, fn.params.length);
    t.push(...fn.params.map((p) => valTypeCode[p.type]));
    uleb(t, fn.results.length);
    t.push(...fn.results.map((r) => valTypeCode[r]));
    return t;
  })));
  const imp: number[] = [];
  name("env", imp);
  name("mem", imp);
  imp.push(0x02, memory.shared ? 0x03 : 0x01);
  uleb(imp, memory.min);
  uleb(imp, memory.max);
  section(2, vec([imp]));
  section(3, vec(funcs.map((_, i) => { const v: number[] = []; uleb(v, i); return v; })));
  section(7, vec(funcs.map(({ name: n }, i) => { const e: number[] = []; name(n, e); e.push(0x00); uleb(e, i); return e; })));
  section(10, vec(funcs.map(({ fn }) => { const b = fn.body(); const v: number[] = []; uleb(v, b.length); v.push(...b); return v; })));
  return Uint8Array.from(out);
}
