import { graphToDot, jnp } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import { models, type ModelName } from "../train/registry.js";
import type { CliIo } from "./io.js";

export interface InspectOptions {
  readonly model: ModelName;
  /** Batch, input features, outputs. */
  readonly shape: readonly number[];
  readonly dot: boolean;
}

/**
 * kiln inspect: what the compiler did with a model's train step: the traced graph (forward,
 * backward and update), the optimized graph, the fusion plan and the generated JavaScript.
 */
export async function runInspect(o: InspectOptions, io: CliIo): Promise<void> {
  const out = (text: string) => io.stdout.write(text + "\n");
  const [n, din, dout] = o.shape as [number, number, number];
  const recipe = await models[o.model].recipe();
  const lr = models[o.model].defaultLr;
  const { model, optimizer } = recipe.create(din, dout, 0n, lr);
  const lowered = nnx.jit(recipe.step).lower(model, optimizer, jnp.zeros([n, din]), recipe.targets(n, dout));
  const title = `${recipe.title(din, dout, lr)}, batch ${n}`;
  out(`# kiln inspect: ${title}\n`);
  out(`== traced graph (forward, backward, optimizer update)\n${lowered.graph.toString()}\n`);
  out(`== optimized graph\n${lowered.optimized}\n`);
  out(`== fusion plan\n${lowered.plan}\n`);
  out(`== generated JavaScript\n${lowered.source}`);
  if (o.dot) out(`\n== graph (Graphviz DOT)\n${graphToDot(lowered.graph, title)}`);
}
