import type { Group } from "../plan/coalesce.js";
import { num, type Ident } from "./estree.js";
import type { Linear, Nest } from "./nest.js";

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
