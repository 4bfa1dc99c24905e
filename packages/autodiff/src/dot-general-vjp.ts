import { lax, type Array, type OpParams } from "@kiln/core";

/** Axes of an operand that are neither contracted nor batch ("free"), in order. */
function freeAxes(ndim: number, contracting: readonly number[], batch: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ndim; i++) if (!contracting.includes(i) && !batch.includes(i)) out.push(i);
  return out;
}

/** Transposes `x` so that its axis k, which holds operand axis src[k], lands at src[k]. */
function toOperandLayout(x: Array, src: readonly number[]): Array {
  const perm = src.map((_, d) => src.indexOf(d));
  return perm.every((p, i) => p === i) ? x : lax.transpose(x, perm);
}

function sortedBy(values: readonly number[], keys: readonly number[]): number[] {
  return values.map((v, i) => [v, keys[i]!] as const).sort((a, b) => a[1] - b[1]).map(([v]) => v);
}

/**
 * Cotangent of the lhs of a dot_general: ct contracted with rhs over rhs's free axes. The
 * result comes out as [batch, lhs free, lhs contracting (in rhs order)], transposed only if
 * that is not already lhs's layout (for x @ W it is: ct @ W^T needs no transpose).
 */
export function dotTransposeLhs(ct: Array, lhsNdim: number, rhs: Array, p: OpParams["dot_general"]): Array {
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  const xFree = freeAxes(lhsNdim, lc, lb);
  const yFree = freeAxes(rhs.ndim, rc, rb);
  const nb = lb.length;
  const ctBatch = lb.map((_, i) => i);
  const ctY = yFree.map((_, i) => nb + xFree.length + i);
  const out = lax.dotGeneral(ct, rhs, [ctY, yFree], [ctBatch, rb]);
  return toOperandLayout(out, [...lb, ...xFree, ...sortedBy(lc, rc)]);
}

/**
 * Cotangent of the rhs: lhs contracted with ct over lhs's free axes, with lhs first so that
 * for x @ W the result is x^T @ ct in W's layout directly (no transpose materialized).
 */
export function dotTransposeRhs(ct: Array, lhs: Array, rhsNdim: number, p: OpParams["dot_general"]): Array {
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  const xFree = freeAxes(lhs.ndim, lc, lb);
  const yFree = freeAxes(rhsNdim, rc, rb);
  const nb = lb.length;
  const ctBatch = lb.map((_, i) => i);
  const ctX = xFree.map((_, i) => nb + i);
  const out = lax.dotGeneral(lhs, ct, [xFree, ctX], [lb, ctBatch]);
  return toOperandLayout(out, [...rb, ...sortedBy(rc, lc), ...yFree]);
}
