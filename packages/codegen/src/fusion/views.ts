import { sizeOf, stridesOf, type Atom, type DType, type Eqn, type Shape, type Var } from "@kiln/core";

/**
 * Affine views. A view reads a value of `shape` at multi-index i from its source at flat
 * position offset + sum(i[d] * strides[d]). transpose, broadcast_in_dim, slice, iota, and
 * most reshapes are views: fused loops read through them with literal strides and they are
 * never materialized. Broadcast axes have stride 0.
 */
export type Source =
  | { readonly kind: "var"; readonly v: Var } // a materialized buffer
  | { readonly kind: "literal"; readonly value: number; readonly dtype: DType }
  | { readonly kind: "iota"; readonly dtype: DType }; // the value is the position itself

export interface View {
  readonly source: Source;
  readonly shape: Shape;
  readonly offset: number;
  readonly strides: readonly number[];
}

export const viewOfVar = (v: Var): View => ({ source: { kind: "var", v }, shape: v.aval.shape, offset: 0, strides: stridesOf(v.aval.shape) });

export function viewOfAtom(a: Atom, views: ReadonlyMap<Var, View>): View {
  if (a.kind === "literal") return { source: { kind: "literal", value: a.value, dtype: a.aval.dtype }, shape: [], offset: 0, strides: [] };
  return views.get(a) ?? viewOfVar(a);
}

/** The view an op produces from its operand's view, or null when the op is not a view of it. */
export function applyViewOp(e: Eqn, operand: View | null): View | null {
  const shape = e.out[0]!.aval.shape;
  switch (e.op) {
    case "iota": {
      const { dimension, dtype } = (e as Eqn<"iota">).params;
      return { source: { kind: "iota", dtype }, shape, offset: 0, strides: shape.map((_, d) => (d === dimension ? 1 : 0)) };
    }
    case "transpose": {
      const perm = (e as Eqn<"transpose">).params.permutation;
      return operand && { ...operand, shape, strides: perm.map((p) => operand.strides[p]!) };
    }
    case "broadcast_in_dim": {
      if (!operand) return null;
      const strides = shape.map(() => 0);
      (e as Eqn<"broadcast_in_dim">).params.broadcastDimensions.forEach((d, k) => {
        strides[d] = operand.shape[k] === 1 ? 0 : operand.strides[k]!;
      });
      return { ...operand, shape, strides };
    }
    case "slice": {
      if (!operand) return null;
      const p = (e as Eqn<"slice">).params;
      const offset = operand.offset + p.startIndices.reduce((acc, s, k) => acc + s * operand.strides[k]!, 0);
      return { ...operand, shape, offset, strides: operand.strides.map((s, k) => s * p.strides[k]!) };
    }
    case "reshape":
    case "squeeze": {
      const strides = operand && reshapeStrides(operand.shape, operand.strides, shape);
      return strides ? { ...operand!, shape, strides } : null;
    }
    default:
      return null;
  }
}

/**
 * Strides that read `shape` in row-major order from an array of `oldShape` laid out with
 * `oldStrides`, without copying, or null if no such strides exist (NumPy's
 * _attempt_nocopy_reshape). Size-1 axes get stride 0.
 */
export function reshapeStrides(oldShape: Shape, oldStrides: readonly number[], shape: Shape): number[] | null {
  if (sizeOf(shape) <= 1) return shape.map(() => 0);
  const od: number[] = [];
  const os: number[] = [];
  oldShape.forEach((d, k) => {
    if (d !== 1) {
      od.push(d);
      os.push(oldStrides[k]!);
    }
  });
  const out = shape.map(() => 0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < shape.length && oi < od.length) {
    let np = shape[ni]!;
    let op = od[oi]!;
    while (np !== op) {
      if (np < op) np *= shape[nj++]!;
      else op *= od[oj++]!;
    }
    for (let k = oi; k < oj - 1; k++) if (os[k] !== od[k + 1]! * os[k + 1]!) return null;
    out[nj - 1] = os[oj - 1]!;
    for (let k = nj - 1; k > ni; k--) out[k - 1] = out[k]! * shape[k]!;
    ni = nj++;
    oi = oj++;
  }
  return shape.map((d, k) => (d === 1 ? 0 : out[k]!));
}

/** NumPy broadcasting of a view to a larger shape: leading and size-1 axes get stride 0. */
export function broadcastView(v: View, shape: Shape): View {
  const lead = shape.length - v.shape.length;
  const strides = shape.map((_, d) => (d < lead || v.shape[d - lead] === 1 ? 0 : v.strides[d - lead]!));
  return { ...v, shape, strides };
}

/** True when the view reads its var source in plain row-major order (so it is the same buffer). */
export function isContiguous(v: View): boolean {
  if (v.source.kind !== "var" || v.offset !== 0 || sizeOf(v.shape) !== v.source.v.aval.size) return false;
  const rowMajor = stridesOf(v.shape);
  return v.shape.every((d, k) => d <= 1 || v.strides[k] === rowMajor[k]);
}

