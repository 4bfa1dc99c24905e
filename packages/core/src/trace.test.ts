import { afterEach, describe, expect, it } from "vitest";
import type { Array as KArray } from "./array.js";
import { ShapedArray } from "./aval.js";
import { ShapeError, TraceError } from "./errors.js";
import * as jnp from "./jnp/index.js";
import { makeGraph, type ClosedGraph } from "./make-graph.js";
import { config } from "./config.js";
import { bind1, currentTrace, evalGraph, withNewTrace } from "./trace.js";

/** Tracing hygiene: no state survives a failed trace, leaked tracers are caught, nesting captures. */

const f32 = (...shape: number[]) => new ShapedArray(shape, "float32");

function expectEagerWorks(): void {
  expect(currentTrace()).toBeNull();
  const y = jnp.add(jnp.array([1, 2], "float32"), 1);
  expect(y.isTracer).toBe(false);
  expect(y.tolist()).toEqual([2, 3]);
}

describe("a function that throws mid-trace", () => {
  it.each([
    ["a user error", (x: KArray) => {
      jnp.exp(x);
      throw new Error("boom");
    }, "boom"],
    ["a shape error", (x: KArray) => jnp.add(jnp.exp(x), jnp.ones([4])), "add: shapes (3,) and (4,) cannot be broadcast together"],
    ["a read of a tracer's value", (x: KArray) => jnp.exp(x).item(), "item: the array f32[3] is a tracer"],
  ] as const)("(%s) leaves no trace state: the next eager op runs eagerly", (_name, fn, message) => {
    expect(() => makeGraph(fn)(f32(3))).toThrow(message);
    expectEagerWorks();
  });

  it("inside a nested trace unwinds only the inner one", () => {
    const outer = makeGraph((x: KArray) => {
      expect(() => makeGraph((_y: KArray) => jnp.add(jnp.ones([2]), jnp.ones([3])))(f32(1))).toThrow(ShapeError);
      expect(currentTrace()).not.toBeNull();
      expect(currentTrace()!.level).toBe(0);
      return jnp.negative(x);
    })(f32(2));
    expect(outer.eqns.map((e) => e.op)).toEqual(["neg"]);
    expectEagerWorks();
  });

  it("withNewTrace pops and closes its trace even when the body throws", () => {
    let seen: { closed: boolean; level: number } | null = null;
    expect(() =>
      withNewTrace((t) => {
        seen = t;
        withNewTrace((inner) => expect(inner.level).toBe(1));
        throw new Error("x");
      }),
    ).toThrow("x");
    expect(seen).toMatchObject({ closed: true, level: 0 });
    expectEagerWorks();
  });
});

describe("leaked tracers", () => {
  let leaked: KArray | null = null;
  makeGraph((x: KArray) => {
    leaked = jnp.multiply(x, 2);
    return x;
  })(f32(2));
  const tracer = () => leaked!;

  it("is a tracer whose trace has ended", () => {
    expect(tracer().isTracer).toBe(true);
    expect(currentTrace()).toBeNull();
  });

  it.each([
    ["an eager op", () => jnp.add(tracer(), 1)],
    ["a later trace", () => makeGraph((y: KArray) => jnp.add(tracer(), y))(f32(2))],
    ["reading its value", () => tracer().tolist()],
    ["evalGraph with it as an input", () => evalGraph(makeGraph((y: KArray) => jnp.exp(y))(f32(2)), [], [tracer()])],
  ])("used in %s gives the leaked-tracer error", (_name, use) => {
    expect(use).toThrow(TraceError);
    expect(use).toThrow("an array f32[2] from a finished trace was used (a leaked tracer)");
    expectEagerWorks();
  });
});

describe("nested traces", () => {
  it("capture outer tracers as constVars of the inner graph, without touching the outer graph", () => {
    const box: { inner?: ClosedGraph; x?: KArray } = {};
    const outer = makeGraph((x: KArray) => {
      box.x = x;
      box.inner = makeGraph((y: KArray) => jnp.add(jnp.multiply(x, y), x))(f32(2));
      return jnp.negative(x);
    })(f32(2));
    const inner = box.inner!;
    expect(inner.constVars).toHaveLength(1); // x captured once though used twice
    expect(inner.constValues[0]).toBe(box.x);
    expect(inner.toString()).toMatchInlineSnapshot(`
      "{ lambda a:f32[2] ; b:f32[2]. let
          c:f32[2] = mul a b
          d:f32[2] = add c a
        in (d,) }"
    `);
    expect(outer.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[2]. let
          b:f32[2] = neg a
        in (b,) }"
    `);
  });

  it("evalGraph inside a trace records the graph's equations into that trace", () => {
    const g = makeGraph((y: KArray) => jnp.exp(jnp.negative(y)))(f32(2));
    const outer = makeGraph((x: KArray) => evalGraph(g, [], [jnp.add(x, 1)])[0]!)(f32(2));
    expect(outer.eqns.map((e) => e.op)).toEqual(["add", "neg", "exp"]);
  });

  it("a concrete array used twice in a trace is captured once; scalars become literals", () => {
    const c = jnp.array([1, 2], "float32");
    const g = makeGraph((x: KArray) => jnp.add(jnp.multiply(x, c), jnp.add(c, jnp.array(3, "float32"))))(f32(2));
    expect(g.constVars).toHaveLength(1);
    expect(g.eqns.flatMap((e) => e.inputs.filter((a) => a.kind === "literal").map((a) => a.value))).toEqual([3]);
  });
});

describe("bind and debugNans", () => {
  afterEach(() => config.update("debugNans", false));

  it("bind computes eagerly outside a trace and records inside one", () => {
    const x = jnp.array([1, 4], "float32");
    expect(bind1("sqrt", [x], {}).tolist()).toEqual([1, 2]);
    const g = makeGraph((y: KArray) => bind1("sqrt", [y], {}))(f32(2));
    expect(g.eqns).toHaveLength(1);
  });

  it("debugNans names the first eager op that produced NaN or Infinity, and only eagerly", () => {
    config.update("debugNans", true);
    try {
      expect(() => jnp.log(jnp.array([1, -1], "float32"))).toThrow(/debugNans: log produced NaN at flat index 1 of its f32\[2\] output/);
      expect(() => jnp.divide(jnp.array([1], "float32"), 0)).toThrow(/debugNans: div produced Infinity/);
      expect(() => makeGraph((y: KArray) => jnp.log(y))(f32(1))).not.toThrow();
      expect(jnp.exp(jnp.array([1], "float32")).item()).toBeCloseTo(Math.E, 5);
    } finally {
      config.update("debugNans", false);
    }
    expect(jnp.log(jnp.array([-1], "float32")).item()).toBeNaN();
    expect(() => config.update("debugNan" as "debugNans", true)).toThrow(/'debugNan' is not a kiln option/);
  });

  it("shape errors are raised before anything runs or is recorded", () => {
    let recorded = -1;
    const w = jnp.ones([3, 2]);
    expect(() =>
      makeGraph((y: KArray) => {
        try {
          return jnp.matmul(y, w);
        } finally {
          recorded = currentTrace()!.eqns.length;
        }
      })(f32(2, 2)),
    ).toThrow("matmul: contracting dimensions differ");
    expect(recorded).toBe(0);
  });
});
