/**
 * Prints what codegen makes of an example: the traced graph, the optimized graph, the fusion
 * plan (kernels and what each stores) and the generated JavaScript.
 *
 *   npx tsx tools/dump-codegen.ts [mse | sgd | softmax | mlp] [--in-place]
 */
import { compile } from "@kiln/codegen";
import { jnp, lax, makeGraph, nn, ShapedArray, type Array, type ClosedGraph } from "@kiln/core";

const f32 = (...shape: number[]) => new ShapedArray(shape, "float32");

/** A Linear layer's step with MSE and SGD; the backward pass is written out as grad would produce it. */
function sgd(w: Array, b: Array, x: Array, y: Array): Array[] {
  const d = jnp.subtract(jnp.add(jnp.matmul(x, w), b), y);
  const g = jnp.multiply(d, Math.fround(2 / d.size));
  const w2 = jnp.subtract(w, jnp.multiply(lax.dotGeneral(x, g, [[0], [0]]), 0.01));
  const b2 = jnp.subtract(b, jnp.multiply(jnp.sum(g, { axis: 0 }), 0.01));
  return [jnp.mean(jnp.square(d)), w2, b2];
}

const examples: Record<string, () => { graph: ClosedGraph; inPlace?: Map<number, number> }> = {
  mse: () => ({
    graph: makeGraph((x: Array, w: Array, b: Array, y: Array) => jnp.mean(jnp.square(jnp.subtract(jnp.add(jnp.matmul(x, w), b), y))))(
      f32(8, 4), f32(4, 3), f32(3), f32(8, 3)),
  }),
  sgd: () => ({ graph: makeGraph(sgd)(f32(16, 4), f32(4), f32(64, 16), f32(64, 4)), inPlace: new Map([[1, 0], [2, 1]]) }),
  softmax: () => ({ graph: makeGraph((x: Array) => nn.softmax(x))(f32(4, 10)) }),
  mlp: () => ({ graph: makeGraph((x: Array, w1: Array, w2: Array) => jnp.matmul(nn.gelu(jnp.matmul(x, w1)), w2))(f32(32, 16), f32(16, 64), f32(64, 8)) }),
};

const name = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "mse";
const example = examples[name];
if (!example) {
  console.error(`unknown example '${name}'; choose one of: ${Object.keys(examples).join(", ")}`);
  process.exit(1);
}
const { graph, inPlace } = example();
const exe = compile(graph, { name, inPlace: process.argv.includes("--in-place") || name === "sgd" ? inPlace : undefined });
const section = (title: string, body: string) => console.log(`== ${title} ==\n${body}\n`);
section("traced graph", exe.graph);
section("optimized graph", exe.optimizedGraph);
section("fusion plan", exe.plan);
section("generated source", exe.source);
