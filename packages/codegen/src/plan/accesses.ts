import type { Atom, DType, Var } from "@kiln/core";
import type { Region } from "../fusion/kernels.js";
import { broadcastView, viewOfAtom, type View } from "../fusion/views.js";
import { groupStride, type Group } from "./coalesce.js";

/**
 * How a kernel addresses a buffer, in the one form every backend reads: element
 * `offset + Σ strides[g]·i_g`, with one stride per loop group of the kernel's space (0 where
 * the access does not move along the group: broadcasting).
 */
export interface Access {
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * A region operand that is not computed in the region: a literal, a buffer read through an
 * access, or an iota (the value is the position in its source).
 */
export type Leaf =
  | { readonly kind: "literal"; readonly value: number; readonly dtype: DType }
  | { readonly kind: "buffer"; readonly v: Var; readonly access: Access }
  | { readonly kind: "iota"; readonly dtype: DType; readonly access: Access };

/** `strides` over the space's axes as one stride per group. */
export const accessOf = (strides: readonly number[], offset: number, groups: readonly Group[]): Access =>
  ({ offset, strides: groups.map((g) => groupStride(strides, g)) });

/** A view over the space's axes (already lifted) as a leaf. */
export function leafOf(view: View, groups: readonly Group[]): Leaf {
  const s = view.source;
  if (s.kind === "literal") return { kind: "literal", value: s.value, dtype: s.dtype };
  const access = accessOf(view.strides, view.offset, groups);
  return s.kind === "var" ? { kind: "buffer", v: s.v, access } : { kind: "iota", dtype: s.dtype, access };
}

/**
 * The leaves among `atoms` (operands not in `locals`): each read through its view broadcast to
 * the region's shape, its strides lifted to the kernel's space by `lift`.
 */
export function regionLeaves(
  views: ReadonlyMap<Var, View>, atoms: Iterable<Atom>, locals: ReadonlySet<Var>, region: Region,
  lift: (strides: readonly number[]) => readonly number[], groups: readonly Group[],
): Map<Atom, Leaf> {
  const leaves = new Map<Atom, Leaf>();
  for (const a of atoms) {
    if (a.kind === "var" && locals.has(a)) continue;
    if (a.kind === "literal") {
      leaves.set(a, { kind: "literal", value: a.value, dtype: a.aval.dtype });
      continue;
    }
    const view = broadcastView(viewOfAtom(a, views), region.shape);
    leaves.set(a, leafOf({ ...view, strides: lift(view.strides) }, groups));
  }
  return leaves;
}
