// The seed problem's nnx.jit train step (Linear + MSE + SGD) at a size, with the backend and
// thread count from the environment (KILN_BACKEND, KILN_THREADS): best and median ms per step.
//   KILN_BACKEND=wasm npx tsx bench/kernels/seed-step.ts 1024,256,64 [steps]
import { jnp, nnx, optax, settings, type Array } from "kiln";

const [N, Din, Dout] = (process.argv[2] ?? "1024,256,64").split(",").map(Number) as [number, number, number];
const steps = Number(process.argv[3] ?? 30);
const model = new nnx.Linear(Din, Dout, { rngs: new nnx.Rngs(0) });
const optimizer = new nnx.Optimizer(model, optax.sgd(0.05), { wrt: nnx.Param });
const rnd = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
const x = jnp.reshape(jnp.asarray(rnd(N * Din)), [N, Din]);
const y = jnp.reshape(jnp.asarray(rnd(N * Dout)), [N, Dout]);
const mse = (m: nnx.Linear, xb: Array, yb: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(xb), yb)));
const step = nnx.jit((m: nnx.Linear, o: nnx.Optimizer, xb: Array, yb: Array) => {
  const [loss, grads] = nnx.valueAndGrad(mse)(m, xb, yb);
  o.update(m, grads);
  return loss;
});
let t = performance.now();
const first = step(model, optimizer, x, y).item();
const firstMs = performance.now() - t;
const times: number[] = [];
let loss = first;
for (let i = 0; i < steps; i++) {
  t = performance.now();
  loss = step(model, optimizer, x, y).item();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const flops = 6 * N * Din * Dout;
const med = times[times.length >> 1]!;
console.log(`${N},${Din},${Dout} backend=${settings().backend} threads=${settings().threads ?? "auto"}: best ${times[0]!.toFixed(2)} ms, median ${med.toFixed(2)} ms (${(flops / med / 1e6).toFixed(1)} GFLOP/s nominal), first ${firstMs.toFixed(0)} ms, loss ${first.toPrecision(7)} -> ${loss.toPrecision(7)}`);
process.exit(0);
