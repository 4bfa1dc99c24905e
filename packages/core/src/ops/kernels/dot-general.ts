import type { ShapedArray } from "../../aval.js";
import { dtypeInfo, type TypedArray } from "../../dtype.js";
import { sizeOf, stridesOf } from "../../shape.js";
import type { OpParams } from "../op-names.js";
import type { Operand } from "./elementwise.js";
import { indexMap } from "./index-map.js";

/** Gathers `x` into a dense [batch, free, contract] (or [batch, contract, free]) layout. */
function arrange(x: Operand, batch: readonly number[], free: readonly number[], contract: readonly number[], contractLast: boolean): Float64Array | Int32Array {
  const strides = stridesOf(x.aval.shape);
  const order = contractLast ? [...batch, ...free, ...contract] : [...batch, ...contract, ...free];
  const map = indexMap(order.map((a) => x.aval.shape[a]!), order.map((a) => strides[a]!));
  const out = x.aval.dtype === "float32" ? new Float64Array(map.length) : new Int32Array(map.length);
  for (let i = 0; i < map.length; i++) out[i] = x.data[map[i]!]!;
  return out;
}

/** General dot product; float sums accumulate in a double and round once per output element. */
export function dotGeneral(lhs: Operand, rhs: Operand, p: OpParams["dot_general"], out: ShapedArray): TypedArray {
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  const lFree = lhs.aval.shape.map((_, i) => i).filter((i) => !lc.includes(i) && !lb.includes(i));
  const rFree = rhs.aval.shape.map((_, i) => i).filter((i) => !rc.includes(i) && !rb.includes(i));
  const B = sizeOf(lb.map((a) => lhs.aval.shape[a]!));
  const M = sizeOf(lFree.map((a) => lhs.aval.shape[a]!));
  const N = sizeOf(rFree.map((a) => rhs.aval.shape[a]!));
  const K = sizeOf(lc.map((a) => lhs.aval.shape[a]!));
  const a = arrange(lhs, lb, lFree, lc, true); // [B, M, K]
  const b = arrange(rhs, rb, rFree, rc, false); // [B, K, N]
  const result = dtypeInfo[out.dtype].create(B * M * N);
  const isFloat = out.dtype === "float32";
  const row = new Float64Array(N);
  for (let bi = 0; bi < B; bi++) {
    for (let i = 0; i < M; i++) {
      row.fill(0);
      const aBase = (bi * M + i) * K;
      for (let k = 0; k < K; k++) {
        const av = a[aBase + k]!;
        const bBase = (bi * K + k) * N;
        if (isFloat) for (let j = 0; j < N; j++) row[j]! += av * b[bBase + j]!;
        else for (let j = 0; j < N; j++) row[j] = (row[j]! + Math.imul(av, b[bBase + j]!)) | 0;
      }
      result.set(row, (bi * M + i) * N);
    }
  }
  return result;
}
