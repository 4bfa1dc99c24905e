import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ShapedArray, evalGraph, jnp, makeGraph, type Array } from "@kiln/core";
import {
  adam, applyUpdates, constantSchedule, cosineDecaySchedule, joinSchedules, linearSchedule, sgd, warmupCosineDecaySchedule,
  type Schedule,
} from "./index.js";

/** jax-golden.json "schedules": optax 0.2.8 values at counts 0..11. */
const golden = JSON.parse(readFileSync(new URL("../../../tests/reference/jax-golden.json", import.meta.url), "utf8")) as {
  schedules: Record<string, number[]>;
};

const schedules: Record<string, Schedule> = {
  "linear_schedule(1.0, 0.1, 10)": linearSchedule(1.0, 0.1, 10),
  "cosine_decay_schedule(1.0, 10, alpha=0.1)": cosineDecaySchedule(1.0, 10, 0.1),
  "warmup_cosine_decay_schedule(0, 1.0, 3, 10, 0.05)": warmupCosineDecaySchedule(0, 1.0, 3, 10, 0.05),
};

const value = (v: Array | number): number => (typeof v === "number" ? v : v.item());

/** The schedule traced on an abstract int32 scalar count, then evaluated at `count`. */
function traced(s: Schedule, count: number): number {
  const graph = makeGraph((c: Array) => s(c))(new ShapedArray([], "int32"));
  return evalGraph(graph, graph.constValues, [jnp.asarray(count, "int32")])[0]!.item();
}

describe("schedules match optax 0.2.8 bit for bit", () => {
  it("covers every golden schedule", () => {
    expect(Object.keys(golden.schedules).sort()).toEqual(Object.keys(schedules).sort());
  });

  for (const [name, expected] of Object.entries(golden.schedules)) {
    const s = schedules[name]!;
    it(`${name} on JS number counts`, () => {
      expect(expected.map((_, i) => value(s(i)))).toEqual(expected);
    });
    it(`${name} on int32 Array counts`, () => {
      expect(expected.map((_, i) => value(s(jnp.asarray(i, "int32"))))).toEqual(expected);
    });
    it(`${name} traced on an abstract int32 count`, () => {
      expect(expected.map((_, i) => traced(s, i))).toEqual(expected);
    });
  }

  it("returns float32 scalars", () => {
    const v = linearSchedule(1, 0, 4)(2) as Array;
    expect(v.dtype).toBe("float32");
    expect(v.shape).toEqual([]);
  });
});

describe("schedule details", () => {
  it("constantSchedule returns its value for any count", () => {
    const s = constantSchedule(0.25);
    expect([s(0), s(100), s(jnp.asarray(7, "int32"))]).toEqual([0.25, 0.25, 0.25]);
  });

  it("linearSchedule holds initValue before transitionBegin and endValue after the transition", () => {
    const s = linearSchedule(2, 1, 4, 3);
    expect([0, 3, 5, 7, 100].map((c) => value(s(c)))).toEqual([2, 2, 1.5, 1, 1]);
    expect(linearSchedule(2, 1, 0)(10)).toBe(2); // no transition: optax holds init_value
  });

  it("cosineDecaySchedule with exponent 2 squares the cosine factor", () => {
    const f = Math.fround;
    const cos = f(f(0.5) * f(1 + f(Math.cos(f(f(f(Math.PI) * 1) / 4)))));
    expect(value(cosineDecaySchedule(1, 4, 0, 2)(1))).toBe(f(f(Math.pow(cos, 2)) + 0));
  });

  it("joinSchedules switches at the boundaries, counting from each boundary", () => {
    const s = joinSchedules([constantSchedule(1), linearSchedule(10, 0, 10), constantSchedule(5)], [2, 7]);
    expect([0, 1, 2, 3, 6, 7, 50].map((c) => value(s(c)))).toEqual([1, 1, 10, 9, 6, 5, 5]);
  });

  it("a schedule drives the learning rate: count starts at 0 and the state counts steps", () => {
    const tx = sgd(linearSchedule(1, 0, 2));
    const w = jnp.array([1, 1], "float32");
    const g = jnp.array([1, 2], "float32");
    let state = tx.init(w);
    const ws: number[][] = [];
    let p = w;
    for (let i = 0; i < 3; i++) {
      const [u, s] = tx.update(g, state, p);
      p = applyUpdates(p, u);
      state = s;
      ws.push(p.tolist() as number[]);
    }
    expect(ws).toEqual([[0, -1], [-0.5, -2], [-0.5, -2]]); // lr 1, 0.5, 0
    expect((state[1] as { count: Array }).count.item()).toBe(3);
  });

  it("adam with a warmup schedule runs eagerly and stays finite", () => {
    const tx = adam(warmupCosineDecaySchedule(0, 0.1, 2, 6));
    let p = jnp.array([1, -1], "float32");
    let state = tx.init(p);
    for (let i = 0; i < 4; i++) {
      const [u, s] = tx.update(jnp.array([0.5, -0.25], "float32"), state, p);
      if (i === 0) expect(u.tolist()).toEqual([-0, 0]); // lr(0) = 0
      p = applyUpdates(p, u);
      state = s;
    }
    expect((p.tolist() as number[]).every(Number.isFinite)).toBe(true);
  });
});

describe("schedule arguments", () => {
  it.each([
    [() => constantSchedule(NaN), "constantSchedule: argument 'value' must be a finite number, got NaN"],
    [() => linearSchedule(1, Infinity, 3), "linearSchedule: argument 'endValue' must be a finite number, got Infinity"],
    [() => linearSchedule(1, 0, 2.5), "linearSchedule: argument 'transitionSteps' must be an integer, got 2.5"],
    [() => linearSchedule(1, 0, 3, -1), "linearSchedule: argument 'transitionBegin' must be at least 0, got -1"],
    [() => cosineDecaySchedule(1, 0), "cosineDecaySchedule: argument 'decaySteps' must be at least 1, got 0"],
    [() => cosineDecaySchedule(1, 10, NaN), "cosineDecaySchedule: argument 'alpha' must be a finite number, got NaN"],
    [() => warmupCosineDecaySchedule(0, 1, 5, 5), "warmupCosineDecaySchedule: argument 'decaySteps' must be greater than warmupSteps (5), got 5"],
    [() => joinSchedules([constantSchedule(1)], [3]), "joinSchedules: argument 'boundaries' must hold 0 step(s), one fewer than the schedules"],
  ])("rejects bad arguments with one line naming them (%#)", (make, message) => {
    expect(make).toThrow(message);
  });

  it("rejects a non-finite count", () => {
    expect(() => linearSchedule(1, 0, 3)(NaN)).toThrow("linearSchedule: argument 'count' must be a finite number or an Array, got NaN");
  });
});
