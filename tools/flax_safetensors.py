#!/usr/bin/env python3
"""Writes tests/flax/mlp.safetensors and tests/flax/mlp.json: a Flax NNX model trained in Flax, for kiln to load.

Run by a developer with jax, flax, optax and safetensors (flax 0.12.8 tested), never by tests or CI:

    PYTHON tools/flax_safetensors.py

The model is kiln train's classifier written in Flax NNX (Linear 4->16, relu, Linear 16->3, as
packages/kiln/src/train/models.ts), trained 50 adam steps on a fixed batch. Its parameters are
saved with safetensors' own writer under Flax's flat state paths joined by '.' ("hidden.kernel"),
which are kiln's checkpoint names for the same module tree: tests/flax-import.test.ts loads the
file with nnx.loadCheckpoint and compares kiln's outputs with Flax's (mlp.json) on a test batch.
Deterministic: CPU, float32, fixed seeds.
"""
import json
import os

os.environ["JAX_PLATFORMS"] = "cpu"

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
from flax import nnx  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "flax")


class MLPClassifier(nnx.Module):
    def __init__(self, features, hidden, classes, rngs):
        self.hidden = nnx.Linear(features, hidden, rngs=rngs)
        self.out = nnx.Linear(hidden, classes, rngs=rngs)

    def __call__(self, x):
        return self.out(nnx.relu(self.hidden(x)))


def main():
    rng = np.random.RandomState(7)
    x = rng.normal(size=(64, 4)).astype(np.float32)
    labels = (x[:, 0] + 2 * x[:, 1] > 0).astype(np.int32) + (x[:, 2] > 1).astype(np.int32)
    test_x = rng.normal(size=(8, 4)).astype(np.float32)

    model = MLPClassifier(4, 16, 3, nnx.Rngs(3))
    optimizer = nnx.Optimizer(model, optax.adam(0.05), wrt=nnx.Param)

    @nnx.jit
    def step(model, optimizer, x, y):
        def loss_fn(m):
            return optax.softmax_cross_entropy_with_integer_labels(m(x), y).mean()
        loss, grads = nnx.value_and_grad(loss_fn)(model)
        optimizer.update(model, grads)
        return loss

    losses = [float(step(model, optimizer, x, labels)) for _ in range(50)]
    params = nnx.state(model, nnx.Param)
    tensors = {".".join(str(k) for k in path): np.asarray(v.get_value() if hasattr(v, "get_value") else v.value) for path, v in params.flat_state()}
    os.makedirs(OUT, exist_ok=True)
    save_file(tensors, os.path.join(OUT, "mlp.safetensors"))
    logits = np.asarray(model(jnp.asarray(test_x)))
    with open(os.path.join(OUT, "mlp.json"), "w") as f:
        json.dump({
            "generated_by": "tools/flax_safetensors.py", "jax": jax.__version__, "flax": __import__("flax").__version__,
            "names": sorted(tensors), "losses": losses[::10] + [losses[-1]],
            "x": test_x.tolist(), "logits": logits.tolist(),
        }, f, indent=1)
        f.write("\n")
    print(f"trained: loss {losses[0]:.4f} -> {losses[-1]:.4f}; wrote {sorted(tensors)} to {OUT}")


if __name__ == "__main__":
    main()
