// The compiled Linear+MSE+SGD step (in-place W and b) against a hand-written register-tiled JS
// version of the same step (4x4 tiles, double accumulators): same bits, and the time ratio.
//   npx tsx packages/codegen/bench/train-step.ts [N,Din,Dout]     (default 1024,256,64)
import { compile } from "@kiln/codegen";
import { jnp, lax, makeGraph, ShapedArray, type Array } from "@kiln/core";

export function refStep(N: number, Din: number, Dout: number, lr: number) {
  const P = new Float64Array(4 * Dout);
  const D = new Float32Array(N * Dout);
  const G = new Float32Array(N * Dout);
  const gb = new Float64Array(Dout);
  const c = Math.fround(2 / (N * Dout)), inv = Math.fround(1 / (N * Dout)), flr = Math.fround(lr);
  return (W: Float32Array, b: Float32Array, x: Float32Array, y: Float32Array): number => {
    for (let i = 0; i < N; i += 4) {
      for (let j = 0; j < Dout; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let pa = i * Din, pb = j;
        for (let k = 0; k < Din; k++) {
          const a0 = x[pa]!, a1 = x[pa + Din]!, a2 = x[pa + 2 * Din]!, a3 = x[pa + 3 * Din]!;
          const b0 = W[pb]!, b1 = W[pb + 1]!, b2 = W[pb + 2]!, b3 = W[pb + 3]!;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          pa++; pb += Dout;
        }
        P[j] = c00; P[j + 1] = c01; P[j + 2] = c02; P[j + 3] = c03;
        P[Dout + j] = c10; P[Dout + j + 1] = c11; P[Dout + j + 2] = c12; P[Dout + j + 3] = c13;
        P[2 * Dout + j] = c20; P[2 * Dout + j + 1] = c21; P[2 * Dout + j + 2] = c22; P[2 * Dout + j + 3] = c23;
        P[3 * Dout + j] = c30; P[3 * Dout + j + 1] = c31; P[3 * Dout + j + 2] = c32; P[3 * Dout + j + 3] = c33;
      }
      for (let r = 0; r < 4 * Dout; r++) {
        const o = i * Dout + r;
        const d = Math.fround(Math.fround(Math.fround(P[r]!) + b[r % Dout]!) - y[o]!);
        D[o] = Math.fround(d * d);
        G[o] = Math.fround(d * c);
      }
    }
    let s = 0;
    for (let o = 0; o < N * Dout; o++) s += D[o]!;
    const loss = Math.fround(Math.fround(s) * inv);
    for (let i = 0; i < Din; i += 4) {
      for (let j = 0; j < Dout; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let pa = i, pb = j;
        for (let k = 0; k < N; k++) {
          const a0 = x[pa]!, a1 = x[pa + 1]!, a2 = x[pa + 2]!, a3 = x[pa + 3]!;
          const b0 = G[pb]!, b1 = G[pb + 1]!, b2 = G[pb + 2]!, b3 = G[pb + 3]!;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          pa += Din; pb += Dout;
        }
        const accs = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let r = 0; r < 4; r++) for (let q = 0; q < 4; q++) {
          const o = (i + r) * Dout + j + q;
          W[o] = Math.fround(W[o]! - Math.fround(Math.fround(accs[r * 4 + q]!) * flr));
        }
      }
    }
    gb.fill(0);
    for (let i = 0; i < N; i++) for (let j = 0; j < Dout; j++) gb[j] += G[i * Dout + j]!;
    for (let j = 0; j < Dout; j++) b[j] = Math.fround(b[j]! - Math.fround(Math.fround(gb[j]!) * flr));
    return loss;
  };
}

const [N, Din, Dout] = (process.argv[2] ?? "1024,256,64").split(",").map(Number) as [number, number, number];
const lr = 0.01;
function step(W: Array, b: Array, x: Array, y: Array) {
  const d = jnp.subtract(jnp.add(jnp.matmul(x, W), b), y);
  const loss = jnp.mean(jnp.square(d));
  const g = jnp.multiply(d, Math.fround(2 / (N * Dout)));
  const W2 = jnp.subtract(W, jnp.multiply(lax.dotGeneral(x, g, [[0], [0]]), lr));
  const b2 = jnp.subtract(b, jnp.multiply(jnp.sum(g, { axis: 0 }), lr));
  return [loss, W2, b2];
}
const sa = (s: number[]) => new ShapedArray(s, "float32");
const exe = compile(makeGraph(step)(sa([Din, Dout]), sa([Dout]), sa([N, Din]), sa([N, Dout])), { inPlace: new Map([[1, 0], [2, 1]]) });
const rnd = (n: number) => Float32Array.from({ length: n }, () => Math.random() - 0.5);
const W = rnd(Din * Dout), b = rnd(Dout), x = rnd(N * Din), y = rnd(N * Dout);
const W2 = W.slice(), b2 = b.slice();
const ref = refStep(N, Din, Dout, lr);
// same numbers?
const l1 = exe.run([W, b, x, y])[0]![0]!;
const l2 = ref(W2, b2, x, y);
console.log("loss jit", l1, "ref", l2, "W equal", W.every((v, i) => Object.is(v, W2[i])), "b equal", b.every((v, i) => Object.is(v, b2[i])));
const flops = 4 * N * Din * Dout;
const iters = Math.max(3, Math.round(1e9 / flops));
const time = (f: () => void) => { const t0 = performance.now(); for (let i = 0; i < iters; i++) f(); return (performance.now() - t0) / iters; };
for (let i = 0; i < 5; i++) { exe.run([W, b, x, y]); ref(W2, b2, x, y); }
const tj: number[] = [], tr: number[] = [];
for (let r = 0; r < 7; r++) { tj.push(time(() => exe.run([W, b, x, y]))); tr.push(time(() => ref(W2, b2, x, y))); }
const med = (a: number[]) => a.sort((p, q) => p - q)[a.length >> 1]!;
const [mj, mr] = [med(tj), med(tr)];
console.log(`N=${N} Din=${Din} Dout=${Dout}: jit ${mj.toFixed(4)} ms (${(flops / mj / 1e6).toFixed(2)} GFLOP/s), ref ${mr.toFixed(4)} ms (${(flops / mr / 1e6).toFixed(2)} GFLOP/s), ratio ${(mr / mj).toFixed(3)}`);
