import { describe, expect, it } from "vitest";
import { KilnError, grad, jit, jnp, lax, nnx, optax, random, trainStepLoss, valueAndGrad, type Array } from "kiln";
import { currentTrace } from "@kiln/core";

/**
 * Bad input to public entry points fails with one line naming the function, the argument and
 * the problem, before anything is allocated or changed. Each row: what is called, and a part
 * of the message that names the argument. Stateful entry points (Rngs draws, Optimizer.update,
 * nnx.update, compiled steps) are also checked bit for bit before and after.
 */
type Row = readonly [name: string, run: () => unknown, message: string];

const key = random.key(0);
const m23 = jnp.ones([2, 3]);
const linear = () => new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
const huge = [1e5, 1e5];
const tooMany = "has 10000000000 elements, more than the 1073741824 kiln can allocate";
const nested1e10 = () => new globalThis.Array(1e5).fill(new globalThis.Array(1e5).fill(0)) as number[][];

const rows: { readonly [group: string]: readonly Row[] } = {
  "jnp creation": [
    ["array: ragged", () => jnp.array([[1, 2], [3]]), "asarray: argument 'x' is ragged: x[1] has length 1 where length 2 was expected"],
    ["array: non-numeric", () => jnp.array([[1, 2], [3, "a"]] as never), "asarray: argument 'x' must hold only numbers, but x[1][1] is string"],
    ["array: null", () => jnp.array(null as never), "asarray: argument 'x' must be an Array, a number or nested arrays of numbers, got null"],
    ["array: too large (not allocated)", () => jnp.array(nested1e10()), "asarray: argument 'x' has 10000000000 elements"],
    ["array: unknown dtype", () => jnp.array([1], "float64" as never), "asarray: argument 'dtype' must be one of float32, int32, uint32, bool; got float64"],
    ["zeros: too large", () => jnp.zeros(huge), `zeros: argument 'shape' [100000, 100000] ${tooMany}`],
    ["ones: too large", () => jnp.ones(huge), `ones: argument 'shape' [100000, 100000] ${tooMany}`],
    ["full: too large", () => jnp.full(huge, 1), `full: argument 'shape' [100000, 100000] ${tooMany}`],
    ["zeros: negative", () => jnp.zeros([-1]), "zeros: argument 'shape' must hold non-negative integers, got [-1]"],
    ["zeros: fractional", () => jnp.zeros([1.5]), "zeros: argument 'shape' must hold non-negative integers, got [1.5]"],
    ["zeros: NaN", () => jnp.zeros([NaN]), "zeros: argument 'shape' must hold non-negative integers, got [NaN]"],
    ["zeros: not a list", () => jnp.zeros("3" as never), "zeros: argument 'shape' must be an array of integers, got string"],
    ["full: fill value", () => jnp.full([2], "x" as never), "full: argument 'fillValue' must be a number, got string"],
    ["eye: too large", () => jnp.eye(1e5), `eye: argument 'shape' [100000, 100000] ${tooMany}`],
    ["eye: fractional", () => jnp.eye(2.5), "eye: argument 'n' must be a non-negative integer, got 2.5"],
    ["arange: too long", () => jnp.arange(1e10), "arange: argument 'length' [10000000000] has 10000000000 elements"],
    ["arange: NaN", () => jnp.arange(NaN), "arange: argument 'stop' must be a finite number, got NaN"],
    ["arange: zero step", () => jnp.arange(0, 5, 0), "arange: argument 'step' must not be zero"],
    ["linspace: too long", () => jnp.linspace(0, 1, 1e10), "linspace: argument 'num' [10000000000] has 10000000000 elements"],
    ["linspace: NaN start", () => jnp.linspace(NaN, 1, 3), "linspace: argument 'start' must be a finite number, got NaN"],
    ["linspace: fractional num", () => jnp.linspace(0, 1, 2.5), "linspace: argument 'num' must be a non-negative integer, got 2.5"],
    ["astype: unknown dtype", () => jnp.astype(m23, "float64" as never), "astype: argument 'dtype' must be one of float32, int32, uint32, bool; got float64"],
  ],
  "jnp ops": [
    ["add: ragged operand", () => jnp.add([[1, 2], [3]], 1), "add: argument 'x' is ragged"],
    ["subtract: shapes", () => jnp.subtract(jnp.ones([4, 1]), jnp.ones([3, 1])), "subtract: shapes (4, 1) and (3, 1) cannot be broadcast together"],
    ["add: result too large (not allocated)", () => jnp.add(jnp.zeros([1e5, 1]), jnp.zeros([1, 1e5])), "add: the result f32[100000,100000] has 10000000000 elements"],
    ["outer: result too large", () => jnp.outer(jnp.zeros([1e5]), jnp.zeros([1e5])), "the result f32[100000,100000] has 10000000000 elements"],
    ["broadcastTo: too large", () => jnp.broadcastTo(jnp.ones([1]), huge), `argument 'shape' [100000, 100000] ${tooMany}`],
    ["where: shapes", () => jnp.where(jnp.array([true, false, true]), jnp.ones([2]), 0), "where: shapes (3,) and (2,) and () cannot be broadcast together"],
    ["reshape: size", () => jnp.reshape(m23, [7]), "reshape: cannot reshape f32[2,3] (size 6) into shape (7,)"],
    ["reshape: fractional", () => jnp.reshape(m23, [1.5, 4]), "reshape: argument 'newSizes' must hold non-negative integers, got [1.5, 4]"],
    ["sum: axis out of range", () => jnp.sum(m23, { axis: 5 }), "sum: argument 'axis' 5 is out of range for an array of rank 2"],
    ["sum: fractional axis", () => jnp.sum(m23, { axis: 0.5 }), "sum: argument 'axis' must be an integer, got 0.5"],
    ["matmul: contracting dims", () => jnp.matmul(m23, m23), "matmul: contracting dimensions differ: x (2, 3) has 3, y (2, 3) has 2"],
    ["matmul: rank 0", () => jnp.matmul(jnp.ones([]), m23), "matmul: operands must be at least 1-D"],
    ["concatenate: empty", () => jnp.concatenate([]), "concatenate: argument 'arrays' must be a non-empty list of arrays"],
    ["take: float indices", () => jnp.take(m23, jnp.array([0.5])), "take: argument 'indices' must be integers, got float32"],
    ["index: out of bounds", () => jnp.index(m23, 5), "index: argument 'indices[0]' 5 is out of bounds for axis 0 of size 2"],
    ["lax.add: dtypes", () => lax.add(jnp.ones([2]), jnp.ones([2], "int32")), "add: operand 1 has dtype int32 but operand 0 has float32"],
    ["lax.select: predicate dtype", () => lax.select(jnp.ones([2]), m23, m23), "select_n: predicate must be bool, got f32[2]"],
    ["lax.convertElementType: dtype", () => lax.convertElementType(m23, "half" as never), `convert_element_type: newDtype must be one of float32, int32, uint32, bool, got "half"`],
  ],
  random: [
    ["key: NaN", () => random.key(NaN), "random.key: argument 'seed' must be a finite integer, got NaN"],
    ["key: Infinity", () => random.key(Infinity), "random.key: argument 'seed' must be a finite integer, got Infinity"],
    ["key: fractional", () => random.key(1.5), "random.key: argument 'seed' must be an integer, got 1.5"],
    ["split: zero", () => random.split(key, 0), "random.split: argument 'num' must be a positive integer, got 0"],
    ["split: fractional", () => random.split(key, 1.5), "random.split: argument 'num' must be a positive integer, got 1.5"],
    ["split: too many", () => random.split(key, 1e10), "random_split: argument 'num' [10000000000, 2] has 20000000000 elements"],
    ["split: not a key", () => random.split(m23), "random.split: argument 'key' must be a PRNG key (u32[2] from random.key), got f32[2,3]"],
    ["uniform: too large", () => random.uniform(key, huge), `random.uniform: argument 'shape' [100000, 100000] ${tooMany}`],
    ["uniform: NaN bound", () => random.uniform(key, [2], { minval: NaN }), "random.uniform: argument 'minval' must be a finite number, got NaN"],
    ["uniform: infinite bound", () => random.uniform(key, [2], { maxval: Infinity }), "random.uniform: argument 'maxval' must be a finite number, got Infinity"],
    ["uniform: unknown option", () => random.uniform(key, [2], { min: 0 } as never), "random.uniform: argument 'options' has unknown key 'min' (known keys: minval, maxval)"],
    ["normal: fractional shape", () => random.normal(key, [1.5]), "random.normal: argument 'shape' must hold non-negative integers, got [1.5]"],
    ["bernoulli: p", () => random.bernoulli(key, 2), "random.bernoulli: argument 'p' must be a probability in [0, 1], got 2"],
    ["foldIn: fractional", () => random.foldIn(key, 1.5), "random.foldIn: argument 'data' must be an integer, got 1.5"],
    ["categorical: axis", () => random.categorical(key, jnp.ones([3]), { axis: 3 }), "random.categorical: argument 'axis' 3 is out of range for logits of rank 1"],
    ["permutation: negative", () => random.permutation(key, -1), "random.permutation: argument 'x' must be a non-negative integer or an Array, got -1"],
    ["truncatedNormal: NaN bound", () => random.truncatedNormal(key, NaN, 1, [2]), "random.truncatedNormal: argument 'lower' must be a number, got NaN"],
  ],
  initializers: [
    ["normal: NaN stddev", () => random.initializers.normal(NaN), "initializers.normal: argument 'stddev' must be a finite number, got NaN"],
    ["uniform: infinite scale", () => random.initializers.uniform(Infinity), "initializers.uniform: argument 'scale' must be a finite number, got Infinity"],
    ["truncatedNormal: NaN", () => random.initializers.truncatedNormal(NaN), "initializers.truncatedNormal: argument 'stddev' must be a finite number"],
    ["constant: NaN", () => random.initializers.constant(NaN), "initializers.constant: argument 'value' must be a finite number, got NaN"],
    ["varianceScaling: scale", () => random.initializers.varianceScaling(NaN, "fan_in", "normal"), "varianceScaling: argument 'scale' must be a positive finite number, got NaN"],
    ["varianceScaling: mode", () => random.initializers.varianceScaling(1, "fan" as never, "normal"), "varianceScaling: argument 'mode' must be fan_in, fan_out, fan_avg or fan_geo_avg, got fan"],
    ["lecunNormal: rank 1", () => random.initializers.lecunNormal()(key, [3]), "initializers: argument 'shape' must have rank >= 2 to compute fans, got [3]"],
    ["lecunNormal: too large", () => random.initializers.lecunNormal()(key, huge), `argument 'shape' [100000, 100000] ${tooMany}`],
    ["zeros: too large", () => random.initializers.zeros(key, huge), `zeros: argument 'shape' [100000, 100000] ${tooMany}`],
    ["normal: not a key", () => random.initializers.normal()(m23, [2]), "random.normal: argument 'key' must be a PRNG key"],
  ],
  "nnx layers, Rngs, Optimizer, valueAndGrad": [
    ["Linear: zero features", () => new nnx.Linear(0, 2, { rngs: new nnx.Rngs(0) }), "nnx.Linear: argument 'inFeatures' must be a positive integer, got 0"],
    ["Linear: fractional", () => new nnx.Linear(2, 1.5, { rngs: new nnx.Rngs(0) }), "nnx.Linear: argument 'outFeatures' must be a positive integer, got 1.5"],
    ["Linear: too large", () => new nnx.Linear(1e5, 1e5, { rngs: new nnx.Rngs(0) }), `nnx.Linear: argument '[inFeatures, outFeatures]' [100000, 100000] ${tooMany}`],
    ["Linear: no rngs", () => new nnx.Linear(2, 2, {} as never), "nnx.Linear: argument 'rngs' is required: pass { rngs: new nnx.Rngs(seed) }"],
    ["Linear: Flax's option name", () => new nnx.Linear(2, 2, { rngs: new nnx.Rngs(0), use_bias: false } as never), "nnx.Linear: argument 'options' has unknown key 'use_bias' (known keys: rngs, useBias, kernelInit, biasInit)"],
    ["Linear.call: last dimension", () => linear().call(m23), "Linear.call: argument 'x' must have last dimension 2 (inFeatures), got shape [2, 3]"],
    ["Linear.call: rank 0", () => linear().call(jnp.ones([])), "Linear.call: argument 'x' must have last dimension 2 (inFeatures), got shape []"],
    ["Embed: zero", () => new nnx.Embed(0, 3, { rngs: new nnx.Rngs(0) }), "nnx.Embed: argument 'numEmbeddings' must be a positive integer, got 0"],
    ["Embed.call: float ids", () => new nnx.Embed(3, 2, { rngs: new nnx.Rngs(0) }).call(jnp.ones([2])), "Embed.call: argument 'ids' must be integers, got float32"],
    ["LayerNorm: infinite epsilon", () => new nnx.LayerNorm(3, { epsilon: Infinity }), "nnx.LayerNorm: argument 'epsilon' must be a positive finite number, got Infinity"],
    ["LayerNorm: unknown option", () => new nnx.LayerNorm(3, { eps: 1e-5 } as never), "nnx.LayerNorm: argument 'options' has unknown key 'eps'"],
    ["Dropout: rate", () => new nnx.Dropout(1.5), "nnx.Dropout: argument 'rate' must be in [0, 1], got 1.5"],
    ["Dropout: unknown option", () => new nnx.Dropout(0.5, { rng: new nnx.Rngs(0) } as never), "nnx.Dropout: argument 'options' has unknown key 'rng'"],
    ["Rngs: NaN seed", () => new nnx.Rngs(NaN), "nnx.Rngs: argument 'seed' must be a finite integer or a PRNG key, got NaN"],
    ["Rngs: fractional seed", () => new nnx.Rngs(1.5), "nnx.Rngs: argument 'seed' must be a finite integer or a PRNG key, got 1.5"],
    ["Rngs: Infinity in a stream", () => new nnx.Rngs({ params: 0, dropout: Infinity }), "nnx.Rngs: argument 'seeds.dropout' must be a finite integer or a PRNG key, got Infinity"],
    ["Rngs: string", () => new nnx.Rngs("a" as never), "nnx.Rngs: argument 'seed' must be an integer or a PRNG key, got string"],
    ["Rngs: null", () => new nnx.Rngs(null as never), "nnx.Rngs: argument 'seed' must be an integer or a PRNG key, got null"],
    ["Rngs: no streams", () => new nnx.Rngs({}), "nnx.Rngs: argument 'seeds' must name at least one stream"],
    ["Optimizer: no wrt", () => new nnx.Optimizer(linear(), optax.sgd(0.1), {} as never), "nnx.Optimizer: argument 'wrt' is required since Flax 0.11"],
    ["Optimizer: bad wrt", () => new nnx.Optimizer(linear(), optax.sgd(0.1), { wrt: "params" as never }), "nnx.Optimizer: argument 'wrt' must be a filter"],
    ["Optimizer: bad tx", () => new nnx.Optimizer(linear(), {} as never, { wrt: nnx.Param }), "nnx.Optimizer: argument 'tx' must be an optax GradientTransformation"],
    ["Optimizer: unknown option", () => new nnx.Optimizer(linear(), optax.sgd(0.1), { wrt: nnx.Param, lr: 1 } as never), "nnx.Optimizer: argument 'options' has unknown key 'lr'"],
    ["Optimizer: not a module", () => new nnx.Optimizer({} as never, optax.sgd(0.1), { wrt: nnx.Param }), "nnx.Optimizer: argument 'model' must be an nnx.Module"],
    ["valueAndGrad: non-scalar loss", () => nnx.valueAndGrad((m: nnx.Linear, x: Array) => m.call(x))(linear(), jnp.ones([3, 2])), "valueAndGrad: the function must return a scalar, got f32[3,1]"],
    ["valueAndGrad: nothing to differentiate", () => nnx.valueAndGrad((x: Array) => jnp.sum(x))(jnp.ones([2])), "nnx.valueAndGrad: argument 'args[0]' is an Array f32[2]: nothing to differentiate"],
    ["valueAndGrad: argnums", () => nnx.valueAndGrad((m: nnx.Linear) => jnp.sum(m.kernel.value), { argnums: 3 })(linear()), "nnx.valueAndGrad: argument 'argnums' 3 is out of range for 1 arguments"],
  ],
  "optax aliases and schedules": [
    ["sgd: NaN", () => optax.sgd(NaN), "sgd: argument 'learningRate' must be a finite number or a schedule function, got NaN"],
    ["adam: Infinity", () => optax.adam(Infinity), "adam: argument 'learningRate' must be a finite number or a schedule function, got Infinity"],
    ["adam: unknown option", () => optax.adam(0.1, { beta1: 0.9 } as never), "adam: argument 'options' has unknown key 'beta1' (known keys: b1, b2, eps, epsRoot)"],
    ["adamw: NaN weight decay", () => optax.adamw(0.1, { weightDecay: NaN }), "adamw: argument 'weightDecay' must be a finite number, got NaN"],
    ["rmsprop: unknown option", () => optax.rmsprop(0.1, { centred: true } as never), "rmsprop: argument 'options' has unknown key 'centred'"],
    ["sgd: momentum", () => optax.sgd(0.1, { momentum: -1 }), "sgd: argument 'momentum' must not be negative, got -1"],
    ["linearSchedule: NaN", () => optax.linearSchedule(NaN, 0, 10), "linearSchedule: argument 'initValue' must be a finite number, got NaN"],
    ["linearSchedule: fractional steps", () => optax.linearSchedule(1, 0, 1.5), "linearSchedule: argument 'transitionSteps' must be an integer, got 1.5"],
    ["cosineDecaySchedule: zero steps", () => optax.cosineDecaySchedule(1, 0), "cosineDecaySchedule: argument 'decaySteps' must be at least 1, got 0"],
    ["warmupCosineDecaySchedule: order", () => optax.warmupCosineDecaySchedule(0, 1, 10, 5), "warmupCosineDecaySchedule: argument 'decaySteps' must be greater than warmupSteps (10), got 5"],
    ["joinSchedules: boundaries", () => optax.joinSchedules([() => 1, () => 2], []), "joinSchedules: argument 'boundaries' must hold 1 step(s)"],
    ["schedule: NaN count", () => optax.linearSchedule(1, 0, 10)(NaN), "linearSchedule: argument 'count' must be a finite number or an Array, got NaN"],
    ["clipByGlobalNorm: zero", () => optax.clipByGlobalNorm(0), "clipByGlobalNorm: argument 'maxNorm' must be positive, got 0"],
    ["chain: not a transform", () => optax.chain(optax.sgd(0.1), 3 as never), "chain: argument 'transforms[1]' must be a GradientTransformation"],
  ],
  "trainStepLoss, grad, jit": [
    ["trainStepLoss: NaN seed", () => trainStepLoss(NaN, [[1]], [[1]], 0.1, 1), "trainStepLoss: argument 'seed' must be a number, got NaN"],
    ["trainStepLoss: infinite seed", () => trainStepLoss(Infinity, [[1]], [[1]], 0.1, 1), "trainStepLoss: argument 'seed' must be finite, got Infinity"],
    ["trainStepLoss: infinite lr", () => trainStepLoss(0, [[1]], [[1]], Infinity, 1), "trainStepLoss: argument 'lr' must be a finite number, got Infinity"],
    ["trainStepLoss: NaN lr", () => trainStepLoss(0, [[1]], [[1]], NaN, 1), "trainStepLoss: argument 'lr' must be a finite number, got NaN"],
    ["trainStepLoss: row counts", () => trainStepLoss(0, [[1], [2]], [[1]], 0.1, 1), "trainStepLoss: argument 'y' has 1 rows but x has 2"],
    ["trainStepLoss: rank", () => trainStepLoss(0, [1, 2] as never, [[1], [2]], 0.1, 1), "trainStepLoss: argument 'x' must be a 2-D matrix, got shape [2]"],
    ["trainStepLoss: ragged", () => trainStepLoss(0, [[1, 2], [3]], [[1], [2]], 0.1, 1), "trainStepLoss: argument 'x' is ragged: x[1] has length 1"],
    ["trainStepLoss: non-numeric", () => trainStepLoss(0, [["a"]] as never, [[1]], 0.1, 1), "trainStepLoss: argument 'x' must hold only numbers, but x[0][0] is string"],
    ["trainStepLoss: zero steps", () => trainStepLoss(0, [[1]], [[1]], 0.1, 0), "trainStepLoss: argument 'numSteps' must be at least 1 after int() truncation, got 0"],
    ["trainStepLoss: fractional steps below 1", () => trainStepLoss(0, [[1]], [[1]], 0.1, 0.5), "trainStepLoss: argument 'numSteps' must be at least 1 after int() truncation, got 0.5"],
    ["trainStepLoss: negative steps", () => trainStepLoss(0, [[1]], [[1]], 0.1, -3), "trainStepLoss: argument 'numSteps' must be at least 1 after int() truncation, got -3"],
    ["grad: non-scalar loss", () => grad((x: Array) => jnp.multiply(x, 2))(jnp.ones([3])), "valueAndGrad: the function must return a scalar, got f32[3] (reduce it with jnp.sum or jnp.mean)"],
    ["grad: int32 input", () => grad((x: Array) => jnp.sum(x))(jnp.ones([3], "int32")), "valueAndGrad: argument 'args[0]' leaf 0 has dtype int32"],
    ["grad: int32 loss", () => grad((x: Array) => jnp.sum(jnp.astype(x, "int32")))(jnp.ones([3])), "valueAndGrad: the function must return a float32 scalar, got i32[]"],
    ["valueAndGrad: unknown option", () => valueAndGrad((x: Array) => jnp.sum(x), { argnum: 0 } as never), "valueAndGrad: argument 'options' has unknown key 'argnum'"],
    ["jit: not a function", () => jit(3 as never), "jit: argument 'f' must be a function, got number"],
    ["jit: unknown option", () => jit((x: Array) => x, { static_argnums: [0] } as never), "jit: argument 'options' has unknown key 'static_argnums'"],
    ["jit: staticArgnums", () => jit((x: Array) => x, { staticArgnums: [0.5] }), "jit: argument 'staticArgnums' must be a list of non-negative integer argument positions"],
    ["nnx.jit: a loss that is not a scalar", () => nnx.jit((m: nnx.Linear, x: Array) => nnx.grad((mm: nnx.Linear, xx: Array) => mm.call(xx))(m, x))(linear(), jnp.ones([3, 2])), "valueAndGrad: the function must return a scalar, got f32[3,1]"],
  ],
};

describe.each(Object.entries(rows))("bad input: %s", (_group, table) => {
  it.each(table)("%s", (_name, run, message) => {
    let error: unknown = null;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error, "it throws").toBeInstanceOf(KilnError);
    const text = (error as Error).message;
    expect(text).toContain(message);
    expect(text, "one line").not.toContain("\n");
    expect(currentTrace(), "no trace left behind").toBeNull();
  });
});

/** Every Variable's bits, in a stable order: equal strings mean nothing changed. */
function snapshot(...trees: unknown[]): string {
  const out: string[] = [];
  for (const t of trees) nnx.forEachVariable(t, (p, v) => out.push(`${p.join(".")}=${new Uint32Array(v.value.toTypedArray().slice().buffer).join(",")}`));
  return out.join("|");
}

describe("bad input to stateful entry points changes nothing", () => {
  const setup = () => {
    const model = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(model, optax.adam(0.1), { wrt: nnx.Param });
    opt.update(model, { kernel: jnp.ones([2, 1]), bias: jnp.ones([1]) }); // non-trivial optimizer state
    return { model, opt };
  };
  const badGrads: readonly [string, unknown, string][] = [
    ["wrong structure", { kernel: jnp.ones([2, 1]) }, "Optimizer.update: argument 'grads' do not match the parameters selected by wrt"],
    ["wrong shape", { kernel: jnp.ones([2, 2]), bias: jnp.ones([1]) }, "Optimizer.update: argument 'grads' leaf 1 is f32[2,2] but the parameter is f32[2,1]"],
    ["wrong dtype", { kernel: jnp.ones([2, 1], "int32"), bias: jnp.ones([1]) }, "Optimizer.update: argument 'grads' leaf 1 is i32[2,1] but the parameter is f32[2,1]"],
    ["a non-Array leaf", { kernel: 3, bias: jnp.ones([1]) }, "Optimizer.update: argument 'grads' leaf 1 is number but the parameter is f32[2,1]"],
    ["an extra key", { kernel: jnp.ones([2, 1]), bias: jnp.ones([1]), scale: jnp.ones([1]) }, "Optimizer.update: argument 'grads' do not match"],
  ];
  it.each(badGrads)("Optimizer.update with grads of %s", (_name, grads, message) => {
    const { model, opt } = setup();
    const before = snapshot(model, opt);
    expect(() => opt.update(model, grads as never)).toThrow(message);
    expect(snapshot(model, opt)).toBe(before);
    opt.update(model, { kernel: jnp.ones([2, 1]), bias: jnp.ones([1]) });
    expect(snapshot(model, opt)).not.toBe(before);
  });

  it("Optimizer.update whose schedule fails mid-update", () => {
    const model = new nnx.Linear(2, 1, { rngs: new nnx.Rngs(0) });
    const opt = new nnx.Optimizer(model, optax.chain(optax.scaleByAdam(), optax.scaleBySchedule(() => "fast" as never)), { wrt: nnx.Param });
    const before = snapshot(model, opt);
    expect(() => opt.update(model, { kernel: jnp.ones([2, 1]), bias: jnp.ones([1]) })).toThrow("scaleBySchedule.update: argument 'stepSizeFn' must return a number or an Array, got string");
    expect(snapshot(model, opt)).toBe(before);
  });

  it("nnx.update with a value of the wrong shape writes none of the others", () => {
    const { model } = setup();
    const before = snapshot(model);
    expect(() => nnx.update(model, { bias: jnp.zeros([1]), kernel: jnp.zeros([3, 1]) })).toThrow("nnx.update: 'kernel' is f32[2,1] but the new value is f32[3,1]");
    expect(snapshot(model)).toBe(before);
  });

  it("Rngs draws with a bad shape do not advance the stream", () => {
    const rngs = new nnx.Rngs(0);
    const before = snapshot(rngs);
    expect(() => rngs.uniform([1.5])).toThrow("Rngs.uniform: argument 'shape' must hold non-negative integers, got [1.5]");
    expect(() => rngs.normal(huge)).toThrow(`Rngs.normal: argument 'shape' [100000, 100000] ${tooMany}`);
    expect(snapshot(rngs)).toBe(before);
  });

  it("a model whose construction fails leaves the Rngs it was given as it was", () => {
    const rngs = new nnx.Rngs(0);
    const before = snapshot(rngs);
    expect(() => new nnx.Linear(1e5, 1e5, { rngs })).toThrow("nnx.Linear");
    expect(() => new nnx.Linear(2, 2, { rngs, use_bias: false } as never)).toThrow("unknown key 'use_bias'");
    expect(snapshot(rngs)).toBe(before);
  });
});
