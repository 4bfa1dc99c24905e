import { graphToDot, jnp } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import * as optax from "@kiln/optax";
import { MLPClassifier, crossEntropy, trainStepFor } from "../train/models.js";
import { makeTrainStep } from "../train-step-loss.js";
import { UsageError } from "./usage-error.js";

function sizes(flag: string, v: string | undefined, n: number): number[] {
  const parts = (v ?? "").split(",").map(Number);
  if (parts.length !== n || parts.some((p) => !Number.isInteger(p) || p < 1)) throw new UsageError(`${flag}: must be ${n} positive integers separated by commas, got ${v ?? "nothing"}`);
  return parts;
}

/**
 * kiln inspect: what the compiler did with a train step: the traced graph (forward, backward
 * and update), the optimized graph, the fusion plan and the generated JavaScript.
 */
export function inspectCommand(args: string[], out: (text: string) => void): void {
  let model: "linear" | "mlp" = "linear";
  let shape = [64, 8, 4];
  let dot = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--model") {
      const v = args[++i];
      if (v !== "linear" && v !== "mlp") throw new UsageError(`--model: must be linear or mlp, got ${v ?? "nothing"}`);
      model = v;
    } else if (a === "--shape") shape = sizes(a, args[++i], 3);
    else if (a === "--dot") dot = true;
    else throw new UsageError(`inspect: unknown option '${a}' (see kiln --help)`);
  }
  const [n, din, dout] = shape as [number, number, number];
  const x = jnp.zeros([n, din]);
  let lowered;
  if (model === "linear") {
    const m = new nnx.Linear(din, dout, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(m, optax.sgd(0.05), { wrt: nnx.Param });
    lowered = nnx.jit(makeTrainStep()).lower(m, opt, x, jnp.zeros([n, dout]));
  } else {
    const m = new MLPClassifier(din, 16, dout, new nnx.Rngs(0));
    const opt = new nnx.Optimizer(m, optax.adam(0.01), { wrt: nnx.Param });
    lowered = nnx.jit(trainStepFor(crossEntropy)).lower(m, opt, x, jnp.zeros([n], "int32"));
  }
  const title = model === "linear" ? `Linear(${din}, ${dout}) + MSE + sgd, batch ${n}` : `MLP ${din}-16-${dout} + cross-entropy + adam, batch ${n}`;
  out(`# kiln inspect: ${title}\n`);
  out(`== traced graph (forward, backward, optimizer update)\n${lowered.graph.toString()}\n`);
  out(`== optimized graph\n${lowered.optimized}\n`);
  out(`== fusion plan\n${lowered.plan}\n`);
  out(`== generated JavaScript\n${lowered.source}`);
  if (dot) out(`\n== graph (Graphviz DOT)\n${graphToDot(lowered.graph, title)}`);
}
