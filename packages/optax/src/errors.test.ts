import { describe, expect, it } from "vitest";
import { ArgumentError, jnp, type Array } from "@kiln/core";
import {
  adam, adamw, addDecayedWeights, applyUpdates, chain, clipByGlobalNorm, rmsprop, scale, scaleByAdam, scaleByLearningRate,
  sgd, trace,
} from "./index.js";

const arr = (xs: number[]) => jnp.array(xs, "float32");

describe("bad options fail at construction with one line naming the argument", () => {
  it.each([
    [() => sgd(NaN), "sgd: argument 'learningRate' must be a finite number or a schedule function, got NaN"],
    [() => sgd(Infinity), "sgd: argument 'learningRate' must be a finite number or a schedule function, got Infinity"],
    [() => sgd("0.1" as unknown as number), `sgd: argument 'learningRate' must be a finite number or a schedule function, got "0.1" (a string)`],
    [() => sgd(0.1, { momentum: -0.9 }), "sgd: argument 'momentum' must not be negative, got -0.9"],
    [() => sgd(0.1, { momentum: NaN }), "sgd: argument 'momentum' must be a finite number, got NaN"],
    [() => sgd(0.1, { momentun: 0.9 } as never), "sgd: argument 'options' has unknown key 'momentun' (known keys: momentum, nesterov)"],
    [() => sgd(0.1, { nesterov: true }), "sgd: argument 'nesterov' needs 'momentum' to be set"],
    [() => sgd(0.1, { momentum: 0.9, nesterov: 1 as unknown as boolean }), "sgd: argument 'nesterov' must be true or false, got 1"],
    [() => sgd(0.1, 5 as never), "sgd: argument 'options' must be an object, got 5"],
    [() => adam(0.1, { b1: 1 }), "adam: argument 'b1' must be in [0, 1), got 1"],
    [() => adam(0.1, { b2: -0.1 }), "adam: argument 'b2' must be in [0, 1), got -0.1"],
    [() => adam(0.1, { eps: -1 }), "adam: argument 'eps' must not be negative, got -1"],
    [() => adam(0.1, { weightDecay: 0.1 } as never), "adam: argument 'options' has unknown key 'weightDecay' (known keys: b1, b2, eps, epsRoot)"],
    [() => adamw(0.1, { weightDecay: NaN }), "adamw: argument 'weightDecay' must be a finite number, got NaN"],
    [() => adamw(0.1, { weightDecay: -1 }), "adamw: argument 'weightDecay' must not be negative, got -1"],
    [() => adamw(0.1, { mask: { w: "yes" } }), "addDecayedWeights: argument 'mask' must be a pytree of booleans"],
    [() => rmsprop(0.1, { decay: 1.5 }), "rmsprop: argument 'decay' must be in [0, 1], got 1.5"],
    [() => rmsprop(0.1, { centred: true } as never), "rmsprop: argument 'options' has unknown key 'centred'"],
    [() => scale(NaN), "scale: argument 'stepSize' must be a finite number, got NaN"],
    [() => trace(-1), "trace: argument 'decay' must not be negative, got -1"],
    [() => scaleByAdam({ beta1: 0.9 } as never), "scaleByAdam: argument 'options' has unknown key 'beta1'"],
    [() => scaleByLearningRate(0.1, { flip: true } as never), "scaleByLearningRate: argument 'options' has unknown key 'flip'"],
    [() => clipByGlobalNorm(0), "clipByGlobalNorm: argument 'maxNorm' must be positive, got 0"],
    [() => addDecayedWeights(Infinity), "addDecayedWeights: argument 'weightDecay' must be a finite number, got Infinity"],
  ])("%#", (make, message) => {
    expect(make).toThrow(ArgumentError);
    expect(make).toThrow(message);
  });
});

describe("bad updates fail before anything changes", () => {
  it("wrong structures and foreign states name the argument", () => {
    const tx = adam(0.1);
    const params = { w: arr([1, 2]) };
    const state = tx.init(params);
    expect(() => tx.update({ v: arr([1, 2]) }, state, params)).toThrow("scaleByAdam.update: argument 'state' must have the tree structure of 'updates'");
    expect(() => tx.update({ w: arr([1, 2, 3]) }, state, params)).toThrow("argument 'state' leaf 0 has shape [2] but 'updates' has [3]");
    expect(() => tx.update(params, [{}, {}] as unknown as typeof state, params)).toThrow(
      "scaleByAdam.update: argument 'state' must be the state made by init (an object with 'count', 'mu', 'nu'), got an object",
    );
    expect(() => trace(0.9).update(arr([1]), null as never)).toThrow("trace.update: argument 'state' must be the state made by init");
  });

  it("a failed update leaves the state usable and unchanged", () => {
    const tx = chain(clipByGlobalNorm(1), adam(0.1));
    const params = { w: arr([1, 2]) };
    const grads = { w: arr([0.5, -0.5]) };
    const state = tx.init(params);
    const snapshot = JSON.stringify(state, (_, v: unknown) => (v instanceof Object && "tolist" in v ? (v as Array).tolist() : v));
    expect(() => tx.update({ w: arr([1]) }, state, params)).toThrow(ArgumentError);
    expect(JSON.stringify(state, (_, v: unknown) => (v instanceof Object && "tolist" in v ? (v as Array).tolist() : v))).toBe(snapshot);
    const [u1] = tx.update(grads, state, params);
    const [u2] = chain(clipByGlobalNorm(1), adam(0.1)).update(grads, tx.init(params), params);
    expect(u1.w.tolist()).toEqual(u2.w.tolist());
    expect(applyUpdates(params, u1).w.tolist()).toEqual(applyUpdates(params, u2).w.tolist());
  });

  it("a schedule that returns something else is reported", () => {
    const tx = sgd(() => "fast" as unknown as number);
    expect(() => tx.update(arr([1]), tx.init(arr([1])))).toThrow("scaleBySchedule.update: argument 'stepSizeFn' must return a number or an Array, got string");
  });
});
