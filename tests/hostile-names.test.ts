import * as acorn from "acorn";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KilnError, compile, jit, jnp, lax, makeGraph, nnx, optax, random, type Array } from "kiln";
import { captureIo } from "./cli-harness.js";
import { runCli } from "../packages/kiln/src/cli/run.js";

/**
 * No user-provided string reaches generated source. Field names, Variable paths, RNG stream
 * names, pytree keys, function names and op parameters are hostile here; the compiled code must
 * contain none of them, be made only of counter-named identifiers and known globals (no string
 * literals at all), and still compute what eager mode computes.
 */
const hostile = [
  "`); process.exit(1); //",
  "</script><script>alert('kiln')</script>",
  `'; throw new Error("injected"); '`,
  "${globalThis.injected = 1}",
  '\\"); injected(); //',
  "line\nbreak\u2028and\u2029",
  "ünïcødé 名前 🔥\u200b",
  "a.b",
  "constructor",
  "toString",
  "__proto__",
  "x".repeat(10_000) + "_long",
];
const fragments = ["process", "script", "injected", "名前", "🔥", "\u2028", "__proto__", "constructor", "toString", "_long"];

/** `obj[name] = value` as an own property, which is how JSON or Object.fromEntries makes "__proto__" keys. */
function define<T extends object>(obj: T, name: string, value: unknown): T {
  Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  return obj;
}
const get = <T>(obj: object, name: string) => Object.getOwnPropertyDescriptor(obj, name)!.value as T;

function walk(node: unknown, visit: (n: { type: string } & Record<string, unknown>) => void): void {
  if (node === null || typeof node !== "object") return;
  if (globalThis.Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  const n = node as { type?: unknown } & Record<string, unknown>;
  if (typeof n.type === "string") visit(n as { type: string } & Record<string, unknown>);
  for (const k of Object.keys(n)) if (k !== "type") walk(n[k], visit);
}

/** The source parses as ES2022 and holds only plain identifiers, no strings, none of the hostile text. */
function checkSource(source: string): void {
  for (const h of hostile) expect(source.includes(h), JSON.stringify(h.slice(0, 40))).toBe(false);
  for (const f of fragments) expect(source).not.toContain(f);
  const ast = acorn.parse(source, { ecmaVersion: 2022, allowReturnOutsideFunction: true });
  const identifiers = new Set<string>();
  walk(ast, (n) => {
    if (n.type === "Identifier") identifiers.add(n["name"] as string);
    expect(n.type, "no template literals").not.toBe("TemplateLiteral");
    if (n.type === "Literal") expect(typeof n["value"], "literals are numbers or booleans").not.toBe("string");
  });
  for (const name of identifiers) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
}

class HostileModel extends nnx.Module {
  readonly layers: nnx.Linear[];
  readonly rngs: nnx.Rngs;
  constructor(seed: number) {
    super();
    this.rngs = new nnx.Rngs(Object.fromEntries([["params", seed], ...hostile.map((h, i) => [h, seed + i] as const)]));
    hostile.forEach((h) => define(this, h, new nnx.Param(random.normal(this.rngs.params(), [3, 2]))));
    const inner = define({}, hostile[1]!, define({}, "__proto__", new nnx.Param(jnp.zeros([2]))));
    define(this, `nest${hostile[6]}`, define({}, hostile[0]!, inner));
    define(this, `sub${hostile[2]}`, new nnx.Linear(3, 2, { rngs: this.rngs }));
    this.layers = [new nnx.Linear(3, 2, { rngs: this.rngs })];
  }
  override call(x: Array): Array {
    let y = this.layers[0]!.call(x);
    for (const h of hostile) y = jnp.add(y, jnp.matmul(x, get<nnx.Param>(this, h).value));
    const bias = get<nnx.Param>(get<object>(get<object>(get<object>(this, `nest${hostile[6]}`), hostile[0]!), hostile[1]!), "__proto__");
    y = jnp.add(jnp.add(y, bias.value), get<nnx.Linear>(this, `sub${hostile[2]}`).call(x));
    const noise = random.uniform(this.rngs.stream(hostile[10]!).call(), y.shape, { minval: -0.01, maxval: 0.01 });
    return jnp.add(y, noise);
  }
}

const params = (m: nnx.Module) => (nnx.state(m, nnx.Param) as unknown as Record<string, unknown>);
const bits = (tree: unknown) => JSON.stringify(flatBits(tree));
function flatBits(tree: unknown): number[][] {
  const out: number[][] = [];
  nnx.forEachVariable(tree, (_p, v) => out.push(globalThis.Array.from(new Uint32Array(v.value.toTypedArray().buffer))));
  return out;
}

describe("hostile names through nnx.jit (the lowering `kiln inspect` prints)", () => {
  const batch = () => define(define({}, hostile[0]!, random.normal(random.key(1), [4, 3])), "__proto__", random.normal(random.key(2), [4, 2])) as Record<string, Array>;
  const loss = (m: HostileModel, b: Record<string, Array>) => jnp.mean(jnp.square(jnp.subtract(m.call(get(b, hostile[0]!)), get<Array>(b, "__proto__"))));
  const step = (m: HostileModel, opt: nnx.Optimizer, b: Record<string, Array>) => {
    const [value, grads] = nnx.valueAndGrad(loss)(m, b);
    opt.update(m, grads);
    return define({}, hostile[1]!, value);
  };
  Object.defineProperty(step, "name", { value: hostile[0] });

  it("field names, nested paths, stream names, batch keys and the function name stay out of the source", () => {
    const m = new HostileModel(0);
    const opt = new nnx.Optimizer(m, optax.adam(0.01), { wrt: nnx.Param });
    const lowered = nnx.jit(step).lower(m, opt, batch());
    checkSource(lowered.source);
    expect(lowered.graph.toString()).not.toContain("process");
  });

  it("and the compiled step trains every parameter exactly as eager mode does", () => {
    const [mj, me] = [new HostileModel(0), new HostileModel(0)];
    const [oj, oe] = [mj, me].map((m) => new nnx.Optimizer(m, optax.adam(0.01), { wrt: nnx.Param }));
    const before = flatBits(mj);
    const jitted = nnx.jit(step);
    const b = batch();
    for (let i = 0; i < 3; i++) {
      const lj = get<Array>(jitted(mj, oj!, b), hostile[1]!);
      const le = get<Array>(step(me, oe!, b), hostile[1]!);
      expect(Object.is(lj.item(), le.item())).toBe(true);
    }
    expect(bits(mj)).toBe(bits(me));
    expect(bits(oj)).toBe(bits(oe));
    // every parameter (one per hostile name, the nested "__proto__" bias, the Linears) moved: none was dropped
    const after = flatBits(mj);
    const names = Object.keys(params(mj));
    expect(names).toEqual(expect.arrayContaining([...hostile, "layers"]));
    nnx.forEachVariable(mj, (path, v) => {
      if (v instanceof nnx.Param) expect(JSON.stringify(after[flatIndex(mj, path)]), path.join("/")).not.toBe(JSON.stringify(before[flatIndex(mj, path)]));
    });
  });
});

function flatIndex(root: unknown, path: readonly (string | number)[]): number {
  let i = -1;
  let found = -1;
  nnx.forEachVariable(root, (p) => {
    i++;
    if (JSON.stringify(p) === JSON.stringify(path)) found = i;
  });
  return found;
}

describe("hostile names through codegen's jit and compile", () => {
  const tree = () => Object.fromEntries(hostile.map((h, i) => [h, jnp.full([2], i + 0.5, "float32")])) as Record<string, Array>;
  const f = (t: Record<string, Array>, mode: string) => Object.fromEntries(hostile.map((h, i) => [h, jnp.multiply(get<Array>(t, h), mode.length % 7 + i)]));

  it("pytree keys, a static string argument and the name option stay out of the source; results are eager's", () => {
    const jf = jit(f, { name: hostile[0], staticArgnums: [1] });
    const out = jf(tree(), hostile[3]!);
    const eager = f(tree(), hostile[3]!);
    expect(Object.keys(out).sort()).toEqual(Object.keys(eager).sort());
    for (const h of hostile) expect(get<Array>(out, h).tolist()).toEqual(get<Array>(eager, h).tolist());
    checkSource(jf.lower(tree(), hostile[3]!).source);
  });

  it("compile's name labels the function but is not part of its source", () => {
    const exe = compile(makeGraph((x: Array) => jnp.tanh(x))(jnp.ones([3])), { name: hostile[1] });
    checkSource(exe.source);
    expect(exe.name).toBe(hostile[1]);
  });

  it("strings given as op parameters are rejected before any code is generated", () => {
    const h = hostile[0] as never;
    const key = jnp.array(new Uint32Array([0, 1]));
    const x = jnp.ones([2]);
    const attempts: (() => unknown)[] = [
      () => lax.convertElementType(x, h), () => lax.bitcastConvertType(x, h), () => lax.argmax(x, 0, h), () => lax.iota(h, [2]),
      () => lax.slice(x, [h], [2]), () => lax.broadcastInDim(x, [2, 2], [h]), () => lax.randomSplit(key, h),
      () => lax.pad(x, jnp.array(0, "float32"), [[h, 0, 0]]), () => lax.scatterAdd(x, jnp.array([0, 1]), 0, [h]), () => lax.reshape(x, [h]),
      () => lax.integerPow(x, h), () => lax.reduceSum(x, [h]), () => lax.randomBits(key, [h]),
    ];
    attempts.forEach((attempt, i) => {
      expect(() => jit(attempt).lower(), `attempt ${i}`).toThrow(KilnError);
      expect(() => attempt(), `attempt ${i}, eagerly`).toThrow(KilnError);
    });
  });
});

describe("hostile names in the rest of the module system", () => {
  it("nnx.split / merge and checkpoints keep every variable, a '__proto__' field included", () => {
    const m = new HostileModel(3);
    const [graphdef, state] = nnx.split(m);
    const copy = nnx.merge(graphdef, state);
    expect(flatBits(copy)).toEqual(flatBits(m));
    expect(get<nnx.Param>(copy, "__proto__")).not.toBe(get<nnx.Param>(m, "__proto__"));
    const dir = mkdtempSync(join(tmpdir(), "kiln-hostile-"));
    try {
      const file = join(dir, "m.safetensors");
      const named = define(define({}, "__proto__", new nnx.Param(jnp.array([1, 2], "float32"))), "toString", new nnx.Param(jnp.array([3], "float32")));
      nnx.saveCheckpoint(file, named);
      const target = define(define({}, "__proto__", new nnx.Param(jnp.zeros([2]))), "toString", new nnx.Param(jnp.zeros([1])));
      nnx.loadCheckpoint(file, target);
      expect(flatBits(target)).toEqual(flatBits(named));
      // a field "a.b" and a nested a.b would be the same tensor name: refused rather than one silently lost
      const clash = define({ a: { b: new nnx.Param(jnp.zeros([1])) } }, "a.b", new nnx.Param(jnp.ones([1])));
      expect(() => nnx.saveCheckpoint(file, clash)).toThrow("saveCheckpoint: two variables are both named 'a.b'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("nnx.update tells a field named 'a.b' from the field b of a", () => {
    const model = define({ a: { b: new nnx.Param(jnp.zeros([1])) } }, "a.b", new nnx.Param(jnp.zeros([1])));
    nnx.update(model, define({}, "a.b", jnp.ones([1])));
    expect(get<nnx.Param>(model, "a.b").value.tolist()).toEqual([1]);
    expect(model.a.b.value.tolist()).toEqual([0]);
  });
});

describe("kiln inspect", () => {
  it("prints generated JavaScript that passes the same checks", async () => {
    for (const model of ["linear", "mlp"]) {
      const io = captureIo();
      expect(await runCli(["inspect", "--model", model, "--shape", "4,3,2"], io)).toBe(0);
      const text = io.stdoutText();
      checkSource(text.slice(text.indexOf("== generated JavaScript\n") + "== generated JavaScript\n".length));
    }
  });

  it("rejects hostile arguments with a usage error before lowering anything", async () => {
    for (const h of hostile) {
      for (const flag of ["--model", "--shape"]) {
        const io = captureIo();
        expect(await runCli(["inspect", flag, h], io)).toBe(2);
        expect(io.stdoutText()).toBe("");
        expect(io.stderrText()).toMatch(new RegExp(`^kiln inspect: ${flag}: must be [^\n]*\n$`));
      }
    }
  });
});
