import { argumentError, Array, finiteNumber, jnp, type NestedNumbers } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";

/** Python's int(): truncation toward zero, with the errors Python and numpy would raise. */
function pythonInt(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v)) throw argumentError(fn, name, `must be a number, got ${v === null ? "null" : typeof v === "number" ? "NaN" : typeof v}`);
  if (!Number.isFinite(v)) throw argumentError(fn, name, `must be finite, got ${v}`);
  return Math.trunc(v) + 0; // + 0 turns -0 into 0
}

function matrix(fn: string, name: string, v: unknown): Array {
  const a = v instanceof Array ? jnp.astype(v, "float32") : jnp.asarray(v as NestedNumbers, "float32", fn, name);
  if (a.ndim !== 2) throw argumentError(fn, name, `must be a 2-D matrix, got shape [${a.shape.join(", ")}]`);
  if (a.shape[0] === 0 || a.shape[1] === 0) throw argumentError(fn, name, `must not be empty, got shape [${a.shape.join(", ")}]`);
  return a;
}

export const loss = (model: nnx.Linear, x: Array, y: Array): Array => jnp.mean(jnp.square(jnp.subtract(model.call(x), y)));

/** The Flax NNX training step for a loss: value and grads, one optimizer update, return the loss. */
export function trainStepFor<M extends nnx.Module>(lossFn: (m: M, x: Array, y: Array) => Array) {
  return (model: M, optimizer: nnx.Optimizer, x: Array, y: Array): Array => {
    const [value, grads] = nnx.valueAndGrad(lossFn)(model, x, y);
    optimizer.update(model, grads);
    return value;
  };
}

/** The seed problem's training step, written the Flax NNX way. */
export const makeTrainStep = () => trainStepFor(loss);

export interface SeedProblem {
  seed: number;
  x: Array;
  y: Array;
  lr: number;
  numSteps: number;
}

/** Validates and converts the seed problem's inputs; every error names the argument. */
export function checkSeedProblem(seed: unknown, x: unknown, y: unknown, lr: unknown, numSteps: unknown, fn = "trainStepLoss"): SeedProblem {
  const s = pythonInt(fn, "seed", seed);
  if (Math.abs(s) >= 2 ** 63) throw argumentError(fn, "seed", `${seed} does not fit in int64 (JAX raises OverflowError)`);
  const xa = matrix(fn, "x", x);
  const ya = matrix(fn, "y", y);
  if (xa.shape[0] !== ya.shape[0]) throw argumentError(fn, "y", `has ${ya.shape[0]} rows but x has ${xa.shape[0]}`);
  const rate = finiteNumber(fn, "lr", lr);
  const n = pythonInt(fn, "numSteps", numSteps);
  if (n < 1) throw argumentError(fn, "numSteps", `must be at least 1 after int() truncation, got ${numSteps}`);
  return { seed: s, x: xa, y: ya, lr: rate, numSteps: n };
}

/**
 * The seed problem: a Flax NNX Linear model trained with SGD on one batch for numSteps
 * compiled steps; returns float32 [loss before step 0, loss before the last step].
 */
export function trainStepLoss(seed: number, x: Array | NestedNumbers, y: Array | NestedNumbers, lr: number, numSteps: number, options: { jit?: boolean } = {}): Array {
  const p = checkSeedProblem(seed, x, y, lr, numSteps);
  const model = new nnx.Linear(p.x.shape[1]!, p.y.shape[1]!, { rngs: new nnx.Rngs(BigInt(p.seed)) });
  const optimizer = new nnx.Optimizer(model, optax.sgd(p.lr), { wrt: nnx.Param });
  const step = options.jit === false ? makeTrainStep() : nnx.jit(makeTrainStep());
  let first = 0;
  let last = 0;
  for (let i = 0; i < p.numSteps; i++) {
    last = step(model, optimizer, p.x, p.y).item();
    if (i === 0) first = last;
  }
  return jnp.array(Float32Array.from([first, last]));
}
