import { afterEach, describe, expect, it } from "vitest";
import { FloatingPointError, config, currentTrace, type TypedArray } from "@kiln/core";
import { KilnError, TraceError, compile, grad, jit, jnp, makeGraph, nnx, optax, type Array } from "kiln";

/**
 * Faults: a function that throws while being traced leaves no trace state behind; a failed
 * optimizer update or compiled step leaves every parameter and optimizer buffer bit-identical;
 * debugNans names the first op that produced NaN or Infinity, in codegen's jit too.
 */
function snapshot(...trees: unknown[]): string {
  const out: string[] = [];
  for (const t of trees) nnx.forEachVariable(t, (p, v) => out.push(`${p.join(".")}=${new Uint32Array(v.value.toTypedArray().slice().buffer).join(",")}`));
  return out.join("|");
}
const noTracers = (...trees: unknown[]) => trees.every((t) => {
  let ok = true;
  nnx.forEachVariable(t, (_p, v) => (ok &&= !v.value.isTracer));
  return ok;
});
const boom = () => {
  throw new Error("boom");
};

describe("a function that throws while traced leaves nothing behind", () => {
  it("makeGraph, grad and codegen jit: no active trace, nothing cached, the next call works", () => {
    const bad = (x: Array) => (jnp.sum(jnp.exp(x)), boom());
    expect(() => makeGraph(bad)(jnp.ones([2]))).toThrow("boom");
    expect(() => grad(bad)(jnp.ones([2]))).toThrow("boom");
    const jf = jit((x: Array, fail: boolean) => (fail ? bad(x) : jnp.sum(jnp.exp(x))), { staticArgnums: [1] });
    expect(() => jf(jnp.ones([2]), true)).toThrow("boom");
    expect(currentTrace()).toBeNull();
    expect(jf.cacheSize).toBe(0);
    expect(jf(jnp.ones([2]), false).item()).toBeCloseTo(2 * Math.E, 5);
    expect(() => jit((x: Array) => x.item())(jnp.ones([1]))).toThrow(TraceError);
    expect(currentTrace()).toBeNull();
  });

  it("a tracer kept from a failed trace is reported as leaked, not silently reused", () => {
    let leaked: Array | null = null;
    expect(() => makeGraph((x: Array) => ((leaked = jnp.negative(x)), boom()))(jnp.ones([2]))).toThrow("boom");
    expect(() => jnp.add(leaked!, 1)).toThrow(/leaked tracer/);
  });

  it("nnx.jit: a step that throws after optimizer.update was traced restores every holder", () => {
    const model = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(model, optax.adam(0.1), { wrt: nnx.Param });
    const x = jnp.ones([4, 2]);
    const step = nnx.jit((m: nnx.Linear, o: nnx.Optimizer, xb: Array, fail: number) => {
      const [loss, grads] = nnx.valueAndGrad((mm: nnx.Linear) => jnp.mean(mm.call(xb)))(m);
      o.update(m, grads);
      if (fail === 1) boom();
      if (fail === 2) return m as unknown as Array; // returning the model is a user error too
      return loss;
    });
    const before = snapshot(model, opt);
    expect(() => step(model, opt, x, 1)).toThrow("boom");
    expect(() => step(model, opt, x, 2)).toThrow("nnx.jit: the step must return Arrays (or nothing)");
    expect(currentTrace()).toBeNull();
    expect(noTracers(model, opt)).toBe(true);
    expect(snapshot(model, opt)).toBe(before);
    expect(step.cacheSize).toBe(0);
    step(model, opt, x, 0);
    expect(snapshot(model, opt)).not.toBe(before);
  });

  it("nnx.valueAndGrad: a loss that throws after drawing dropout keys leaves the RNG counters as they were", () => {
    const rngs = new nnx.Rngs(0);
    const model = new nnx.Sequential(new nnx.Linear(2, 2, { rngs }), new nnx.Dropout(0.5, { rngs }));
    const before = snapshot(model);
    expect(() => nnx.valueAndGrad((m: nnx.Sequential) => (m.call(jnp.ones([3, 2])), boom()))(model)).toThrow("boom");
    expect(() => nnx.valueAndGrad((m: nnx.Sequential) => m.call(jnp.ones([3, 2])))(model)).toThrow(/must return a scalar/);
    expect(snapshot(model)).toBe(before);
  });
});

class Tagger extends nnx.Module {
  readonly embed: nnx.Embed;
  readonly head: nnx.Linear;
  constructor() {
    super();
    const rngs = new nnx.Rngs(0);
    this.embed = new nnx.Embed(5, 3, { rngs });
    this.head = new nnx.Linear(3, 1, { rngs });
  }
  override call(ids: Array): Array {
    return this.head.call(this.embed.call(ids));
  }
}

describe("a compiled step that fails at run time changes nothing", () => {
  // Out-of-range ids throw inside generated code, after kernels that write parameters in place
  // may already have run; nnx.jit snapshots those (into buffers allocated once) and restores them.
  const loss = (m: Tagger, ids: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(ids), y)));
  const step = nnx.jit((m: Tagger, opt: nnx.Optimizer, ids: Array, y: Array, probe: Array) => {
    const [value, grads] = nnx.valueAndGrad(loss)(m, ids, y);
    opt.update(m, grads);
    return jnp.add(value, jnp.sum(m.call(probe))); // a lookup after the update
  });
  const y = jnp.ones([4, 1]);

  it.each([
    ["in the forward pass", jnp.array([0, 9, 2, 3]), jnp.array([0, 1]), "take: index 9 is out of bounds for an axis of size 5"],
    ["after the parameters were written", jnp.array([0, 1, 2, 3]), jnp.array([0, 7]), "take: index 7 is out of bounds for an axis of size 5"],
  ])("an out-of-range id %s", (_where, ids, probe, message) => {
    const model = new Tagger();
    const opt = new nnx.Optimizer(model, optax.adam(0.05), { wrt: nnx.Param });
    step(model, opt, jnp.array([0, 1, 2, 3]), y, jnp.array([0, 1]));
    const before = snapshot(model, opt);
    expect(() => step(model, opt, ids, y, probe)).toThrow(message);
    expect(snapshot(model, opt)).toBe(before);
    step(model, opt, jnp.array([0, 1, 2, 3]), y, jnp.array([0, 1]));
    expect(snapshot(model, opt)).not.toBe(before);
  });

  it("a step given arrays of the wrong shape fails while tracing, before anything runs", () => {
    const model = new Tagger();
    const opt = new nnx.Optimizer(model, optax.sgd(0.1), { wrt: nnx.Param });
    const before = snapshot(model, opt);
    expect(() => step(model, opt, jnp.array([0, 1, 2]), y, jnp.array([0]))).toThrow("subtract: shapes (3, 1) and (4, 1) cannot be broadcast together");
    expect(() => step(model, opt, jnp.ones([4]), y, jnp.array([0]))).toThrow("Embed.call: argument 'ids' must be integers, got float32");
    expect(snapshot(model, opt)).toBe(before);
    expect(noTracers(model, opt)).toBe(true);
  });
});

describe("a jitted function called with a different pytree structure", () => {
  it("retraces instead of reusing the function compiled for the other structure", () => {
    const jf = jit((t: { a: Array; b?: Array }) => (t.b ? jnp.subtract(t.a, t.b) : jnp.negative(t.a)));
    const a = jnp.array([1, 2], "float32");
    expect(jf({ a }).tolist()).toEqual([-1, -2]);
    expect(jf({ a, b: a }).tolist()).toEqual([0, 0]);
    expect(jf({ a: jnp.array([1, 2, 3], "int32") }).tolist()).toEqual([-1, -2, -3]); // another aval: another signature
    expect(jf({ a }).tolist()).toEqual([-1, -2]);
    expect(jf.traceCount).toBe(3);
  });

  it("a structure the function cannot handle fails with its own clear error and caches nothing", () => {
    const jf = jit((t: { x: Array; y: Array }) => jnp.subtract(t.x, t.y));
    expect(jf({ x: jnp.ones([2]), y: jnp.ones([2]) }).tolist()).toEqual([0, 0]);
    expect(() => jf({ x: jnp.ones([2]) } as never)).toThrow("subtract: argument 'y' must be an Array, a number or nested arrays of numbers, got undefined");
    expect(() => jf({ x: jnp.ones([2]), y: jnp.ones([3]) })).toThrow("subtract: shapes (2,) and (3,) cannot be broadcast together");
    expect(jf.cacheSize).toBe(1);
    expect(jf({ x: jnp.ones([2]), y: jnp.zeros([2]) }).tolist()).toEqual([1, 1]);
  });

  it("an executable run with other buffers than it was compiled for says which", () => {
    const exe = compile(makeGraph((x: Array) => jnp.exp(x))(jnp.ones([3])));
    expect(() => exe.run([new Float32Array(4)])).toThrow(/input buffer 0 must be a f32\[3\] buffer of 3 elements, got Float32Array\(4\)/);
    expect(() => exe.run([new Int32Array(3)] as TypedArray[])).toThrow(/must be a f32\[3\] buffer/);
    expect(() => exe.run([])).toThrow(/expected 1 input buffers/);
  });
});

describe("debugNans", () => {
  afterEach(() => config.update("debugNans", false));
  const f = (x: Array, y: Array) => jnp.sum(jnp.multiply(jnp.log(x), y));

  it("codegen's jit({ debugNans }) names the first op that produced NaN; without it the NaN is returned", () => {
    const x = jnp.array([1, -1], "float32");
    const y = jnp.array([2, 3], "float32");
    expect(Number.isNaN(jit(f)(x, y).item())).toBe(true);
    const checked = jit(f, { debugNans: true });
    expect(checked(jnp.array([1, 2], "float32"), y).item()).toBeCloseTo(3 * Math.log(2), 5);
    expect(() => checked(x, y)).toThrow(FloatingPointError);
    expect(() => checked(x, y)).toThrow("debugNans: log produced NaN at flat index 1 of its f32[2] output");
    expect(() => jit((a: Array) => jnp.divide(a, 0), { debugNans: true })(x)).toThrow("debugNans: div produced Infinity at flat index 0");
    expect(() => jit((a: Array) => a, { debugNans: true })(jnp.array([NaN], "float32"))).toThrow(/passed through unchanged from an input/);
  });

  it("the global switch applies to codegen's jit, eager ops and nnx.jit alike; a per-jit false overrides it", () => {
    config.update("debugNans", true);
    const x = jnp.array([0], "float32");
    expect(() => jnp.log(jnp.array([-1], "float32"))).toThrow("debugNans: log produced NaN");
    expect(() => jit((a: Array) => jnp.divide(1, a))(x)).toThrow("debugNans: div produced Infinity");
    expect(jit((a: Array) => jnp.divide(1, a), { debugNans: false })(x).item()).toBe(Infinity);
    const model = new nnx.Linear(1, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(model, optax.sgd(0.1), { wrt: nnx.Param });
    const step = nnx.jit((m: nnx.Linear, o: nnx.Optimizer, xb: Array) => {
      const [loss, grads] = nnx.valueAndGrad((mm: nnx.Linear) => jnp.sum(jnp.log(mm.call(xb))))(m);
      o.update(m, grads);
      return loss;
    });
    const before = snapshot(model, opt);
    expect(() => step(model, opt, jnp.array([[-1e9]], "float32"))).toThrow(/debugNans: log produced/);
    expect(snapshot(model, opt)).toBe(before);
  });

  it("rejects a non-boolean switch", () => {
    expect(() => config.update("debugNans", 1 as never)).toThrow(KilnError);
  });
});
