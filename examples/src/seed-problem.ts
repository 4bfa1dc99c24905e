// The seed problem written the way a Flax NNX user writes it, against kiln's published types.
import { jnp, nnx, optax, trainStepLoss, type Array } from "kiln";

const x = jnp.array([[-0.842258, 1.2456025], [1.426472, -0.8866022], [1.357464, 1.5997769], [1.6095186, 0.97514296]], "float32");
const y = jnp.array([[0.9825375], [-1.3594503], [-0.05646336], [-0.45274875]], "float32");

const model = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
const optimizer = new nnx.Optimizer(model, optax.sgd(0.05), { wrt: nnx.Param });
const lossFn = (m: nnx.Linear, xb: Array, yb: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(xb), yb)));
const trainStep = nnx.jit((m: nnx.Linear, opt: nnx.Optimizer, xb: Array, yb: Array) => {
  const [loss, grads] = nnx.valueAndGrad(lossFn)(m, xb, yb);
  opt.update(m, grads);
  return loss;
});

const losses: number[] = [];
for (let step = 0; step < 10; step++) losses.push(trainStep(model, optimizer, x, y).item());
console.log("losses:", losses.map((l) => l.toPrecision(6)).join(" "));
console.log("kernel:", JSON.stringify(model.kernel.value.tolist()));
console.log("trainStepLoss(0, x, y, 0.05, 10):", JSON.stringify(trainStepLoss(0, x, y, 0.05, 10).tolist()));
