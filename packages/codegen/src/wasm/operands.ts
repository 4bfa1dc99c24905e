import type { Atom, Var } from "@kiln/core";
import type { Access, Leaf } from "../plan/accesses.js";

/**
 * How a wasm kernel reaches an operand: a literal, or an access in the kernel kind's own record
 * of offset and strides (its dialect of the plan's Access) into one of its buffer parameters.
 */
export type OperandLeaf<A> = { readonly kind: "access"; readonly access: A } | { readonly kind: "literal"; readonly value: number };

/**
 * The plan's leaves in a kernel kind's dialect, or null when one of them is something the wasm
 * kernels cannot read: a bool or integer buffer, an iota, an access `adapt` refuses.
 */
export function adaptLeaves<A>(leaves: ReadonlyMap<Atom, Leaf>, adapt: (v: Var, a: Access) => A | null): Map<Atom, OperandLeaf<A>> | null {
  const out = new Map<Atom, OperandLeaf<A>>();
  for (const [atom, leaf] of leaves) {
    if (leaf.kind === "literal") out.set(atom, { kind: "literal", value: leaf.value });
    else if (leaf.kind === "buffer" && leaf.v.aval.dtype === "float32") {
      const access = adapt(leaf.v, leaf.access);
      if (!access) return null;
      out.set(atom, { kind: "access", access });
    } else return null;
  }
  return out;
}

/** The stores in a kernel kind's dialect, or null when one is refused. */
export function adaptStores<A>(stored: readonly Var[], stores: ReadonlyMap<Var, Access>, adapt: (v: Var, a: Access) => A | null): Map<Var, A> | null {
  const out = new Map<Var, A>();
  for (const v of stored) {
    const a = adapt(v, stores.get(v)!);
    if (!a) return null;
    out.set(v, a);
  }
  return out;
}

/** No negative offset or stride: the kernels compare addresses as they walk forward. */
export const forward = (a: Access): boolean => a.offset >= 0 && a.strides.every((s) => s >= 0);
