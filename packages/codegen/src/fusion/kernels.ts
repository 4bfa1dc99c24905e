import type { Eqn, Graph, Shape, Var } from "@kiln/core";
import type { View } from "./views.js";

/**
 * A region: elementwise equations evaluated together, one element at a time, over `shape`.
 * Operands that are region nodes are read at the same element (a local variable); every
 * other operand is a leaf read from a buffer (or literal) through a view, NumPy-broadcast.
 */
export interface Region {
  readonly shape: Shape;
  readonly nodes: readonly Eqn[];
}

/** Where a copy writes: a var's planned buffer, or one of the function's output/input buffers. */
export type CopyTarget = { readonly kind: "var"; readonly v: Var } | { readonly kind: "output"; readonly index: number } | { readonly kind: "input"; readonly index: number };

/**
 * One loop nest of the generated function.
 * - elementwise: one loop over `region.shape`.
 * - reduce: loops over the reduction's input; `input` nodes (the prologue) are computed inside,
 *   `output` nodes (the epilogue) where each result element is final.
 * - dot: a dot_general whose `output` nodes (bias, residual, activation, ...) run on each result
 *   element before it is stored; operands are read through views (transposes are strides).
 * - op: a structural, gather, scatter or random op in its own specialized loops.
 * - copy: materializes a view (a reshape that is not a view, an output, an in-place result).
 */
export type FusedKernel =
  | { readonly kind: "elementwise"; readonly region: Region }
  | { readonly kind: "reduce"; readonly input: Region; readonly reduce: Eqn; readonly output: Region }
  | { readonly kind: "dot"; readonly dot: Eqn; readonly output: Region }
  | { readonly kind: "op"; readonly eqn: Eqn }
  | { readonly kind: "copy"; readonly from: View; readonly to: CopyTarget };

export interface Fusion {
  readonly graph: Graph;
  readonly kernels: readonly FusedKernel[];
  /** Vars that are views of other values: read through strides, never stored themselves. */
  readonly views: ReadonlyMap<Var, View>;
  /** Vars that live in a buffer: inputs, consts, and kernel results read outside their region. */
  readonly materialized: ReadonlySet<Var>;
  /** The kernel that computes each non-view, non-input var. */
  readonly producer: ReadonlyMap<Var, number>;
}

/** The region nodes and provided values (reduce / dot results) a kernel can store. */
export function kernelValues(k: FusedKernel): Var[] {
  switch (k.kind) {
    case "elementwise": return k.region.nodes.flatMap((e) => e.out);
    case "reduce": return [...k.input.nodes, k.reduce, ...k.output.nodes].flatMap((e) => e.out);
    case "dot": return [k.dot, ...k.output.nodes].flatMap((e) => e.out);
    case "op": return [...k.eqn.out];
    case "copy": return k.to.kind === "var" ? [k.to.v] : [];
  }
}
