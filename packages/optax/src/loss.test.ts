import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grad } from "@kiln/autodiff";
import { ShapedArray, evalGraph, jnp, makeGraph, type Array } from "@kiln/core";
import { l2Loss, sigmoidBinaryCrossEntropy, softmaxCrossEntropy, softmaxCrossEntropyWithIntegerLabels, squaredError } from "./index.js";

const f = Math.fround;
const arr = (xs: number[] | number[][]) => jnp.array(xs, "float32");
const list = (x: Array) => x.tolist() as number[];

/** Relative distance, for values computed in double as a reference. */
function closeTo(got: number[], want: number[], rtol = 4e-7): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(rtol * Math.max(1e-30, Math.abs(want[i]!))));
}

const logits = [[1.2, -0.8, -0.5], [0.9, -1.2, 1.1]];
/** Cross entropy in double from the float32 inputs. */
const refCe = (row: number[], label: number) => {
  const r = row.map(f);
  const m = Math.max(...r);
  return Math.log(r.reduce((s, x) => s + Math.exp(x - m), 0)) + m - r[label]!;
};

describe("regression losses", () => {
  it("squaredError is elementwise (p - t)**2 = RN(d*d); without targets it squares predictions", () => {
    const d = f(f(0.3) - f(1.1));
    expect(list(squaredError(arr([0.3, 2]), arr([1.1, 2])))).toEqual([f(d * d), 0]);
    expect(list(squaredError(arr([-3])))).toEqual([9]);
  });

  it("l2Loss is 0.5 * squaredError", () => {
    expect(list(l2Loss(arr([3, 1]), arr([1, 1])))).toEqual([2, 0]);
  });

  it("rejects integer predictions and mismatched shapes", () => {
    expect(() => squaredError(jnp.array([1, 2], "int32"))).toThrow("squaredError: argument 'predictions' must be a float array, got dtype int32");
    expect(() => squaredError(arr([1, 2]), arr([1, 2, 3]))).toThrow("squaredError: argument 'targets' must have the shape of 'predictions' [2], got [3]");
  });
});

describe("classification losses", () => {
  it("softmaxCrossEntropy matches the optax docstring example and a double reference", () => {
    const got = list(softmaxCrossEntropy(arr(logits), arr([[1, 0, 0], [0, 1, 0]])));
    expect(got.map((x) => Number(x.toFixed(4)))).toEqual([0.2761, 2.9518]);
    closeTo(got, [refCe(logits[0]!, 0), refCe(logits[1]!, 1)]);
  });

  it("softmaxCrossEntropy takes soft labels and an axis", () => {
    const soft = [[0.25, 0.75, 0], [0.5, 0, 0.5]];
    const want = soft.map((p, i) => p.reduce((s, pj, j) => s + f(pj) * refCe(logits[i]!, j), 0));
    closeTo(list(softmaxCrossEntropy(arr(logits), arr(soft))), want, 1e-6);
    const transposed = jnp.transpose(arr(logits));
    closeTo(list(softmaxCrossEntropy(transposed, jnp.transpose(arr(soft)), 0)), want, 1e-6);
  });

  it("integer labels give the same losses as one-hot labels", () => {
    const labels = jnp.array([0, 1], "int32");
    const got = list(softmaxCrossEntropyWithIntegerLabels(arr(logits), labels));
    closeTo(got, [refCe(logits[0]!, 0), refCe(logits[1]!, 1)]);
    closeTo(got, list(softmaxCrossEntropy(arr(logits), arr([[1, 0, 0], [0, 1, 0]]))), 2.5e-7);
  });

  it("integer labels: negative labels count from the end, out-of-range labels give NaN", () => {
    const got = list(softmaxCrossEntropyWithIntegerLabels(arr(logits), jnp.array([-1, 3], "int32")));
    closeTo([got[0]!], [refCe(logits[0]!, 2)]);
    expect(got[1]).toBeNaN();
  });

  it("integer labels must be integers of the batch shape", () => {
    expect(() => softmaxCrossEntropyWithIntegerLabels(arr(logits), arr([0, 1]))).toThrow(
      "softmaxCrossEntropyWithIntegerLabels: argument 'labels' must be an integer array, got dtype float32",
    );
    expect(() => softmaxCrossEntropyWithIntegerLabels(arr(logits), jnp.array([0, 1, 2], "int32"))).toThrow(
      "argument 'labels' must have shape [2] (logits without axis 1), got [3]",
    );
  });

  it("sigmoidBinaryCrossEntropy is -y log(sigmoid(x)) - (1 - y) log(1 - sigmoid(x)), elementwise", () => {
    const x = [2.5, -1, 0, 30, -30];
    const y = [1, 0, 0.5, 0, 1];
    const ref = x.map((xi, i) => {
      const xs = f(xi);
      const logP = -Math.log1p(Math.exp(-xs));
      const logNotP = -Math.log1p(Math.exp(xs));
      return -y[i]! * logP - (1 - y[i]!) * logNotP;
    });
    closeTo(list(sigmoidBinaryCrossEntropy(arr(x), arr(y))), ref, 1e-6);
    expect(list(sigmoidBinaryCrossEntropy(arr([1]), jnp.array([1], "int32")))[0]).toBeCloseTo(Math.log1p(Math.exp(-1)), 6);
  });
});

describe("jax-golden grads: mean(softmax_cross_entropy_with_integer_labels(z, [2, 0]))", () => {
  interface GradCase { name: string; args: number[][][]; value: number; grads: number[][][] }
  const golden = JSON.parse(readFileSync(new URL("../../../tests/reference/jax-golden.json", import.meta.url), "utf8")) as { grads: GradCase[] };
  const c = golden.grads.find((g) => g.name === "softmax_cross_entropy_with_integer_labels")!;
  const z = arr(c.args[0]!);
  const labels = jnp.array([2, 0], "int32"); // the classes the golden gradient is negative at
  const losses: [string, (x: Array) => Array][] = [
    ["integer labels", (x) => jnp.mean(softmaxCrossEntropyWithIntegerLabels(x, labels))],
    ["one-hot labels", (x) => jnp.mean(softmaxCrossEntropy(x, arr([[0, 0, 1], [1, 0, 0]])))],
  ];
  for (const [name, loss] of losses) {
    it(`${name}: value and gradient bit for bit`, () => {
      expect(loss(z).item()).toBe(c.value);
      expect((grad(loss)(z) as Array).tolist()).toEqual(c.grads[0]);
    });
  }
});

describe("losses under tracing", () => {
  it("trace into graphs that evaluate to the eager values", () => {
    const x = arr(logits);
    const labels = jnp.array([2, 0], "int32");
    const fns: [(a: Array, b: Array) => Array, Array][] = [
      [(a, b) => jnp.mean(softmaxCrossEntropyWithIntegerLabels(a, b)), labels],
      [(a, b) => jnp.sum(softmaxCrossEntropy(a, b)), arr([[0, 0, 1], [1, 0, 0]])],
      [(a, b) => jnp.mean(sigmoidBinaryCrossEntropy(a, b)), arr([[1, 0, 1], [0, 0, 1]])],
      [(a, b) => jnp.mean(l2Loss(a, b)), arr([[1, 0, 1], [0, 0, 1]])],
    ];
    for (const [fn, y] of fns) {
      const g = makeGraph(fn)(new ShapedArray(x.shape, "float32"), new ShapedArray(y.shape, y.dtype));
      expect(evalGraph(g, g.constValues, [x, y])[0]!.item()).toBe(fn(x, y).item());
    }
  });
});
