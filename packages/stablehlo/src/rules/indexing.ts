import { ShapedArray } from "@kiln/core";
import type { LoweringRule } from "../lowering.js";
import { intList, typeOf } from "../mlir-types.js";

/** `#stablehlo.gather<...>` / `#stablehlo.scatter<...>` fields; MLIR leaves out empty lists and a zero index_vector_dim. */
function dimensionNumbers(kind: string, fields: [string, readonly number[] | number][]): string {
  const shown = fields.filter(([, v]) => (typeof v === "number" ? v !== 0 : v.length > 0));
  return `#stablehlo.${kind}<${shown.map(([k, v]) => `${k} = ${typeof v === "number" ? v : intList(v)}`).join(", ")}>`;
}

/** `array<i64: 2, 1>` (a dense i64 array attribute; `array<i64>` when empty). */
function i64Array(xs: readonly number[]): string {
  return xs.length === 0 ? "array<i64>" : `array<i64: ${xs.join(", ")}>`;
}

/** The axes of a take's output (or a scatter_add's updates) that are not index axes. */
function windowAxes(rank: number, axis: number, indexRank: number): number[] {
  return Array.from({ length: rank - indexRank }, (_, i) => (i < axis ? i : i + indexRank));
}

/**
 * take and scatter_add along one axis, as gather and scatter with the indices' own shape as the
 * batch (index_vector_dim = their rank: each index is a one-element vector). An out-of-range
 * index is an error in kiln; StableHLO has no errors, and XLA clamps a gather's start index and
 * skips a scatter's out-of-range update.
 */
export const indexingRules = {
  take: (b, [x, indices], { axis }, [out]) => {
    const [v, idx] = [x!.value(), indices!.value()];
    const numbers = dimensionNumbers("gather", [
      ["offset_dims", windowAxes(out!.ndim, axis, idx.aval.ndim)],
      ["collapsed_slice_dims", [axis]],
      ["start_index_map", [axis]],
      ["index_vector_dim", idx.aval.ndim],
    ]);
    const sliceSizes = v.aval.shape.map((s, i) => (i === axis ? 1 : s));
    return [b.emit1(out!, (p) =>
      `"stablehlo.gather"(${p.list([v, idx])}) <{dimension_numbers = ${numbers}, indices_are_sorted = false, slice_sizes = ${i64Array(sliceSizes)}}> : (${p.types([v, idx])}) -> ${typeOf(out!)}`)];
  },
  scatter_add: (b, [updates, indices], { axis, shape }, [out]) => {
    const [u, idx] = [updates!.value(), indices!.value()];
    const zeros = b.splat(0, shape, out!.dtype);
    const numbers = dimensionNumbers("scatter", [
      ["update_window_dims", windowAxes(u.aval.ndim, axis, idx.aval.ndim)],
      ["inserted_window_dims", [axis]],
      ["scatter_dims_to_operand_dims", [axis]],
      ["index_vector_dim", idx.aval.ndim],
    ]);
    const scalar = new ShapedArray([], out!.dtype);
    const [r, [acc, update]] = b.region([scalar, scalar]);
    r.regionReturn([r.elementwise("stablehlo.add", [acc!, update!])]);
    return [b.emit1(out!, (p) => [
      `"stablehlo.scatter"(${p.list([zeros, idx, u])}) <{indices_are_sorted = false, scatter_dimension_numbers = ${numbers}, unique_indices = false}> ({`,
      `^bb0(${p.argDecl(acc!)}, ${p.argDecl(update!)}):`,
      ...p.blockLines(r.block),
      `}) : (${p.types([zeros, idx, u])}) -> ${typeOf(out!)}`,
    ].join("\n"), { regions: [r.block] })];
  },
} satisfies { [P in "take" | "scatter_add"]: LoweringRule<P> };
