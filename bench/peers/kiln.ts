import type { Array as KArray, nnx as Nnx } from "kiln";
import { loadKiln, type Kiln } from "../kiln-module.js";
import type { LinearProblem, MlpProblem, Problem } from "../problem.js";
import type { Peer, Runner } from "./types.js";

type Step<M> = (model: M, optimizer: Nnx.Optimizer, x: KArray, y: KArray) => KArray;

/** The Flax NNX train step, as a kiln user writes it (README): value and grads, one update. */
function trainStep<M extends Nnx.Module>(kiln: Kiln, lossFn: (m: M, x: KArray, y: KArray) => KArray): Step<M> {
  return (model, optimizer, x, y) => {
    const [loss, grads] = kiln.nnx.valueAndGrad(lossFn)(model, x, y);
    optimizer.update(model, grads);
    return loss;
  };
}

/** A Linear layer whose initial parameters are the problem's (kiln's own init, copied). */
function linearLayer(kiln: Kiln, din: number, dout: number, kernel: Float32Array, bias: Float32Array, rngs: Nnx.Rngs): Nnx.Linear {
  const { jnp, nnx } = kiln;
  return new nnx.Linear(din, dout, {
    rngs,
    kernelInit: () => jnp.reshape(jnp.asarray(kernel), [din, dout]),
    biasInit: () => jnp.asarray(bias),
  });
}

type Mode = "jit" | "jit-js" | "eager";

/**
 * The runner's step: eager, or nnx.jit. For "jit-js" the first call, which compiles, runs
 * with the `backend` setting at "js", so every kernel stays JavaScript (no wasm SIMD, no
 * threads); the setting is read at compile time only, so later calls need nothing.
 */
function stepOf<M>(kiln: Kiln, eager: Step<M>, mode: Mode, args: () => [M, Nnx.Optimizer, KArray, KArray]): () => number {
  if (mode === "eager") return () => eager(...args()).item();
  const jitted = kiln.nnx.jit(eager);
  const run = () => jitted(...args()).item();
  if (mode === "jit") return run;
  let compiled = false;
  return () => {
    if (compiled) return run();
    compiled = true;
    const saved = kiln.updateSettings({ backend: "js" });
    try {
      return run();
    } finally {
      kiln.updateSettings(saved);
    }
  };
}

function linearRunner(kiln: Kiln, p: LinearProblem, mode: Mode): Runner {
  const { jnp, nnx, optax } = kiln;
  const model = linearLayer(kiln, p.din, p.dout, p.w0, p.b0, new nnx.Rngs(0));
  const optimizer = new nnx.Optimizer(model, optax.sgd(p.lr), { wrt: nnx.Param });
  const x = jnp.reshape(jnp.asarray(p.x), [p.n, p.din]);
  const y = jnp.reshape(jnp.asarray(p.y), [p.n, p.dout]);
  const mse = (m: Nnx.Linear, xb: KArray, yb: KArray) => jnp.mean(jnp.square(jnp.subtract(m.call(xb), yb)));
  const args: [Nnx.Linear, Nnx.Optimizer, KArray, KArray] = [model, optimizer, x, y];
  return { step: stepOf(kiln, trainStep(kiln, mse), mode, () => args), dispose: () => {} };
}

function mlpRunner(kiln: Kiln, p: MlpProblem, mode: Mode): Runner {
  const { jnp, nnx, optax } = kiln;
  class Mlp extends nnx.Module {
    readonly hidden: Nnx.Linear;
    readonly out: Nnx.Linear;
    constructor(rngs: Nnx.Rngs) {
      super();
      this.hidden = linearLayer(kiln, p.din, p.hidden, p.w1, p.b1, rngs);
      this.out = linearLayer(kiln, p.hidden, p.classes, p.w2, p.b2, rngs);
    }
    override call(xb: KArray): KArray {
      return this.out.call(nnx.relu(this.hidden.call(xb)));
    }
  }
  const model = new Mlp(new nnx.Rngs(0));
  const optimizer = new nnx.Optimizer(model, optax.adam(p.lr), { wrt: nnx.Param });
  const x = jnp.reshape(jnp.asarray(p.x), [p.batch, p.din]);
  const labels = jnp.asarray(p.labels);
  const crossEntropy = (m: Mlp, xb: KArray, yb: KArray) => jnp.mean(optax.softmaxCrossEntropyWithIntegerLabels(m.call(xb), yb));
  const args: [Mlp, Nnx.Optimizer, KArray, KArray] = [model, optimizer, x, labels];
  return { step: stepOf(kiln, trainStep(kiln, crossEntropy), mode, () => args), dispose: () => {} };
}

function kilnPeer(mode: Mode, id: string, label: string): Peer {
  return {
    id,
    label,
    async create(problem: Problem) {
      const k = await loadKiln();
      if ("error" in k) throw new Error(`kiln could not be imported: ${k.error}`);
      return problem.kind === "linear" ? linearRunner(k.kiln, problem, mode) : mlpRunner(k.kiln, problem, mode);
    },
  };
}

/** kiln's default: nnx.jit with its cost model free to move large dots to wasm SIMD on worker threads. */
export const kilnJitPeer = kilnPeer("jit", "kiln-jit", "kiln nnx.jit step");
/** The same step compiled to JavaScript only: the like-for-like rival of the hand-written reference. */
export const kilnJitJsPeer = kilnPeer("jit-js", "kiln-jit-js", "kiln nnx.jit step, JavaScript only (KILN_BACKEND=js)");
export const kilnEagerPeer = kilnPeer("eager", "kiln-eager", "kiln eager step");
