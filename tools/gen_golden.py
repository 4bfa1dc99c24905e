#!/usr/bin/env python3
"""Writes tests/reference/kiln-golden.json: reference values from real JAX / Flax NNX / optax.

Run by a developer, never by tests or CI:

    /work/main/.venv/bin/python tools/gen_golden.py

Deterministic: CPU only, float32, JAX's default config (jax_enable_x64=False,
jax_threefry_partitionable=True); every input comes from fixed literals or a seeded
numpy RandomState. It covers what jax-golden.json and jax-known-answers.json do not: Embed /
Linear / LayerNorm / Dropout / Rngs semantics, activations and elementwise lax ops on a grid,
XLA:CPU's exp/log/log1p/expm1/tanh/logistic/erfc on 512 more points, 1024-draw normal and
truncated-normal arrays, optax losses, optimizer trajectories of a small MLP, more seed-problem
cases, and a second-order gradient.

Encoding: float32 values are written as the Python float of the float32 (Math.fround reads
them back exactly); non-finite values as the strings "Infinity", "-Infinity", "NaN" (JSON has
no literal for them; JS Number() parses these strings); arrays are nested lists; PRNG keys
are their uint32 [hi, lo] words (jax.random.key_data).
"""
import json
import math
import os
import platform
import sys

os.environ["JAX_PLATFORMS"] = "cpu"

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import jaxlib  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import flax  # noqa: E402
from flax import nnx  # noqa: E402
from jax import lax  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "reference", "kiln-golden.json")

assert jax.default_backend() == "cpu", jax.default_backend()
assert not jax.config.jax_enable_x64
assert jax.config.jax_threefry_partitionable


# ---------------------------------------------------------------- encoding helpers

def _enc(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def fl(a):
    """float32 array (or scalar) -> nested lists of the float32 values as Python floats."""
    a = np.asarray(a, dtype=np.float32)
    if a.ndim == 0:
        return _enc(a)
    return [fl(r) for r in a] if a.ndim > 1 else [_enc(v) for v in a.tolist()]


def f32(values):
    """Python numbers -> a float32 numpy array (the rounding JSON readers redo with Math.fround)."""
    return np.asarray(values, dtype=np.float32)


def key_words(k):
    return [int(w) for w in np.asarray(jax.random.key_data(k), dtype=np.uint32).tolist()]


def param(v):
    return np.asarray(v[...])


rs = np.random.RandomState(20240607)


def rand(shape, lo=-1.0, hi=1.0):
    return f32(rs.uniform(lo, hi, size=shape))


# ---------------------------------------------------------------- a. Embed / Linear

def embed_cases():
    out = []
    for num, feat, seed in [(5, 3, 0), (10, 4, 1), (7, 16, 42)]:
        m = nnx.Embed(num, feat, rngs=nnx.Rngs(seed))
        out.append({"num_embeddings": num, "features": feat, "seed": seed, "embedding": fl(param(m.embedding))})
    return out


def linear_forward():
    rngs = nnx.Rngs(0)
    m = nnx.Linear(3, 4, rngs=rngs)
    x = np.ones((1, 3), np.float32)
    return {"in": 3, "out": 4, "seed": 0, "x": fl(x), "kernel": fl(param(m.kernel)), "bias": fl(param(m.bias)), "y": fl(m(jnp.asarray(x)))}


def linear_kernels():
    out = []
    for din, dout, use_bias, seed in [(3, 4, True, 0), (4, 2, False, 1), (16, 8, False, 2), (64, 32, True, 5), (2, 5, True, -3), (6, 3, False, 2**31 + 5)]:
        rngs = nnx.Rngs(seed)
        m = nnx.Linear(din, dout, use_bias=use_bias, rngs=rngs)
        out.append({
            "in": din, "out": dout, "use_bias": use_bias, "seed": seed,
            "kernel": fl(param(m.kernel)),
            # the next params() key after construction: count is 2 with a bias, 1 without
            "next_params_key": key_words(rngs.params()),
        })
    return out


# ---------------------------------------------------------------- b. LayerNorm / Dropout / Rngs

def layer_norm():
    x = np.stack([f32([0.5, -1.25, 2.0, 3.5, -0.75, 1.0]), f32(rs.uniform(-3, 3, 6) + 10.0)]).astype(np.float32)
    m = nnx.LayerNorm(6, rngs=nnx.Rngs(0))
    return {"num_features": 6, "epsilon": 1e-6, "x": fl(x), "y": fl(m(jnp.asarray(x)))}


def dropout():
    d = nnx.Dropout(0.5, rngs=nnx.Rngs(dropout=1))
    x = jnp.ones((4, 5), jnp.float32)
    first = d(x)
    second = d(x)
    return {"rate": 0.5, "rngs": {"dropout": 1}, "shape": [4, 5], "outputs": [fl(first), fl(second)]}


def rngs_semantics():
    r = nnx.Rngs(0)
    params_keys = [key_words(r.params()) for _ in range(3)]
    default_key = key_words(r())  # same `default` stream: count 3
    fork = r.default.fork()  # consumes count 4
    fork_keys = [key_words(fork()) for _ in range(2)]
    after_fork = key_words(r.params())  # count 5
    r2 = nnx.Rngs(5, params=6)
    named = {"params": key_words(r2.params()), "dropout_fallback": key_words(r2.dropout()), "default": key_words(r2.default())}
    return {
        "seed": 0,
        "params_keys": params_keys,
        "default_key_after_3": default_key,
        "fork_keys": fork_keys,
        "params_key_after_fork": after_fork,
        "named": {"seeds": {"default": 5, "params": 6}, **named},
    }


# ---------------------------------------------------------------- c. activations and elementwise ops

def grid():
    base = np.linspace(-6.0, 6.0, 41)
    edges = [0.0, -0.0, 1e-30, 20.0, -20.0]
    extra = [1e-4, -1e-4, 3e-3, -3e-3, 0.41, 0.42, -0.3, 0.6931472, 3.1415927, 7.0, -7.0, 8.0, -8.0, 8.5, -8.5, 9.0, -9.0,
             10.5, -10.5, 15.0, -15.0, 40.0, -40.0, 88.0, -87.0]
    # 41 points on [-6, 6], the edge values, then random points on [-6, 6] and (denser) on [-1, 1]
    return f32(list(base) + edges + list(rs.uniform(-6.0, 6.0, 24)) + list(rs.uniform(-1.0, 1.0, 32)) + extra)


def erfinv_grid():
    base = np.linspace(-0.99, 0.99, 41)
    edges = [0.0, -0.0, 1e-30, 1e-4, 0.5, 0.999, -0.9999, 0.99999994, -0.99999994, 1.0, -1.0]
    return f32(list(base) + edges + list(rs.uniform(-1.0, 1.0, 16)))


def elementwise():
    x = grid()
    xj = jnp.asarray(x)
    acts = {
        "relu": jax.nn.relu, "gelu_tanh": lambda v: jax.nn.gelu(v, approximate=True),
        "gelu_erf": lambda v: jax.nn.gelu(v, approximate=False), "silu": jax.nn.silu,
        "sigmoid": jax.nn.sigmoid, "tanh": jax.nn.tanh, "softplus": jax.nn.softplus,
    }
    ops = {
        "exp": lax.exp, "log": lax.log, "log1p": lax.log1p, "expm1": lax.expm1, "tanh": lax.tanh,
        "logistic": lax.logistic, "sin": lax.sin, "cos": lax.cos, "sqrt": lax.sqrt, "rsqrt": lax.rsqrt, "erf": lax.erf,
        "erfc": lax.erfc,
    }
    xi = erfinv_grid()
    return {
        "x": fl(x),
        "activations": {k: fl(f(xj)) for k, f in acts.items()},
        "lax": {k: fl(f(xj)) for k, f in ops.items()},
        "erf_inv": {"x": fl(xi), "y": fl(lax.erf_inv(jnp.asarray(xi)))},
    }


def xla_math():
    """XLA:CPU's float32 exp/log/log1p/expm1/tanh/logistic/erfc (which kiln reproduces bit for bit, numerics.md) and
    the activations built on them, on 512 points (one array: >= 16 elements, so every lane takes XLA's vectorised
    polynomial and none glibc's expf/logf; see numerics.md). A separate RandomState keeps the other sections' inputs."""
    r = np.random.RandomState(20250611)
    mag = np.exp(r.uniform(np.log(1e-6), np.log(1e6), 96))
    x = f32(list(r.uniform(-10.0, 10.0, 192)) + list(r.uniform(-1.0, 1.0, 96)) + list(mag) + list(-mag[:32]) + list(r.uniform(-90.0, 90.0, 44))
            + list(r.normal(0.0, 0.05, 32)) + [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 88.7, -87.9, 9.3, -9.3, 7.9988, 20.0, 4e-4, -4e-4,
                                                 0.41421357, -0.41421357, 1e-30, 0.99999994])
    assert len(x) == 512, len(x)
    xj = jnp.asarray(x)
    fns = {
        "exp": lax.exp, "log": lax.log, "log1p": lax.log1p, "expm1": lax.expm1, "tanh": lax.tanh, "logistic": lax.logistic,
        "erfc": lax.erfc, "gelu_erf": lambda v: jax.nn.gelu(v, approximate=False), "gelu_tanh": lambda v: jax.nn.gelu(v, approximate=True),
        "silu": jax.nn.silu, "softplus": jax.nn.softplus,
    }
    return {"x": fl(x), "y": {k: fl(f(xj)) for k, f in fns.items()}}


def normal_draws():
    """random.normal / truncated_normal of 1024 values: the erf_inv -> log1p -> logf path on many arguments."""
    return {
        "seed": 3, "shape": [1024],
        "normal": fl(jax.random.normal(jax.random.key(3), (1024,))),
        "truncated_normal": fl(jax.random.truncated_normal(jax.random.key(4), -2.0, 2.0, (1024,))),
    }


def softmax_rows():
    x = f32([[1, 2, 3, 4], [-1, 0, 1e-3, 5], [100, 100.5, -100, 0], [0, 0, 0, 0], [-20, 20, 0.5, -0.5]])
    return {"x": fl(x), "softmax": fl(jax.nn.softmax(jnp.asarray(x))), "log_softmax": fl(jax.nn.log_softmax(jnp.asarray(x)))}


def denormals():
    """XLA:CPU flushes float32 subnormals to zero; recorded for information (not a kiln contract)."""
    x = f32([-100.0, -88.0, 1e-40])
    return {"exp_x": fl(x[:2]), "exp": fl(lax.exp(jnp.asarray(x[:2]))), "mul_1e-40_by_1": fl(jnp.asarray(x[2:]) * 1.0)}


# ---------------------------------------------------------------- d. optax

def xent_cases():
    out = []
    cases = [
        (f32([[1.0, 2.0, 3.0], [0.5, -0.5, 0.0]]), [2, 0]),
        (f32([[10.0, -10.0, 0.0, 5.0], [0.1, 0.2, 0.3, 0.4], [-3.0, -1.0, -2.0, -4.0]]), [1, 3, 1]),
        (rand((4, 5), -4.0, 4.0), [0, 4, 2, 2]),
    ]
    for logits, labels in cases:
        lab = jnp.asarray(labels, jnp.int32)
        f = lambda lg: optax.softmax_cross_entropy_with_integer_labels(lg, lab)  # noqa: E731
        value = f(jnp.asarray(logits))
        g = jax.grad(lambda lg: jnp.sum(f(lg)))(jnp.asarray(logits))
        out.append({"logits": fl(logits), "labels": labels, "value": fl(value), "grad_of_sum": fl(g)})
    return out


def squared_error():
    p, t = rand((3, 4), -2, 2), rand((3, 4), -2, 2)
    g = jax.grad(lambda v: jnp.sum(optax.squared_error(v, jnp.asarray(t))))(jnp.asarray(p))
    return {"predictions": fl(p), "targets": fl(t), "value": fl(optax.squared_error(jnp.asarray(p), jnp.asarray(t))), "grad_of_sum": fl(g)}


class MLP(nnx.Module):
    def __init__(self, rngs):
        self.l1 = nnx.Linear(4, 3, rngs=rngs)
        self.l2 = nnx.Linear(3, 2, rngs=rngs)

    def __call__(self, x):
        return self.l2(nnx.relu(self.l1(x)))


def mlp_trajectories():
    x, y = rand((8, 4), -1.5, 1.5), rand((8, 2), -1.0, 1.0)
    txs = [
        ({"name": "adamw", "lr": 0.01, "options": {}}, optax.adamw(0.01)),
        ({"name": "adam", "lr": 0.01, "options": {}}, optax.adam(0.01)),
        ({"name": "sgd", "lr": 0.05, "options": {"momentum": 0.9}}, optax.sgd(0.05, momentum=0.9)),
        ({"name": "rmsprop", "lr": 0.01, "options": {}}, optax.rmsprop(0.01)),
    ]

    def loss_fn(model, x, y):
        return jnp.mean((model(x) - y) ** 2)

    @nnx.jit
    def train_step(model, optimizer, x, y):
        loss, grads = nnx.value_and_grad(loss_fn)(model, x, y)
        optimizer.update(model, grads)
        return loss

    runs = []
    init = None
    for spec, tx in txs:
        model = MLP(nnx.Rngs(7))
        if init is None:
            init = {n: fl(param(getattr(getattr(model, l), p))) for l in ("l1", "l2") for p, n in (("kernel", l + ".kernel"), ("bias", l + ".bias"))}
        opt = nnx.Optimizer(model, tx, wrt=nnx.Param)
        losses = [fl(train_step(model, opt, jnp.asarray(x), jnp.asarray(y))) for _ in range(6)]
        final = {l + "." + p: fl(param(getattr(getattr(model, l), p))) for l in ("l1", "l2") for p in ("kernel", "bias")}
        runs.append({"tx": spec, "losses": losses, "final": final})
    return {
        "model": "Linear(4,3) -> relu -> Linear(3,2), Rngs(7); loss mean((model(x)-y)**2); nnx.Optimizer(model, tx, wrt=nnx.Param); @nnx.jit step; losses before each update",
        "x": fl(x), "y": fl(y), "init": init, "runs": runs,
    }


# ---------------------------------------------------------------- e. the seed problem

def train_step_loss(seed, x, y, lr, num_steps, use_jit):
    """jax-parity.md section 7: Linear + MSE + sgd, the loss of each step taken before its update."""
    x = jnp.asarray(x, jnp.float32)
    y = jnp.asarray(y, jnp.float32)
    model = nnx.Linear(x.shape[1], y.shape[1], rngs=nnx.Rngs(int(seed)))
    optimizer = nnx.Optimizer(model, optax.sgd(lr), wrt=nnx.Param)

    def step(model, optimizer, x, y):
        loss, grads = nnx.value_and_grad(lambda m: jnp.mean((m(x) - y) ** 2))(model)
        optimizer.update(model, grads)
        return loss

    if use_jit:
        step = nnx.jit(step)
    losses = [float(step(model, optimizer, x, y)) for _ in range(int(num_steps))]
    return [losses[0], losses[-1]]


def seed_problem():
    specs = [  # seed, batch, din, dout, lr, num_steps
        (0, 1, 1, 1, 0.1, 1),
        (1, 1, 1, 1, 0.5, 5),
        (-7, 3, 2, 1, 0.05, 12),
        (2**31 + 5, 4, 3, 2, 0.01, 20),
        (2**40 + 3, 5, 4, 3, 0.2, 8),
        (42, 16, 8, 4, 1e-3, 50),
        (123456789, 64, 8, 4, 0.05, 30),
        (5.9, 6, 5, 2, 0.1, 7.6),
        (-7.5, 2, 3, 3, 0.3, 3.99),
        (2.0, 8, 1, 5, 0.02, 1.0),
        (99, 10, 6, 1, 0.5, 15),
        (2**32 - 1, 7, 2, 2, 0.15, 25),
    ]
    out = []
    for seed, b, din, dout, lr, n in specs:
        x = rand((b, din), -2.0, 2.0)
        w = rs.normal(size=(din, dout))
        y = f32(x.astype(np.float64) @ w + 0.1 * rs.normal(size=(b, dout)))
        out.append({
            "seed": seed, "x": fl(x), "y": fl(y), "lr": lr, "num_steps": n,
            "expected": train_step_loss(seed, x, y, lr, n, False),
            "expected_jit": train_step_loss(seed, x, y, lr, n, True),
        })
    return out


# ---------------------------------------------------------------- f. second order

def second_order():
    x = f32([-2.0, -1.3, -0.5, -0.1, 0.0, 0.2, 0.7, 1.1, 2.5])
    f = lambda v: jnp.sum(jnp.tanh(v) ** 3)  # noqa: E731
    g1 = jax.grad(f)(jnp.asarray(x))
    g2 = jax.grad(lambda v: jnp.sum(jax.grad(f)(v)))(jnp.asarray(x))
    return {"f": "sum(tanh(x)**3)", "x": fl(x), "grad": fl(g1), "grad_of_sum_of_grad": fl(g2)}


def main():
    data = {
        "generated_by": (
            f"tools/gen_golden.py with JAX {jax.__version__} (jaxlib {jaxlib.__version__}), Flax NNX (flax {flax.__version__}), "
            f"optax {optax.__version__}, numpy {np.__version__}, Python {platform.python_version()}, {platform.machine()} CPU, "
            "float32, default config (jax_enable_x64=False, jax_threefry_partitionable=True)"
        ),
        "note": (
            "float32 values as Python floats of the float32 (Math.fround reads them back exactly); non-finite values as the "
            "strings 'Infinity', '-Infinity', 'NaN' (Number() parses them); arrays as nested lists; keys as uint32 [hi, lo] "
            "words. Ops run eagerly unless an entry says jit (mlp_trajectories, train_step_loss.expected_jit). "
            "train_step_loss.expected is the eager Flax loop of jax-parity.md section 7; seeds and num_steps are the raw "
            "inputs (Python int() truncates them). Regenerate with .venv/bin/python tools/gen_golden.py."
        ),
        "embed": embed_cases(),
        "linear_forward": linear_forward(),
        "linear_kernels": linear_kernels(),
        "layer_norm": layer_norm(),
        "dropout": dropout(),
        "rngs": rngs_semantics(),
        "elementwise": elementwise(),
        "softmax": softmax_rows(),
        "xla_math": xla_math(),
        "normal_draws": normal_draws(),
        "denormals": denormals(),
        "softmax_cross_entropy_with_integer_labels": xent_cases(),
        "squared_error": squared_error(),
        "mlp_trajectories": mlp_trajectories(),
        "train_step_loss": seed_problem(),
        "second_order": second_order(),
    }
    lines = ["{"]
    items = list(data.items())
    for i, (k, v) in enumerate(items):
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'), allow_nan=False)}" + ("," if i < len(items) - 1 else ""))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert len(text) < 300_000, len(text)
    with open(OUT, "w") as fh:
        fh.write(text)
    print(f"wrote {os.path.normpath(OUT)} ({len(text)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
