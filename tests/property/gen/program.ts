import { Array, bind, dtypeInfo, jnp, nn, scalarArray, type DType, type OpName, type OpParams } from "@kiln/core";

/**
 * A random program as plain data, so a shrunk counterexample can be printed, pasted into a
 * regression test and replayed. Values are numbered: the inputs first, then one per
 * instruction. An argument is a value number, an inline scalar literal (which becomes an IR
 * literal when traced) or a captured constant array (which becomes a constVar).
 */
export interface ArraySpec {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Row-major values, exactly as many as the shape holds. */
  readonly values: readonly number[];
}

export type Ref = number | { readonly lit: number; readonly dtype: DType } | { readonly const: number };

/** jnp-level functions the generator uses besides single primitives (they expand to several ops). */
export const macroNames = ["matmul", "mean", "where", "floorDivide", "remainder", "logsumexp", "softmax", "clip", "index", "stack", "sumKeepdims"] as const;
export type MacroName = (typeof macroNames)[number];

export interface Instr {
  /** A primitive (applied with bind, i.e. lax) or a jnp macro. */
  readonly op: OpName | MacroName;
  readonly args: readonly Ref[];
  readonly params: Readonly<Record<string, unknown>>;
  /** The aval the generator expects (checked when the program runs). */
  readonly dtype: DType;
  readonly shape: readonly number[];
}

export interface Program {
  readonly inputs: readonly ArraySpec[];
  readonly consts: readonly ArraySpec[];
  readonly instrs: readonly Instr[];
  readonly outputs: readonly number[];
}

export function arrayOf(spec: ArraySpec): Array {
  return Array.fromData([...spec.shape], spec.dtype, dtypeInfo[spec.dtype].from(spec.values));
}

const isMacro = (op: string): op is MacroName => (macroNames as readonly string[]).includes(op);

type Macro = (args: Array[], params: Readonly<Record<string, unknown>>) => Array;

const num = (p: Readonly<Record<string, unknown>>, k: string) => p[k] as number;
const macros: { readonly [M in MacroName]: Macro } = {
  matmul: ([x, y]) => jnp.matmul(x!, y!),
  mean: ([x], p) => jnp.mean(x!, { axis: p["axis"] as number[], keepdims: p["keepdims"] as boolean }),
  where: ([c, x, y]) => jnp.where(c!, x!, y!),
  floorDivide: ([x, y]) => jnp.floorDivide(x!, y!),
  remainder: ([x, y]) => jnp.remainder(x!, y!),
  logsumexp: ([x], p) => jnp.logsumexp(x!, { axis: p["axis"] as number[], keepdims: p["keepdims"] as boolean }),
  softmax: ([x], p) => nn.softmax(x!, num(p, "axis")),
  clip: ([x], p) => jnp.clip(x!, num(p, "min"), num(p, "max")),
  index: ([x], p) => jnp.index(x!, ...(p["indices"] as (number | { start: number; stop: number; step: number })[])),
  stack: (xs, p) => jnp.stack(xs, num(p, "axis")),
  sumKeepdims: ([x], p) => jnp.sum(x!, { axis: p["axis"] as number[], keepdims: true }),
};

/** Applies one instruction to Arrays (concrete or tracers). */
export function applyInstr(instr: Instr, args: Array[]): Array {
  if (isMacro(instr.op)) return macros[instr.op](args, instr.params);
  const op = instr.op as OpName;
  return bind(op, args, instr.params as OpParams[typeof op])[0]!;
}

/**
 * The program as a function of its inputs: eager on concrete Arrays, recorded when traced.
 * Constants and literals are made inside, so a trace captures them as it would user constants.
 */
export function programFn(p: Program): (...xs: Array[]) => Array[] {
  return (...xs) => {
    const consts = p.consts.map(arrayOf);
    const vals: Array[] = [...xs];
    const read = (r: Ref): Array => {
      if (typeof r === "number") return vals[r]!;
      if ("lit" in r) return scalarArray(r.lit, r.dtype);
      return consts[r.const]!;
    };
    p.instrs.forEach((instr, k) => {
      const out = applyInstr(instr, instr.args.map(read));
      if (out.dtype !== instr.dtype || out.shape.join() !== instr.shape.join()) {
        throw new Error(`program harness: instruction ${k} (${instr.op}) gave ${out.aval}, expected ${instr.dtype}[${instr.shape.join(",")}]`);
      }
      vals.push(out);
    });
    return p.outputs.map((i) => vals[i]!);
  };
}

/** A readable, paste-able form of a program (JSON with NaN/Infinity/-0 spelled as JS). */
export function showProgram(p: Program): string {
  const text = JSON.stringify(p, (_k, v: unknown) => {
    if (typeof v !== "number") return v;
    if (Number.isNaN(v)) return "@NaN";
    if (v === Infinity) return "@Infinity";
    if (v === -Infinity) return "@-Infinity";
    if (Object.is(v, -0)) return "@-0";
    return v;
  });
  return text.replace(/"@(NaN|Infinity|-Infinity|-0)"/g, "$1");
}
