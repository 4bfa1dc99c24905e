import type { Atom, Eqn, Var } from "@kiln/core";
import type { Region } from "../fusion/plan.js";
import { f32, f32x4, get, set, type Emit, type FuncBuilder, type Local } from "./encoder.js";

/**
 * Region nodes (an epilogue, an elementwise chain) as wasm, four elements at a time (`vec`,
 * f32x4) or one (`scalar`, f32). Only float32 ops whose wasm instruction rounds exactly like
 * the JS lowering's `Math.fround(a op b)` are supported, so these kernels give the JS path's
 * bits: add, sub, mul, div and sqrt are correctly rounded in both; neg and abs are exact;
 * f32x4.min/max (not pmin/pmax) propagate NaN and order -0 < +0, like Math.min/max;
 * integer_pow repeats the JS lowering's square-and-multiply order. Anything else (ints,
 * compares, transcendental functions) keeps its kernel on the JS path.
 */
export type Lanes = "vec" | "scalar";

const binary = { add: [f32x4.add, f32.add], sub: [f32x4.sub, f32.sub], mul: [f32x4.mul, f32.mul], div: [f32x4.div, f32.div], max: [f32x4.max, f32.max], min: [f32x4.min, f32.min] } as const;
const unary = { neg: [f32x4.neg, f32.neg], abs: [f32x4.abs, f32.abs], sqrt: [f32x4.sqrt, f32.sqrt] } as const;

const isF32 = (a: Atom) => a.aval.dtype === "float32";

/** Can this equation be computed by a wasm region with the JS path's bits? */
export function wasmSupports(e: Eqn): boolean {
  if (!e.inputs.every(isF32) || !e.out.every((v) => v.aval.dtype === "float32")) return false;
  return e.op in binary || e.op in unary || e.op === "integer_pow" || e.op === "stop_gradient";
}

/**
 * Emits a region's nodes into a function. `leaf(atom)` returns the code loading a value read
 * from a buffer or literal (already splatted for `vec`); each node's result is kept in a local.
 */
export class WasmRegion {
  private readonly memo = new Map<Var, Local>();
  private readonly defs = new Map<Var, Eqn>();
  readonly code: Emit[] = [];

  constructor(
    private readonly f: FuncBuilder,
    region: Region,
    private readonly lanes: Lanes,
    private readonly leaf: (a: Atom) => Emit,
  ) {
    for (const e of region.nodes) for (const v of e.out) this.defs.set(v, e);
  }

  private get type() {
    return this.lanes === "vec" ? ("v128" as const) : ("f32" as const);
  }

  /** Makes `v` the value computed by `code` (the dot result). */
  provide(v: Var, code: Emit): void {
    this.memo.set(v, this.bind(code));
  }

  value(a: Atom): Emit {
    if (a.kind === "var") {
      const known = this.memo.get(a);
      if (known) return get(known);
      const e = this.defs.get(a);
      if (e) {
        const l = this.bind(this.node(e));
        this.memo.set(a, l);
        return get(l);
      }
    }
    const l = this.bind(this.leaf(a));
    if (a.kind === "var") this.memo.set(a, l);
    return get(l);
  }

  private bind(code: Emit): Local {
    const l = this.f.local(this.type);
    this.code.push(set(l, code));
    return l;
  }

  private node(e: Eqn): Emit {
    const k = this.lanes === "vec" ? 0 : 1;
    const args = e.inputs.map((a) => this.value(a));
    if (e.op in binary) return binary[e.op as keyof typeof binary][k](args[0]!, args[1]!);
    if (e.op in unary) return unary[e.op as keyof typeof unary][k](args[0]!);
    if (e.op === "stop_gradient") return args[0]!;
    if (e.op === "integer_pow") return this.integerPow((e as Eqn<"integer_pow">).params.y, args[0]!);
    throw new Error(`codegen(wasm): ${e.op} has no wasm lowering`);
  }

  /** Square-and-multiply in exactly the JS lowering's order (lower/scalar-ops.ts integerPowScalar). */
  private integerPow(y: number, x: Emit): Emit {
    const [mul, div] = this.lanes === "vec" ? [f32x4.mul, f32x4.div] : [f32.mul, f32.div];
    const one = this.lanes === "vec" ? f32x4.splat(f32.const(1)) : f32.const(1);
    let n = Math.abs(y);
    let acc: Emit | null = null;
    let base = x;
    while (n > 0) {
      if (n & 1) acc = acc === null ? base : get(this.bind(mul(acc, base)));
      n = Math.floor(n / 2);
      if (n > 0) base = get(this.bind(mul(base, base)));
    }
    const r = acc ?? one;
    return y < 0 ? div(one, r) : r;
  }
}
