import { defaultDevice, init, jit, nn, numpy as np, tree, valueAndGrad } from "@jax-js/jax";
import type { Problem } from "../problem.js";
import type { Peer, Runner } from "./types.js";

/**
 * jax-js 0.1.25 on its wasm backend. In Node its default `init()` fails (it probes WebGPU
 * through `navigator.gpu`: "ReferenceError: navigator is not defined"), so the wasm backend is
 * initialised by name. jax-js counts references by hand: every function consumes its Array
 * arguments, `.ref` keeps one alive for a second use, `dataSync()` consumes the loss.
 */
let ready: Promise<void> | null = null;
function initWasm(): Promise<void> {
  ready ??= init("wasm").then((devices) => {
    if (!devices.includes("wasm")) throw new Error(`jax-js init("wasm") returned [${devices.join(", ")}]`);
    defaultDevice("wasm");
  });
  return ready;
}

type Arr = np.Array;
type LinearParams = { w: Arr; b: Arr };
type MlpParams = { w1: Arr; b1: Arr; w2: Arr; b2: Arr };

function linearRunner(p: Extract<Problem, { kind: "linear" }>): Runner {
  const x = np.array(p.x).reshape([p.n, p.din]);
  const y = np.array(p.y).reshape([p.n, p.dout]);
  let params: LinearParams = { w: np.array(p.w0).reshape([p.din, p.dout]), b: np.array(p.b0) };
  const lossFn = (q: LinearParams, xb: Arr, yb: Arr) => np.square(np.matmul(xb, q.w).add(q.b).sub(yb)).mean();
  const step = jit((q: LinearParams, xb: Arr, yb: Arr): [Arr, LinearParams] => {
    const [loss, g] = valueAndGrad(lossFn)(tree.ref(q), xb, yb);
    return [loss, { w: q.w.sub(g.w.mul(p.lr)), b: q.b.sub(g.b.mul(p.lr)) }];
  });
  return {
    step() {
      const [loss, next] = step(params, x.ref, y.ref);
      params = next;
      return loss.dataSync()[0]!;
    },
    dispose() {
      tree.dispose([x, y, params]);
      step.dispose();
    },
  };
}

const B1 = 0.9, B2 = 0.999, EPS = 1e-8;
const MLP_KEYS = ["w1", "b1", "w2", "b2"] as const;

function mlpRunner(p: Extract<Problem, { kind: "mlp" }>): Runner {
  const x = np.array(p.x).reshape([p.batch, p.din]);
  const onehot = np.array(p.onehot).reshape([p.batch, p.classes]);
  const params0: MlpParams = {
    w1: np.array(p.w1).reshape([p.din, p.hidden]), b1: np.array(p.b1),
    w2: np.array(p.w2).reshape([p.hidden, p.classes]), b2: np.array(p.b2),
  };
  const zeros = (): MlpParams => ({
    w1: np.zeros([p.din, p.hidden]), b1: np.zeros([p.hidden]), w2: np.zeros([p.hidden, p.classes]), b2: np.zeros([p.classes]),
  });
  let state: [MlpParams, MlpParams, MlpParams, Arr] = [params0, zeros(), zeros(), np.array(0)];
  const lossFn = (q: MlpParams, xb: Arr, yb: Arr) => {
    const h = nn.relu(np.matmul(xb, q.w1).add(q.b1));
    const logits = np.matmul(h, q.w2).add(q.b2);
    return np.sum(yb.mul(nn.logSoftmax(logits)), -1).mean().neg();
  };
  // optax.adam: count += 1; mu, nu moving averages; p -= lr · mû / (√nû + eps)
  const step = jit((q: MlpParams, m: MlpParams, v: MlpParams, count: Arr, xb: Arr, yb: Arr): [Arr, MlpParams, MlpParams, MlpParams, Arr] => {
    const [loss, g] = valueAndGrad(lossFn)(tree.ref(q), xb, yb);
    const t = count.add(1);
    const c1 = np.subtract(1, np.power(B1, t.ref));
    const c2 = np.subtract(1, np.power(B2, t.ref));
    const out = { q: {} as MlpParams, m: {} as MlpParams, v: {} as MlpParams };
    for (const k of MLP_KEYS) {
      const gk = g[k];
      const mk = m[k].mul(B1).add(gk.ref.mul(1 - B1));
      const vk = v[k].mul(B2).add(gk.ref.mul(gk).mul(1 - B2));
      const update = mk.ref.div(c1.ref).div(np.sqrt(vk.ref.div(c2.ref)).add(EPS));
      out.q[k] = q[k].sub(update.mul(p.lr));
      out.m[k] = mk;
      out.v[k] = vk;
    }
    c1.dispose();
    c2.dispose();
    return [loss, out.q, out.m, out.v, t];
  });
  return {
    step() {
      const [loss, ...next] = step(...state, x.ref, onehot.ref);
      state = next;
      return loss.dataSync()[0]!;
    },
    dispose() {
      tree.dispose([x, onehot, ...state]);
      step.dispose();
    },
  };
}

export const jaxJsPeer: Peer = {
  id: "jax-js",
  label: "jax-js 0.1.25 wasm (jit + valueAndGrad)",
  async create(problem) {
    await initWasm();
    return problem.kind === "linear" ? linearRunner(problem) : mlpRunner(problem);
  },
};
