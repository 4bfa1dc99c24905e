import type { Shape } from "@kiln/core";

/**
 * The iteration space of a kernel as loop groups: the dims of a shape after dropping size-1
 * axes and merging adjacent axes that every access of the kernel walks contiguously
 * (coalescing), so a same-shape elementwise chain is one flat loop whatever its rank. Axes
 * merge only within a role (kept vs reduced axes of a reduction; batch, M, N, K of a dot).
 */
export interface Group {
  /** The original axes merged into this loop, outer to inner. */
  readonly dims: readonly number[];
  readonly size: number;
  readonly role: number;
}

export function coalesce(shape: Shape, accesses: readonly (readonly number[])[], roles?: readonly number[]): Group[] {
  const groups: Group[] = [];
  shape.forEach((size, d) => {
    if (size === 1) return;
    const role = roles?.[d] ?? 0;
    const prev = groups[groups.length - 1];
    const inner = (g: Group) => g.dims[g.dims.length - 1]!;
    if (prev && prev.role === role && accesses.every((s) => s[inner(prev)] === s[d]! * size)) {
      groups[groups.length - 1] = { dims: [...prev.dims, d], size: prev.size * size, role };
    } else {
      groups.push({ dims: [d], size, role });
    }
  });
  return groups;
}

/** An access's stride along a group: its stride on the group's innermost axis (0 without a group). */
export function groupStride(strides: readonly number[], group: Group | undefined): number {
  return group ? strides[group.dims[group.dims.length - 1]!]! : 0;
}
