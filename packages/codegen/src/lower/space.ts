import type { Shape } from "@kiln/core";
import { num, type Ident } from "./estree.js";
import type { Linear, Nest } from "./nest.js";

/**
 * The iteration space of a loop nest: the dims of a shape after dropping size-1 axes and
 * merging adjacent axes that every access of the nest walks contiguously (coalescing), so a
 * same-shape elementwise chain is one flat loop whatever its rank. Axes merge only within a
 * role (e.g. kept vs reduced axes of a reduction).
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

/** Maps each coalesced group to the loop-variable terms that index it (usually one variable). */
export class Space {
  constructor(
    readonly groups: readonly Group[],
    private readonly vars: readonly (readonly (readonly [Ident, number])[])[],
  ) {}

  /** The linear index of an access with `strides` over the original axes (it took part in coalescing). */
  linear(strides: readonly number[], offset: number, base: readonly (readonly [Ident, number])[] = []): Linear {
    const terms: (readonly [Ident, number])[] = [...base];
    this.groups.forEach((g, k) => {
      const s = strides[g.dims[g.dims.length - 1]!]!;
      if (s !== 0) for (const [v, c] of this.vars[k]!) terms.push([v, c * s]);
    });
    return { offset, terms };
  }
}

/** One plain loop per group, outer to inner. */
export function loopSpace(nest: Nest, groups: readonly Group[]): Space {
  return new Space(groups, groups.map((g) => [[nest.loop(num(0), num(g.size)), 1] as const]));
}
