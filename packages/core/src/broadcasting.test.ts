import { describe, expect, it } from "vitest";
import { Array as KArray } from "./array.js";
import { ShapeError } from "./errors.js";
import * as jnp from "./jnp/index.js";
import * as lax from "./lax.js";
import { broadcastShapes, stridesOf, type Shape } from "./shape.js";

/** NumPy broadcasting: the shape table, the values an eager op computes, and the errors. */

const ok: [Shape[], Shape][] = [
  [[[], []], []],
  [[[3], []], [3]],
  [[[], [2, 3]], [2, 3]],
  [[[2, 3], [3]], [2, 3]],
  [[[2, 3], [1, 3]], [2, 3]],
  [[[2, 1], [1, 3]], [2, 3]],
  [[[3, 1], [3]], [3, 3]],
  [[[4, 1, 3], [2, 1]], [4, 2, 3]],
  [[[1, 1, 1], [5]], [1, 1, 5]],
  [[[1], [0]], [0]],
  [[[0], [1]], [0]],
  [[[2, 0], [2, 1]], [2, 0]],
  [[[0, 3], []], [0, 3]],
  [[[2, 1, 1], [3, 1], [4]], [2, 3, 4]],
];

const bad: [Shape[], string][] = [
  [[[3], [4]], "add: shapes (3,) and (4,) cannot be broadcast together (axis -1: 3 vs 4)"],
  [[[2, 3], [3, 2]], "add: shapes (2, 3) and (3, 2) cannot be broadcast together (axis -2: 2 vs 3)"],
  [[[0], [2]], "add: shapes (0,) and (2,) cannot be broadcast together (axis -1: 0 vs 2)"],
  [[[2, 1], [3, 3, 1]], "add: shapes (2, 1) and (3, 3, 1) cannot be broadcast together (axis -2: 2 vs 3)"],
  [[[2, 1], [1, 3], [4]], "add: shapes (2, 1) and (1, 3) and (4,) cannot be broadcast together (axis -1: 3 vs 4)"],
];

describe("broadcastShapes", () => {
  it.each(ok)("%j -> %j", (shapes, want) => {
    expect(broadcastShapes("add", ...shapes)).toEqual(want);
    expect(broadcastShapes("add", ...[...shapes].reverse())).toEqual(want);
  });

  it.each(bad)("%j fails naming the op, the shapes and the axis", (shapes, message) => {
    expect(() => broadcastShapes("add", ...shapes)).toThrow(ShapeError);
    expect(() => broadcastShapes("add", ...shapes)).toThrow(message);
  });
});

/** x[i] of shape `from` read at output multi-index `idx` of shape `to`, NumPy style. */
function broadcastRead(data: ArrayLike<number>, from: Shape, to: Shape, idx: readonly number[]): number {
  const st = stridesOf(from);
  const lead = to.length - from.length;
  return data[from.reduce((s, d, k) => s + (d === 1 ? 0 : idx[k + lead]!) * st[k]!, 0)]!;
}

const iota = (shape: Shape, start: number): KArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  return jnp.reshape(jnp.arange(start, start + n, 1, "float32"), shape);
};

describe("eager broadcasting", () => {
  const pairs = ok.filter(([s]) => s.length === 2) as [[Shape, Shape], Shape][];

  it.each(pairs)("add %j gives shape %j with each element read from the broadcast position", ([a, b], want) => {
    const x = iota(a, 1);
    const y = iota(b, 100);
    const out = jnp.add(x, y);
    expect(out.shape).toEqual(want);
    const wantData = Array.from({ length: out.size }, (_, i) => {
      const st = stridesOf(want);
      const idx = want.map((d, k) => Math.floor(i / st[k]!) % d);
      return broadcastRead(x.toTypedArray(), a, want, idx) + broadcastRead(y.toTypedArray(), b, want, idx);
    });
    expect(Array.from(out.toTypedArray())).toEqual(wantData);
  });

  it("broadcasts all three operands of where / select", () => {
    const c = jnp.array([[true], [false]]);
    const out = jnp.where(c, jnp.array([1, 2, 3]), 0);
    expect(out.tolist()).toEqual([[1, 2, 3], [0, 0, 0]]);
  });

  it.each([
    ["add", () => jnp.add(jnp.ones([2, 3]), jnp.ones([4])), "add: shapes (2, 3) and (4,) cannot be broadcast together"],
    ["multiply", () => jnp.multiply(jnp.ones([3]), jnp.ones([2])), "multiply: shapes (3,) and (2,) cannot be broadcast together"],
    ["less", () => jnp.less(jnp.ones([3]), jnp.ones([2])), "less: shapes (3,) and (2,)"],
    ["where", () => jnp.where(jnp.ones([2], "bool"), jnp.ones([3]), 0), "where: shapes (2,) and (3,) and () cannot be broadcast together"],
    ["lax.fma", () => lax.fma(jnp.ones([2]), jnp.ones([3]), jnp.ones([1])), "fma: shapes (2,) and (3,) and (1,)"],
    ["broadcastTo", () => jnp.broadcastTo(jnp.ones([3]), [3, 2]), "broadcastTo: shapes (3,) and (3, 2) cannot be broadcast together"],
    ["broadcastTo fewer dims", () => jnp.broadcastTo(jnp.ones([2, 3]), [3]), "broadcastTo: cannot broadcast f32[2,3] to shape (3,)"],
    ["matmul batch", () => jnp.matmul(jnp.ones([2, 1, 3]), jnp.ones([3, 3, 1])), "matmul: shapes (2,) and (3,) cannot be broadcast together"],
  ])("%s fails with a ShapeError naming the op and the shapes", (_name, run, message) => {
    expect(run).toThrow(ShapeError);
    expect(run).toThrow(message);
  });
});
