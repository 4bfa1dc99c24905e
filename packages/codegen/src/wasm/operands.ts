import type { Atom, Var } from "@kiln/core";
import { broadcastView, viewOfAtom, type View } from "../fusion/views.js";

/**
 * How a wasm kernel reaches its operands, shared by the dot, elementwise and reduce planners:
 * the buffers it takes as pointer parameters, and each region leaf as a literal or as an access
 * (the kernel kind's own record of offset and strides) into one of those buffers.
 */
export type OperandLeaf<A> = { readonly kind: "access"; readonly access: A } | { readonly kind: "literal"; readonly value: number };

/** The vars whose buffers a kernel takes, in parameter order (each once). */
export class BufferParams {
  readonly vars: Var[] = [];

  /** `v`'s parameter index, adding it on first use. */
  of(v: Var): number {
    const i = this.vars.indexOf(v);
    return i >= 0 ? i : this.vars.push(v) - 1;
  }
}

/**
 * The leaves among `atoms` (operands not computed in the region: not in `locals`), each a
 * literal or a float32 buffer read through its view broadcast to `shape`, its strides mapped
 * by `lift` and made an access by `access`; null when some leaf is neither (a bool or integer
 * buffer, a view the kernel cannot address).
 */
export function regionLeaves<A>(
  views: ReadonlyMap<Var, View>,
  atoms: Iterable<Atom>,
  locals: ReadonlySet<Var>,
  shape: readonly number[],
  lift: (strides: readonly number[]) => readonly number[],
  access: (v: Var, strides: readonly number[], offset: number) => A | null,
): Map<Atom, OperandLeaf<A>> | null {
  const leaves = new Map<Atom, OperandLeaf<A>>();
  for (const x of atoms) {
    if (x.kind === "var" && locals.has(x)) continue;
    if (x.kind === "literal") {
      leaves.set(x, { kind: "literal", value: x.value });
      continue;
    }
    const view = broadcastView(viewOfAtom(x, views), shape);
    if (view.source.kind === "literal") leaves.set(x, { kind: "literal", value: view.source.value });
    else if (view.source.kind === "var" && x.aval.dtype === "float32") {
      const acc = access(view.source.v, lift(view.strides), view.offset);
      if (!acc) return null;
      leaves.set(x, { kind: "access", access: acc });
    } else return null;
  }
  return leaves;
}
