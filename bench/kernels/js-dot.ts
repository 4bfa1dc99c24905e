// The JS lowering of dot_general against the hand-written reference (bench/gemm.ts), side by side
// in one process: the two matmuls of the seed step (y = x·W and gW = xᵀ·g) at the S, M and L
// sizes, and optionally the whole JS-only seed step against bench/reference-linear.ts. Samples
// alternate kiln / reference; medians (the machine is shared and noisy: run it a few times).
//   npx tsx bench/kernels/js-dot.ts [S,M,L] [--step] [--samples=7]
import { lax, makeGraph, ShapedArray, type Array } from "@kiln/core";
import { packPanel, packPanels, panelsFor, tile4x4, tile4x4Strided } from "../gemm.js";
import { compile } from "@kiln/codegen";

const sizes = { S: [64, 8, 4], M: [1024, 256, 64], L: [4096, 1024, 256] } as const;
type Size = keyof typeof sizes;
const args = process.argv.slice(2);
const picked = (args.find((a) => !a.startsWith("--")) ?? "S,M,L").split(",") as Size[];
const samples = Number(args.find((a) => a.startsWith("--samples="))?.slice(10) ?? 7);
const fround = Math.fround;
const rnd = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);

/** C[M,N] = Σ_k A[i,k]·B[k,j] with A read as (row stride, k stride): the reference's kernel. */
function referenceDot(M: number, N: number, K: number, aRow: number, aK: number): (A: Float32Array, B: Float32Array, C: Float32Array) => void {
  const direct = N < 16;
  const bp = direct ? new Float64Array(0) : panelsFor(N, K);
  const ap = new Float64Array(4 * K);
  const t = new Float64Array(16);
  return (A, B, C) => {
    if (!direct) packPanels(bp, B, N, K, 1, N);
    for (let i = 0; i < M; i += 4) {
      const rows = Math.min(4, M - i);
      if (!direct) packPanel(ap, 0, A, i * aRow, rows, K, aRow, aK);
      for (let j = 0; j < N; j += 4) {
        if (direct) tile4x4Strided(A, i * aRow, aRow, aK, B, j, 1, N, K, t);
        else tile4x4(ap, 0, bp, j * K, K, t);
        for (let r = 0; r < rows; r++) for (let c = 0; c < Math.min(4, N - j); c++) C[(i + r) * N + j + c] = fround(t[4 * r + c]!);
      }
    }
  };
}

interface Case {
  readonly label: string;
  readonly macs: number;
  readonly kiln: () => void;
  readonly reference: () => void;
  readonly check: () => boolean;
}

/** y = x·W ([n,din]·[din,dout]) or gW = xᵀ·g ([n,din]ᵀ·[n,dout]), compiled with backend "js". */
function dotCase(size: Size, transposed: boolean): Case {
  const [n, din, dout] = sizes[size];
  const x = rnd(n * din, 1);
  const other = transposed ? rnd(n * dout, 2) : rnd(din * dout, 3);
  const f = transposed ? (a: Array, b: Array) => lax.dotGeneral(a, b, [[0], [0]]) : (a: Array, b: Array) => lax.dotGeneral(a, b, [[1], [0]]);
  const g = makeGraph(f)(new ShapedArray([n, din], "float32"), new ShapedArray(transposed ? [n, dout] : [din, dout], "float32"));
  const exe = compile(g, { backend: "js" });
  const [M, K] = transposed ? [din, n] : [n, din];
  const ref = referenceDot(M, dout, K, transposed ? 1 : din, transposed ? din : 1);
  const C = new Float32Array(M * dout);
  let out: Float32Array = new Float32Array(0);
  return {
    label: `${size} ${transposed ? "xᵀ·g" : "x·W"} [${M}x${K}]·[${K}x${dout}]`,
    macs: M * dout * K,
    kiln: () => { out = exe.run([x, other])[0] as Float32Array; },
    reference: () => ref(x, other, C),
    check: () => out.every((v, i) => Object.is(v, C[i])),
  };
}

/** The JS-only nnx.jit seed step against ReferenceLinear on the same problem. */
async function stepCase(size: Size): Promise<Case> {
  const { jnp, nnx, optax, updateSettings } = await import("kiln");
  updateSettings({ backend: "js" });
  const { ReferenceLinear } = await import("../reference-linear.js");
  const [n, din, dout] = sizes[size];
  const w0 = rnd(din * dout, 4).map((v) => fround(v / Math.sqrt(din)));
  const b0 = new Float32Array(dout);
  const xs = rnd(n * din, 5), ys = rnd(n * dout, 6);
  const model = new nnx.Linear(din, dout, {
    rngs: new nnx.Rngs(0),
    kernelInit: () => jnp.reshape(jnp.asarray(w0), [din, dout]),
    biasInit: () => jnp.asarray(b0),
  });
  const opt = new nnx.Optimizer(model, optax.sgd(0.05), { wrt: nnx.Param });
  const x = jnp.reshape(jnp.asarray(xs), [n, din]);
  const y = jnp.reshape(jnp.asarray(ys), [n, dout]);
  const mse = (m: typeof model, xb: Array, yb: Array) => jnp.mean(jnp.square(jnp.subtract(m.call(xb), yb)));
  const step = nnx.jit((m: typeof model, o: typeof opt, xb: Array, yb: Array) => {
    const [loss, grads] = nnx.valueAndGrad(mse)(m, xb, yb);
    o.update(m, grads);
    return loss;
  });
  const reference = new ReferenceLinear({ kind: "linear", name: size, n, din, dout, lr: 0.05, x: xs, y: ys, w0, b0, flops: 6 * n * din * dout, initSource: "bench" });
  let kl = 0, rl = 0;
  return {
    label: `${size} seed step (JS only)`,
    macs: 3 * n * din * dout,
    kiln: () => { kl = step(model, opt, x, y).item(); },
    reference: () => { rl = reference.step(); },
    // both start from the same weights and take as many steps: the losses agree bit for bit
    check: () => Object.is(kl, rl),
  };
}

/** Warms `f` up (at least ~200 ms of calls), then: calls per timed sample, so that a sample lasts ~50 ms. */
function callsFor(f: () => void): number {
  let calls = 0;
  const t = performance.now();
  do {
    f();
    calls++;
  } while (performance.now() - t < 200);
  const ms = (performance.now() - t) / calls;
  return Math.max(1, Math.ceil(50 / ms));
}

function time(f: () => void, calls: number): number {
  const t = performance.now();
  for (let c = 0; c < calls; c++) f();
  return (performance.now() - t) / calls;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));

const cases: Case[] = [];
for (const s of picked) cases.push(dotCase(s, false), dotCase(s, true));
if (args.includes("--step")) for (const s of picked) cases.push(await stepCase(s));

console.log(`samples=${samples}; medians in ms; ratio = reference time / kiln time (above 1: kiln faster)`);
for (const c of cases) {
  c.kiln();
  c.reference();
  const same = c.check();
  const calls = Math.min(callsFor(c.kiln), callsFor(c.reference));
  const k: number[] = [], r: number[] = [];
  for (let s = 0; s < samples; s++) {
    k.push(time(c.kiln, calls));
    r.push(time(c.reference, calls));
  }
  const [km, rm] = [median(k), median(r)];
  console.log(
    `${c.label.padEnd(40)} kiln-js ${fmt(km).padStart(8)}  reference ${fmt(rm).padStart(8)}  ratio ${(rm / km).toFixed(2)}  ` +
      `(${((2 * c.macs) / km / 1e6).toFixed(2)} vs ${((2 * c.macs) / rm / 1e6).toFixed(2)} GFLOP/s; ${calls} calls/sample; same bits: ${same ? "yes" : "NO"})`,
  );
}
process.exit(0);
