import { ShapedArray, castScalar, makeGraph, shapeRules, type Array, type DType, type OpName, type OpParams, type ShapeRule } from "@kiln/core";
import { applyInstr, type ArraySpec, type Instr, type MacroName, type Program, type Ref } from "./program.js";

/** Largest value a generated program may create, and the largest rank, so runs stay fast. */
export const MAX_SIZE = 2048;
export const MAX_RANK = 5;

/** Literal values that break careless code: signed zeros, NaN, infinities, subnormals, int extremes. */
export const edgeValues: { readonly [D in DType]: readonly number[] } = {
  float32: [0, 1, -1, 0.5, -0, NaN, Infinity, -Infinity, -2.5, 2.5, 3.5, 1e-40, -1e-45, 3.4e38, 1e-7, 100, 16777217, 0.75, -0.3],
  int32: [0, 1, -1, 2, -2, 7, 31, 32, 33, -100, 2147483647, -2147483648, 65536],
  uint32: [0, 1, 2, 7, 31, 32, 33, 65536, 2147483648, 4294967295],
  bool: [0, 1],
};

/**
 * Deterministic small choices from one generated number: a seed of 0 always answers 0, which
 * is the simplest choice everywhere (whole-axis slices, first axes, identity permutations),
 * so shrinking the seed toward 0 shrinks the program toward the plain case.
 */
export class Dice {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(n: number): number {
    if (n <= 1 || this.s === 0) return 0;
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    this.s >>>= 0;
    return this.s % n;
  }
}

export interface Aval {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Builds a well-typed program: every emitted instruction is checked by kiln's own shape rules. */
export class Builder {
  readonly vals: Aval[] = [];
  private readonly consts: ArraySpec[] = [];
  private readonly instrs: Instr[] = [];

  constructor(readonly inputs: readonly ArraySpec[]) {
    for (const s of inputs) this.vals.push({ dtype: s.dtype, shape: s.shape });
  }

  avalOf(r: Ref): Aval {
    if (typeof r === "number") return this.vals[r]!;
    if ("lit" in r) return { dtype: r.dtype, shape: [] };
    return this.consts[r.const]!;
  }

  /** Value `a` counted from the most recent one, among those satisfying `ok` (null if none). */
  pick(a: number, ok: (v: Aval) => boolean = () => true): number | null {
    for (let k = 0, seen = 0, n = this.vals.filter(ok).length; n > 0 && k < this.vals.length; k++) {
      const i = this.vals.length - 1 - k;
      if (!ok(this.vals[i]!)) continue;
      if (seen++ === a % n) return i;
    }
    return null;
  }

  literal(dtype: DType, choice: number): Ref {
    const e = edgeValues[dtype];
    return { lit: castScalar(e[choice % e.length]!, dtype), dtype };
  }

  constant(spec: ArraySpec): Ref {
    this.consts.push(spec);
    return { const: this.consts.length - 1 };
  }

  /** Emits a primitive if its shape rule accepts it and the result is small; returns the value number. */
  emit<P extends OpName>(op: P, args: readonly Ref[], params: OpParams[P]): number | null {
    let out: ShapedArray;
    try {
      out = (shapeRules[op] as ShapeRule<P>)(args.map((r) => this.shaped(r)), params)[0]!;
    } catch {
      return null;
    }
    return this.push({ op, args, params: params as Readonly<Record<string, unknown>>, dtype: out.dtype, shape: out.shape });
  }

  /** Emits a jnp macro if tracing it on the argument avals succeeds. */
  emitMacro(op: MacroName, args: readonly Ref[], params: Readonly<Record<string, unknown>>): number | null {
    const probe: Instr = { op, args, params, dtype: "float32", shape: [] };
    let out: ShapedArray;
    try {
      const g = makeGraph((...xs: Array[]) => applyInstr(probe, xs))(...args.map((r) => this.shaped(r)));
      out = g.outputs[0]!.aval;
    } catch {
      return null;
    }
    return this.push({ op, args, params, dtype: out.dtype, shape: out.shape });
  }

  /** A value converted to `dtype` (the value itself when it already has it). */
  as(r: Ref, dtype: DType): Ref | null {
    const a = this.avalOf(r);
    if (a.dtype === dtype) return r;
    if (typeof r === "object" && "lit" in r) return { lit: castScalar(r.lit, dtype), dtype };
    return this.emit("convert_element_type", [r], { newDtype: dtype });
  }

  program(outputs: readonly number[]): Program {
    return { inputs: this.inputs, consts: this.consts, instrs: this.instrs, outputs };
  }

  private shaped(r: Ref): ShapedArray {
    const a = this.avalOf(r);
    return new ShapedArray(a.shape, a.dtype);
  }

  private push(instr: Instr): number | null {
    if (sizeOf(instr.shape) > MAX_SIZE || instr.shape.length > MAX_RANK) return null;
    this.instrs.push(instr);
    this.vals.push({ dtype: instr.dtype, shape: instr.shape });
    return this.vals.length - 1;
  }
}

/** Whether two shapes broadcast together (NumPy rules). */
export function broadcastable(...shapes: (readonly number[])[]): boolean {
  const n = Math.max(...shapes.map((s) => s.length));
  for (let i = 1; i <= n; i++) {
    let d = 1;
    for (const s of shapes) {
      const x = s[s.length - i] ?? 1;
      if (x === 1) continue;
      if (d !== 1 && d !== x) return false;
      d = x;
    }
  }
  return true;
}

/** A permutation of n axes from a number (Lehmer code); 0 is the identity. */
/**
 * broadcast_in_dim's target shape for an operand of `shape`: up to `p % 3` new axes inserted
 * anywhere (sizes 1-3) and size-1 axes sometimes stretched; `dims` places the operand's axes.
 */
export function broadcastTarget(shape: readonly number[], p: number, q: number): { shape: number[]; dims: number[] } {
  const dice = new Dice(q);
  const out: number[] = [];
  const dims: number[] = [];
  let extra = p % 3;
  for (const d of shape) {
    while (extra > 0 && dice.next(2)) {
      out.push(1 + dice.next(3));
      extra--;
    }
    dims.push(out.length);
    out.push(d === 1 && dice.next(2) ? 2 + dice.next(2) : d);
  }
  for (; extra > 0; extra--) out.push(1 + dice.next(3));
  return { shape: out, dims };
}

export function permutation(n: number, code: number): number[] {
  const rest = globalThis.Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = n; k > 0; k--) {
    out.push(rest.splice(code % k, 1)[0]!);
    code = Math.floor(code / k);
  }
  return out;
}

/** The axes whose bit is set in `bits`. */
export function axesFromBits(ndim: number, bits: number): number[] {
  return globalThis.Array.from({ length: ndim }, (_, i) => i).filter((i) => (bits >> i) & 1);
}
