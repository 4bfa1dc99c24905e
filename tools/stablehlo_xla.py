#!/usr/bin/env python3
"""Runs kiln's StableHLO exports on XLA through JAX; writes the golden files the TypeScript tests check.

Run by a developer with any Python that has jax and jaxlib (0.10.x tested), never by tests or CI:

    pnpm exec tsx tools/stablehlo-cases.ts /tmp/kiln-cases
    PYTHON tools/stablehlo_xla.py check /tmp/kiln-cases --golden tests/stablehlo/golden

    pnpm exec kiln export --model mlp --out /tmp/step     # or exportCommand() from TypeScript
    PYTHON tools/stablehlo_xla.py train /tmp/step/mlp_train_step --steps 100 [--devices 2]

`check` does, for every case the TypeScript side wrote:
  * parses each module with MLIR (JAX's bindings), verifies it, prints it back and requires the
    printed text to equal kiln's byte for byte (kiln writes MLIR's own canonical form);
  * compiles it with XLA:CPU and runs it: op cases on their inputs, compared with kiln's eager
    outputs (bit-exact, or within the case's float32 ulps); train cases for their steps, feeding
    every state output back into the input it `updates` (the manifest), compared with kiln's jit
    losses within 1e-5 relative; and the same steps data-parallel over 2 devices (the batch
    sharded on its first axis, the state replicated: XLA's SPMD partitioner inserts the gradient
    all-reduce), also within 1e-5;
  * prints MLIR's text for a list of float32 bit patterns (the float format check);
  and writes GOLDEN/ops/*.mlir|json, GOLDEN/train/*.mlir|json and GOLDEN/float-format.json.
  It fails (exit 1) on any mismatch, writing nothing.

`train` runs a `kiln export` train step (PREFIX.mlir, PREFIX.json, PREFIX.safetensors) for
--steps steps from the exported initial state and prints the losses, on JAX's default backend
(GPU or TPU when there is one; JAX_PLATFORMS=cpu for the CPU); with --devices N (N > 1) the batch
is split over N devices (XLA_FLAGS=--xla_force_host_platform_device_count=N gives N CPU devices;
the tool sets it when XLA_FLAGS is unset).

How a module runs: it is wrapped as a `jax.export.Exported` (the object `jax.export` produces
for its own modules) and called under `jax.jit`, so the module's `main` becomes part of a JAX
program, with JAX's shardings. Building an Exported by hand uses jax.export's documented fields
plus one private helper (`_module_to_bytecode`); checked with jax 0.10.2.
"""
import argparse
import json
import math
import os
import struct
import sys


def _setup_devices(devices, cpu):
    """XLA reads XLA_FLAGS when the CPU client starts: set it before jax is imported."""
    if cpu:
        os.environ["JAX_PLATFORMS"] = "cpu"
    if devices > 1 and "XLA_FLAGS" not in os.environ:
        os.environ["XLA_FLAGS"] = f"--xla_force_host_platform_device_count={devices}"


DTYPES = {"float32": "float32", "int32": "int32", "uint32": "uint32", "bool": "bool"}


def _jax():
    import jax  # noqa: E402
    return jax


# ---------------------------------------------------------------- arrays as JSON (tests/stablehlo/array-json.ts)

def decode(j):
    import numpy as np
    data = [float(v) if isinstance(v, str) else v for v in j["data"]]
    return np.array(data, dtype=DTYPES[j["dtype"]]).reshape(j["shape"])


def _enc(v, dtype):
    if dtype == "float32":
        v = float(v)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if v == 0 and math.copysign(1, v) < 0:
            return "-0"
        return v
    if dtype == "bool":
        return 1 if v else 0
    return int(v)


def encode(a):
    import numpy as np
    a = np.asarray(a)
    dtype = "bool" if a.dtype == np.bool_ else str(a.dtype)
    return {"dtype": dtype, "shape": list(a.shape), "data": [_enc(v, dtype) for v in a.reshape(-1).tolist()]}


# ---------------------------------------------------------------- MLIR

def parse_module(text):
    """Parses and verifies a module; returns (module, MLIR's printed text)."""
    from jax._src.interpreters import mlir as jmlir
    from jax._src.lib.mlir import ir
    ctx = jmlir.make_ir_context()
    with ctx:
        module = ir.Module.parse(text)
        if not module.operation.verify():
            raise ValueError("module does not verify")
        printed = module.operation.get_asm(enable_debug_info=False)
    return ctx, module, printed


def exported(text, manifest):
    """A jax.export.Exported for kiln's module, callable as exp.call(*inputs)."""
    jax = _jax()
    import numpy as np
    from jax import export
    from jax._src.export._export import _module_to_bytecode
    ctx, module, _ = parse_module(text)
    with ctx:
        blob = _module_to_bytecode(module)

    def aval(spec):
        return jax.core.ShapedArray(tuple(spec["shape"]), np.dtype(DTYPES[spec["dtype"]]))

    ins = tuple(aval(s) for s in manifest["inputs"])
    outs = tuple(aval(s) for s in manifest["outputs"])
    n_in, n_out = len(ins), len(outs)
    return export.Exported(
        fun_name=manifest["module"], in_tree=jax.tree.structure((tuple([0] * n_in), {})), in_avals=ins,
        out_tree=jax.tree.structure(tuple([0] * n_out)), out_avals=outs,
        _has_named_shardings=False, _in_named_shardings=(None,) * n_in, _out_named_shardings=(None,) * n_out,
        in_shardings_hlo=(None,) * n_in, out_shardings_hlo=(None,) * n_out, nr_devices=1, platforms=(jax.default_backend(),),
        ordered_effects=(), unordered_effects=(), disabled_safety_checks=(), mlir_module_serialized=blob,
        calling_convention_version=10, module_kept_var_idx=tuple(range(n_in)), uses_global_constants=False, _get_vjp=None)


def op_manifest(case):
    spec = lambda a: {"shape": a["shape"], "dtype": a["dtype"]}  # noqa: E731
    return {"module": case["name"], "inputs": [spec(a) for a in case["inputs"]], "outputs": [spec(a) for a in case["kiln"]]}


# ---------------------------------------------------------------- comparisons

def ulp_distance(a, b):
    """Distance in float32 ulps (NaN equals NaN whatever its payload; -0 is one ulp below 0)."""
    import numpy as np
    a = np.asarray(a, np.float32).reshape(-1)
    b = np.asarray(b, np.float32).reshape(-1)
    both_nan = np.isnan(a) & np.isnan(b)
    ia = a.view(np.int32).astype(np.int64)
    ib = b.view(np.int32).astype(np.int64)
    ia = np.where(ia < 0, -(ia & 0x7FFFFFFF) - 1, ia)  # sign-magnitude to a monotone integer line
    ib = np.where(ib < 0, -(ib & 0x7FFFFFFF) - 1, ib)
    d = np.abs(ia - ib)
    d = np.where(both_nan, 0, np.where(np.isnan(a) | np.isnan(b), 2 ** 31, d))
    return int(d.max()) if d.size else 0


def compare_outputs(kiln, xla):
    """Largest float ulp distance over the outputs, or None if an integer/bool output differs."""
    import numpy as np
    worst = 0
    for k, x in zip(kiln, xla):
        x = np.asarray(x)
        if k.dtype == np.float32:
            worst = max(worst, ulp_distance(k, x))
        elif not np.array_equal(k, x.astype(k.dtype)):
            return None
    return worst


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


# ---------------------------------------------------------------- train steps

def run_steps(exp, manifest, inputs, steps, devices=1):
    """Runs `steps` steps, feeding each state output into the input it updates; returns the losses."""
    jax = _jax()
    import numpy as np
    updates = [(o, spec["updates"]) for o, spec in enumerate(manifest["outputs"]) if "updates" in spec]
    state_inputs = {i for _, i in updates}
    if devices > 1:
        from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
        if jax.device_count() < devices:
            raise SystemExit(f"{devices} devices wanted, {jax.device_count()} available: set XLA_FLAGS=--xla_force_host_platform_device_count={devices}")
        mesh = Mesh(np.array(jax.devices()[:devices]), ("data",))
        replicated = NamedSharding(mesh, P())
        batch = NamedSharding(mesh, P("data"))

        def sharding(i, a):
            # the state (every Variable's value) is replicated; the data is split on its first axis
            if "variable" in manifest["inputs"][i] or i in state_inputs or a.ndim == 0:
                return replicated
            if a.shape[0] % devices != 0:
                raise SystemExit(f"input {manifest['inputs'][i]['path']} has {a.shape[0]} rows, not divisible by {devices} devices")
            return batch

        in_shardings = tuple(sharding(i, a) for i, a in enumerate(inputs))
        step = jax.jit(exp.call, in_shardings=in_shardings, out_shardings=tuple(replicated for _ in manifest["outputs"]))
        values = [jax.device_put(a, s) for a, s in zip(inputs, in_shardings)]
    else:
        step = jax.jit(exp.call)
        values = list(inputs)
    losses = []
    for _ in range(steps):
        outs = step(*values)
        losses.append(float(np.asarray(outs[0])))
        for o, i in updates:
            values[i] = outs[o]
    hlo = step.lower(*values).compile().as_text() if devices > 1 else ""
    return losses, hlo.count("all-reduce(")


# ---------------------------------------------------------------- float format

def mlir_float_texts(probes):
    """MLIR's own printing of each float32 bit pattern, as a scalar constant."""
    lines = [f"    %{i} = stablehlo.constant dense<0x{b:08X}> : tensor<f32>" for i, b in enumerate(probes)]
    text = "\n".join(["module {", "  func.func @main() -> tensor<f32> {", *lines, "    return %0 : tensor<f32>", "  }", "}"])
    _, _, printed = parse_module(text)
    out = []
    for line in printed.splitlines():
        line = line.strip()
        if "stablehlo.constant dense<" in line:
            out.append(line.split("dense<", 1)[1].rsplit("> : tensor<f32>", 1)[0])
    assert len(out) == len(probes), (len(out), len(probes))
    return out


# ---------------------------------------------------------------- commands

def read(path):
    with open(path) as f:
        return f.read()


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def check(cases_dir, golden, devices):
    jax = _jax()
    import jaxlib
    import numpy as np
    failures = []
    results = {"ops": {}, "train": {}}
    provenance = {"generated_by": "tools/stablehlo_xla.py check", "jax": jax.__version__, "jaxlib": jaxlib.__version__, "backend": jax.default_backend()}

    # every module must read back as exactly the text kiln wrote
    def roundtrip(kind, name, text):
        _, _, printed = parse_module(text)
        if printed != text:
            import difflib
            diff = "".join(list(difflib.unified_diff(text.splitlines(True), printed.splitlines(True), "kiln", "mlir"))[:40])
            failures.append(f"{kind}/{name}: MLIR prints the module differently:\n{diff}")

    ops_dir = os.path.join(cases_dir, "ops")
    for file in sorted(f for f in os.listdir(ops_dir) if f.endswith(".json")):
        case = json.loads(read(os.path.join(ops_dir, file)))
        name = case["name"]
        text = read(os.path.join(ops_dir, f"{name}.mlir"))
        roundtrip("ops", name, text)
        inputs = [decode(a) for a in case["inputs"]]
        kiln = [decode(a) for a in case["kiln"]]
        xla = jax.jit(exported(text, op_manifest(case)).call)(*inputs)
        xla = [np.asarray(x) for x in xla]
        worst = compare_outputs(kiln, xla)
        if worst is None or worst > case["ulps"]:
            why = "integer mismatch" if worst is None else f"{worst} ulps > {case['ulps']}"
            failures.append(f"ops/{name}: XLA differs from kiln ({why})\n  kiln {kiln}\n  xla  {xla}")
        results["ops"][name] = {"text": text, "json": {"name": name, "ops": case["ops"], "ulps": case["ulps"], "max_ulps": worst, "xla": [encode(x) for x in xla]}}
        print(f"ops/{name}: {'ok' if worst is not None and worst <= case['ulps'] else 'MISMATCH'} (max {worst} ulps)")

    train_dir = os.path.join(cases_dir, "train")
    for file in sorted(f for f in os.listdir(train_dir) if f.endswith(".json")):
        case = json.loads(read(os.path.join(train_dir, file)))
        name = case["name"]
        text = read(os.path.join(train_dir, f"{name}.mlir"))
        roundtrip("train", name, text)
        manifest = case["manifest"]
        exp = exported(text, manifest)
        inputs = [decode(a) for a in case["inputs"]]
        losses, _ = run_steps(exp, manifest, inputs, case["steps"])
        worst = max(relative(a, b) for a, b in zip(case["kiln_losses"], losses))
        if worst > 1e-5:
            failures.append(f"train/{name}: XLA losses {losses} differ from kiln's {case['kiln_losses']} by {worst:.2e} relative")
        parallel = None
        batch_rows = [a.shape[0] for a, spec in zip(inputs, manifest["inputs"]) if a.ndim > 0 and "variable" not in spec]
        if devices > 1 and all(r % devices == 0 for r in batch_rows):
            dp_losses, all_reduces = run_steps(exp, manifest, inputs, case["steps"], devices)
            dp_worst = max(relative(a, b) for a, b in zip(case["kiln_losses"], dp_losses))
            if dp_worst > 1e-5 or all_reduces == 0:
                failures.append(f"train/{name}: data parallel over {devices} devices: losses {dp_losses}, {all_reduces} all-reduces, {dp_worst:.2e} from kiln")
            parallel = {"devices": devices, "losses": dp_losses, "all_reduces": all_reduces}
        print(f"train/{name}: xla {losses} kiln {case['kiln_losses']} (max {worst:.1e} relative)" + (f"; {devices} devices {parallel['losses']}" if parallel else "; data parallel skipped (batch not divisible)"))
        results["train"][name] = {"text": text, "json": {"name": name, "steps": case["steps"], "manifest": manifest, "xla_losses": losses, "max_relative_to_kiln": worst, "data_parallel": parallel}}

    probes = json.loads(read(os.path.join(cases_dir, "float-format.json")))
    mlir = mlir_float_texts([p["bits"] for p in probes])
    wrong = [(p, m) for p, m in zip(probes, mlir) if p["kiln"] != m]
    for p, m in wrong[:10]:
        failures.append(f"float 0x{p['bits']:08X}: kiln writes {p['kiln']}, MLIR prints {m}")
    print(f"float format: {len(probes) - len(wrong)}/{len(probes)} as MLIR prints them")

    if failures:
        print("\n".join(["", "FAILED:", *failures]))
        return 1
    for kind, entries in results.items():
        os.makedirs(os.path.join(golden, kind), exist_ok=True)
        for name, r in entries.items():
            with open(os.path.join(golden, kind, f"{name}.mlir"), "w") as f:
                f.write(r["text"])
            write_json(os.path.join(golden, kind, f"{name}.json"), {**provenance, **r["json"]})
    write_json(os.path.join(golden, "float-format.json"), {**provenance, "probes": [{"bits": p["bits"], "mlir": m} for p, m in zip(probes, mlir)]})
    print(f"wrote {golden}")
    return 0


def read_safetensors(path):
    import numpy as np
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    kinds = {"F32": "float32", "I32": "int32", "U32": "uint32", "BOOL": "bool"}
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        out[name] = np.frombuffer(blob[8 + n + start:8 + n + end], dtype=kinds[entry["dtype"]]).reshape(entry["shape"])
    return out


def train(prefix, steps, devices):
    jax = _jax()
    manifest = json.loads(read(prefix + ".json"))
    values = read_safetensors(prefix + ".safetensors")
    inputs = [values[spec["path"]] for spec in manifest["inputs"]]
    exp = exported(read(prefix + ".mlir"), manifest)
    losses, all_reduces = run_steps(exp, manifest, inputs, steps, devices)
    platform = jax.devices()[0].platform.upper()
    where = f"{devices} {platform} devices, the batch split on its first axis, {all_reduces} all-reduce(s) per step" if devices > 1 else f"1 {platform} device"
    print(f"{manifest['module']} on XLA ({where}):")
    for i, loss in enumerate(losses):
        if i < 5 or i == steps - 1 or (i + 1) % max(1, steps // 10) == 0:
            print(f"  step {i + 1:5d}  loss {loss:.6f}")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="run the export cases on XLA and write the golden files")
    c.add_argument("cases")
    c.add_argument("--golden", required=True)
    c.add_argument("--devices", type=int, default=2, help="devices for the data-parallel runs (default 2)")
    t = sub.add_parser("train", help="run a `kiln export` train step on XLA")
    t.add_argument("prefix", help="PREFIX of PREFIX.mlir, PREFIX.json and PREFIX.safetensors")
    t.add_argument("--steps", type=int, default=10)
    t.add_argument("--devices", type=int, default=1)
    args = parser.parse_args(argv)
    _setup_devices(args.devices, cpu=args.command == "check")  # the goldens are XLA:CPU's; `train` runs where JAX runs
    if args.command == "check":
        return check(args.cases, args.golden, args.devices)
    return train(args.prefix, args.steps, args.devices)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
