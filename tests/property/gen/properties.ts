import { grad, valueAndGrad } from "@kiln/autodiff";
import { compile, constantFold, cse, dce, jit, optimize, simplify } from "@kiln/codegen";
import { evalGraph, jnp, makeGraph, printGraph, verifyGraph, type Array, type ClosedGraph, type Graph } from "@kiln/core";
import { assertSameOutputs, parseSource } from "./check.js";
import * as f64 from "./f64.js";
import { parseGraph } from "./graph-text.js";
import { arrayOf, programFn, type Program } from "./program.js";
import { f64Loss, kilnLoss, type SmoothProgram } from "./smooth.js";

/** The three properties, as functions of one program (the test files run them on random programs, the regressions on fixed ones). */

/**
 * Random well-typed programs over the whole op set (elementwise with broadcasting and literals,
 * comparisons, selects, casts and bitcasts, reductions, argmax, dot_general with any dimension
 * numbers, reshape/transpose/broadcast/squeeze, slices, concatenate, pad, iota, take,
 * scatter_add, fma, random bits, and jnp functions built from them) on float/int/bool inputs
 * with edge values: every compiled form equals eager mode bit for bit.
 */
export function checkCompiledEqualsEager(p: Program): void {
  const f = programFn(p);
  const inputs = p.inputs.map(arrayOf);
  const buffers = inputs.map((x) => x.toTypedArray());
  const eager = f(...inputs);
  const graph = makeGraph(f)(...inputs);
  verifyGraph(graph);
  const optimized = optimize(graph);
  verifyGraph(optimized);
  assertSameOutputs("the optimized graph run op by op", evalGraph(optimized, optimized.constValues, inputs), eager);
  for (const opt of [true, false]) {
    const exe = compile(graph, { optimize: opt });
    parseSource(exe.source);
    assertSameOutputs(`compile(graph, { optimize: ${opt} })`, exe.run(buffers), eager);
  }
  const jitted = jit(f);
  assertSameOutputs("jit(f)", jitted(...inputs), eager);
  assertSameOutputs("jit(f), cached", jitted(...inputs), eager);
  parseSource(jitted.lower(...inputs).source);
}

/**
 * Printed graphs are the whole graph: after tracing, after every pass and after grad, the
 * verifier accepts the graph, the printed text parses back into a graph the verifier accepts,
 * prints identically, and evaluates to the same values.
 */
function checkText(what: string, g: Graph, consts: readonly Array[], inputs: readonly Array[]): void {
  verifyGraph(g);
  const text = printGraph(g);
  const parsed = parseGraph(text);
  try {
    verifyGraph(parsed);
  } catch (e) {
    throw new Error(`${what}: the printed graph does not re-verify: ${(e as Error).message}\n${text}`, { cause: e });
  }
  if (printGraph(parsed) !== text) throw new Error(`${what}: printing the parsed graph gives different text\n${text}\n---\n${printGraph(parsed)}`);
  assertSameOutputs(`${what}, parsed back and run`, evalGraph(parsed, consts, inputs), evalGraph(g, consts, inputs));
}

/** The sum of the program's float32 outputs, as a function of its float32 inputs (the others held fixed). */
function lossOf(p: Program, inputs: readonly Array[]): { loss: (...floats: Array[]) => Array; floats: Array[] } {
  const f = programFn(p);
  const floatIdx = inputs.flatMap((x, i) => (x.dtype === "float32" ? [i] : []));
  const loss = (...floats: Array[]) => {
    const all = inputs.map((x, i) => (floatIdx.includes(i) ? floats[floatIdx.indexOf(i)]! : x));
    const outs = f(...all).filter((o) => o.dtype === "float32");
    return outs.reduce((acc: Array, o) => jnp.add(acc, jnp.sum(o)), jnp.zeros([]));
  };
  return { loss, floats: floatIdx.map((i) => inputs[i]!) };
}

export function checkProgramGraphs(p: Program): void {
  const inputs = p.inputs.map(arrayOf);
  const traced = makeGraph(programFn(p))(...inputs);
  const consts = traced.constValues;
  checkText("traced", traced, consts, inputs);
  for (const [name, pass] of [["simplify", simplify], ["constantFold", constantFold], ["cse", cse], ["dce", dce]] as const) {
    checkText(`after ${name}`, (pass as (g: Graph) => Graph)(traced), consts, inputs);
  }
  checkText("after optimize", optimize(traced), consts, inputs);

  const { loss, floats } = lossOf(p, inputs);
  if (floats.length === 0) return;
  const gradFn = grad(loss, { argnums: floats.map((_, i) => i) }) as (...xs: Array[]) => Array[];
  const gradGraph: ClosedGraph = makeGraph(gradFn)(...floats);
  checkText("grad", gradGraph, gradGraph.constValues, floats);
  const optimizedGrad = optimize(gradGraph);
  checkText("grad, optimized", optimizedGrad, optimizedGrad.constValues, floats);
  // the backward pass compiles to eager's bits too
  const exe = compile(gradGraph);
  parseSource(exe.source);
  assertSameOutputs("compiled grad", exe.run(floats.map((x) => x.toTypedArray())), gradFn(...floats));
}

/**
 * Gradients of random smooth float programs (every op C-infinity on its whole domain: tanh,
 * sin, logistic, x^2, x^3, exp(tanh x), log(1 + x^2), sqrt/rsqrt(1 + x^2), erf, x / (1 + y^2),
 * (1 + x^2) ** tanh(y), atan2(x, 1 + y^2), fma, sum/mean/logsumexp, softmax, reshape,
 * transpose, broadcast, strided slices, concatenate, where, pad (also negative), take,
 * dot_general, matmul) agree with central finite differences of an independent float64
 * interpreter of the same program description, and jit(grad) equals eager grad bit for bit.
 *
 * Tolerances. The reference is accurate to ~1e-9 relative: a Richardson-extrapolated central
 * difference (4 D(h/2) - D(h)) / 3 with h = 1e-3 has truncation error h^4/480 |f^(5)| (at most
 * ~1e-8 with the bounds below) and rounding error ~1e-16 |F| / h. kiln's gradient is float32:
 * each op rounds with relative error 2^-24 (6e-8); sums and dots accumulate in a double. A
 * program has at most 12 ops and every |value| <= 64, so without cancellation the gradient is
 * good to ~40 roundings = 2.4e-6 relative; with cancellation the absolute error scales with the
 * largest gradient component instead, and the gradient also inherits the forward pass's
 * float32 errors (second derivatives are bounded by the same magnitude bounds). Hence
 * |g - fd| <= 2e-4 (|fd| + 0.05 max|fd|) + 1e-6 (1 + |F|): ~80x the no-cancellation
 * estimate, ~1000x below the error of a wrong rule (a missing factor or term is O(|g|)).
 * Measured over 1,500 programs: the largest error uses 5% of this tolerance (99th percentile
 * 0.1%, median 0: most gradients are exact); a deliberately wrong tanh/logistic/sin rule fails
 * within a few programs.
 */
const RTOL = 2e-4;

function fdGradient(p: SmoothProgram, xs: readonly f64.Nd[]): number[][] {
  const F = (k: number, i: number, delta: number) => {
    const moved = xs.map((x, j) => (j === k ? f64.nd(x.shape, x.data.map((v, e) => (e === i ? v + delta : v))) : x));
    return f64Loss(p, moved);
  };
  const h = 1e-3;
  const central = (k: number, i: number, step: number) => (F(k, i, step) - F(k, i, -step)) / (2 * step);
  return xs.map((x, k) => globalThis.Array.from(x.data, (_, i) => (4 * central(k, i, h / 2) - central(k, i, h)) / 3));
}

export function checkGradient(p: SmoothProgram): void {
  const xs = p.inputs.map((s) => jnp.reshape(jnp.array(s.values, "float32"), s.shape));
  const loss = kilnLoss(p);
  const vg = valueAndGrad(loss, { argnums: xs.map((_, i) => i) }) as (...a: Array[]) => [Array, Array[]];
  const [value, grads] = vg(...xs);
  const [jValue, jGrads] = jit(vg)(...xs);
  assertSameOutputs("jit(valueAndGrad)", [jValue, ...jGrads], [value, ...grads]);

  const ref = p.inputs.map((s) => f64.nd(s.shape, s.values));
  const F = f64Loss(p, ref);
  if (Math.abs(value.item() - F) > 1e-5 * (1 + Math.abs(F)) * 64) {
    throw new Error(`forward: kiln ${value.item()} vs float64 ${F}`);
  }
  const fd = fdGradient(p, ref);
  const scale = Math.max(0, ...fd.flat().map(Math.abs));
  grads.forEach((g, k) => {
    const got = g.toTypedArray();
    fd[k]!.forEach((want, i) => {
      const tol = RTOL * (Math.abs(want) + 0.05 * scale) + 1e-6 * (1 + Math.abs(F));
      if (!(Math.abs(got[i]! - want) <= tol)) {
        throw new Error(`d loss / d input ${k}[${i}]: kiln ${got[i]} vs float64 finite difference ${want} (tolerance ${tol.toExponential(2)})`);
      }
    });
  });
}

