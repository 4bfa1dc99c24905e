import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Problem } from "../problem.js";
import type { Peer, Runner } from "./types.js";

const require = createRequire(import.meta.url);
// tfjs-core's Node entry (dist/tf-core.node.js) registers no gradients, and its ESM files that
// do (dist/register_all_gradients.js) use directory imports that Node's ESM loader rejects
// (ERR_UNSUPPORTED_DIR_IMPORT); through require, tsx loads them as CommonJS. The registries
// are global, so the gradients reach the engine the Node entry uses.
require("@tensorflow/tfjs-core/dist/register_all_gradients.js");
// in Node the wasm backend reads its .wasm files from a path prefix with fs
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.enableProdMode(); // no per-op NaN checks, no "install tfjs-node" banner

function linearRunner(p: Extract<Problem, { kind: "linear" }>): Runner {
  const x = tf.tensor2d(p.x, [p.n, p.din]);
  const y = tf.tensor2d(p.y, [p.n, p.dout]);
  const w = tf.variable(tf.tensor2d(p.w0, [p.din, p.dout]));
  const b = tf.variable(tf.tensor1d(p.b0));
  const opt = tf.train.sgd(p.lr);
  const lossFn = () => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar;
  return {
    step() {
      const loss = opt.minimize(lossFn, true, [w, b])!;
      const v = loss.dataSync()[0]!;
      loss.dispose();
      return v;
    },
    dispose() {
      tf.dispose([x, y, w, b]);
      opt.dispose();
    },
  };
}

function mlpRunner(p: Extract<Problem, { kind: "mlp" }>): Runner {
  const x = tf.tensor2d(p.x, [p.batch, p.din]);
  const onehot = tf.tensor2d(p.onehot, [p.batch, p.classes]);
  const w1 = tf.variable(tf.tensor2d(p.w1, [p.din, p.hidden]));
  const b1 = tf.variable(tf.tensor1d(p.b1));
  const w2 = tf.variable(tf.tensor2d(p.w2, [p.hidden, p.classes]));
  const b2 = tf.variable(tf.tensor1d(p.b2));
  const opt = tf.train.adam(p.lr, 0.9, 0.999, 1e-8); // tfjs's default epsilon is the backend's (1e-7)
  const lossFn = () => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits = tf.add(tf.matMul(h, w2), b2);
    return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), -1))) as tf.Scalar;
  };
  return {
    step() {
      const loss = opt.minimize(lossFn, true, [w1, b1, w2, b2])!;
      const v = loss.dataSync()[0]!;
      loss.dispose();
      return v;
    },
    dispose() {
      tf.dispose([x, onehot, w1, b1, w2, b2]);
      opt.dispose();
    },
  };
}

function tfjsPeer(backend: "cpu" | "wasm", label: string): Peer {
  return {
    id: `tfjs-${backend}`,
    label,
    async create(problem) {
      if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend("${backend}") failed`);
      await tf.ready();
      return problem.kind === "linear" ? linearRunner(problem) : mlpRunner(problem);
    },
  };
}

export const tfjsCpuPeer = tfjsPeer("cpu", "TF.js 4.22 cpu backend");
export const tfjsWasmPeer = tfjsPeer("wasm", "TF.js 4.22 wasm backend");

/** Which wasm binary the backend chose, for the notes (call after the wasm backend ran). */
export async function tfjsWasmFeatures(): Promise<string> {
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  return `SIMD ${simd ? "on" : "off"}, multithreading ${threads ? `on (${getThreadsCount()} threads)` : "off"}`;
}
