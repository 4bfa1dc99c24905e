import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nnx, trainStepLoss } from "kiln";
import { MLPClassifier } from "../packages/kiln/src/train/mlp.js";
import { kiln, type Run } from "./cli-harness.js";

/**
 * The kiln command line through its real entry point, each case its own process: the help of
 * every command, every flag (with `--flag value` and `--flag=value`), bad values, unknown flags
 * with suggestions, exit statuses, stdout/stderr, colour. tests/cli-hostile.test.ts has the
 * hostile inputs; tests/cli-docs.test.ts checks the docs against the definitions.
 */
const golden = JSON.parse(readFileSync(new URL("./reference/jax-golden.json", import.meta.url), "utf8"));
const seedCase = golden.train_step_loss[0];
const caseJson = (over: Record<string, unknown> = {}) => JSON.stringify({ seed: seedCase.seed, x: seedCase.x, y: seedCase.y, lr: seedCase.lr, num_steps: seedCase.num_steps, ...over });
const dir = mkdtempSync(join(tmpdir(), "kiln-cli-"));

/** A usage error: status 2, nothing on stdout, exactly `line` on stderr. */
function expectUsage(r: Run, line: string | RegExp): void {
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  if (typeof line === "string") expect(r.stderr.trimEnd()).toBe(line);
  else expect(r.stderr.trimEnd()).toMatch(line);
  expect(r.code).toBe(2);
}

describe.concurrent("kiln: help, version, commands", { timeout: 180_000 }, () => {
  it("--help and help list every command; --version prints the package's version", async () => {
    const [help, helpCmd, version, short] = await Promise.all([kiln(["--help"]), kiln(["help"]), kiln(["--version"]), kiln(["-V"])]);
    expect(help.code).toBe(0);
    for (const c of ["train", "train-step-loss", "inspect", "--verbose", "--no-color", "--version"]) expect(help.stdout).toContain(c);
    expect(helpCmd.stdout).toBe(help.stdout);
    const pkg = JSON.parse(readFileSync(new URL("../packages/kiln/package.json", import.meta.url), "utf8"));
    expect([version.code, version.stdout, short.stdout]).toEqual([0, `${pkg.version}\n`, `${pkg.version}\n`]);
  });

  it("each command's --help (and `help <command>`, -h) lists every flag with its default", async () => {
    const [train, trainHelp, trainH, tsl, inspect] = await Promise.all([
      kiln(["train", "--help"]), kiln(["help", "train"]), kiln(["train", "-h"]), kiln(["train-step-loss", "--help"]), kiln(["inspect", "--help"]),
    ]);
    for (const r of [train, tsl, inspect]) expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(trainHelp.stdout).toBe(train.stdout);
    expect(trainH.stdout).toBe(train.stdout);
    const flat = (s: string) => s.replace(/\s+/g, " ");
    for (const f of ['--model <name>', 'choices: "linear", "mlp", "all", default: "all"', "--steps <n>", "(default: 300)", "--lr <rate>", "0.05 for linear, 0.01 for mlp",
      "--seed <n>", "(default: 0)", "--plot <file>", 'default: "kiln-train.svg"', "--no-plot", "--save <file>", "--load <file>", "--timing-steps <n>", "(default: 200)", "-q, --quiet", "--verbose", "--no-color"]) {
      expect(flat(train.stdout)).toContain(f);
    }
    for (const f of ["--input <file>", 'default: "-"']) expect(flat(tsl.stdout)).toContain(f);
    for (const f of ['--model <name>', 'choices: "linear", "mlp", default: "linear"', "--shape <n,din,dout>", 'default: 64,8,4', "--dot"]) expect(flat(inspect.stdout)).toContain(f);
  });

  it("no command: the help on stderr, status 2; a mistyped command names the closest", async () => {
    const [none, typo, extra] = await Promise.all([kiln([]), kiln(["trian"]), kiln(["train", "--", "--steps", "5"])]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Usage: kiln \[options\] \[command\]/);
    expectUsage(typo, "kiln: unknown command 'trian' (Did you mean train?)");
    // `--` ends the flags: what follows is an operand, and train takes none
    expectUsage(extra, "kiln train: too many arguments for 'train'. Expected 0 arguments but got 2.");
  });
});

describe.concurrent("kiln train-step-loss", { timeout: 180_000 }, () => {
  it("prints [loss_step_0, loss_step_final] as float32 values that read back exactly, agreeing with Flax", async () => {
    const r = await kiln(["train-step-loss"], { stdin: caseJson() });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.endsWith("]\n")).toBe(true);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const [first, last] = JSON.parse(r.stdout) as number[];
    const api = trainStepLoss(seedCase.seed, seedCase.x, seedCase.y, seedCase.lr, seedCase.num_steps).tolist();
    expect([Math.fround(first!), Math.fround(last!)]).toEqual(api);
    expect(Math.abs(first! - seedCase.expected[0]) / seedCase.expected[0]).toBeLessThan(1e-6);
    expect(Math.abs(last! - seedCase.expected[1]) / seedCase.expected[1]).toBeLessThan(1e-5);
  });

  it("--input FILE, --input=FILE and --input - (stdin) read the same cases; an array of cases gives an array of pairs", async () => {
    const file = join(dir, "cases.json");
    writeFileSync(file, `[${caseJson()}, ${caseJson({ num_steps: 1 })}]`);
    const [a, b, c] = await Promise.all([kiln(["train-step-loss", "--input", file]), kiln(["train-step-loss", `--input=${file}`]), kiln(["train-step-loss", "--input", "-"], { stdin: readFileSync(file, "utf8") })]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout) as number[][];
    expect(out).toHaveLength(2);
    expect(out[1]![0]).toBe(out[1]![1]); // one step: first and final loss are the same
    expect(out[0]![0]).toBe(out[1]![0]);
  });

  const bad: [string, string, string][] = [
    ["unparsable JSON", "{seed: 0", "input: not valid JSON (Expected property name or '}' in JSON at position 1)"],
    ["a missing field", JSON.stringify({ seed: 0, x: [[1]], y: [[1]], lr: 0.1 }), "input.num_steps: missing"],
    ["a mistyped field", caseJson({ lr: "0.1" }), 'input.lr: must be a number, got the string "0.1"'],
    ["a ragged matrix", caseJson({ x: [[1, 2], [3]], y: [[1], [2]] }), "input.x: ragged matrix: row 1 has 1 entries, row 0 has 2"],
    ["a non-numeric entry", caseJson({ x: [[1, "a"], [3, 4]], y: [[1], [2]] }), 'input.x[0][1]: must be a finite number, got the string "a"'],
    ["x and y with different row counts", caseJson({ x: [[1], [2], [3]], y: [[1], [2]] }), "input.y: has 2 rows but x has 3"],
    ["num_steps below 1", caseJson({ num_steps: 0.9 }), "input.num_steps: must be at least 1 after truncation, got 0.9"],
    ["a non-finite lr", caseJson().replace(/"lr":[^,]+/, '"lr":1e999'), "input.lr: must be finite"],
    ["a non-finite seed", caseJson().replace(/"seed":[^,]+/, '"seed":-1e999'), "input.seed: must be finite"],
    ["an unknown field", caseJson({ steps: 3 }), 'input: unknown field "steps" (expected seed, x, y, lr, num_steps)'],
    ["a bad case in an array", `[${caseJson()}, 3]`, "input[1]: must be an object with fields seed, x, y, lr, num_steps, got 3"],
  ];
  for (const [what, input, message] of bad) {
    it(`rejects ${what}: status 2, one line naming the field`, async () => {
      expectUsage(await kiln(["train-step-loss"], { stdin: input }), `kiln train-step-loss: ${message}`);
    });
  }

  it("--input: a missing file, a directory, an empty name, no value", async () => {
    const [missing, directory, empty, none] = await Promise.all([
      kiln(["train-step-loss", "--input", join(dir, "nope.json")]), kiln(["train-step-loss", "--input", dir]), kiln(["train-step-loss", "--input="]), kiln(["train-step-loss", "--input"]),
    ]);
    expectUsage(missing, /^kiln train-step-loss: --input: cannot read ".*nope\.json": ENOENT$/);
    expectUsage(directory, /^kiln train-step-loss: --input: cannot read ".*": EISDIR$/);
    expectUsage(empty, "kiln train-step-loss: --input: needs a file name, got an empty string");
    expectUsage(none, "kiln train-step-loss: option '--input <file>' argument missing");
  });
});

describe.concurrent("kiln train: flags", { timeout: 180_000 }, () => {
  const cases: [string, string[], string][] = [
    ["--model outside the choices", ["--model", "both"], 'kiln train: --model: must be one of linear, mlp, all, got "both"'],
    ["--steps below 1 (= syntax)", ["--steps=-3"], 'kiln train: --steps: must be an integer from 1 to 10000000, got "-3"'],
    ["--steps not an integer", ["--steps", "1.5"], 'kiln train: --steps: must be an integer from 1 to 10000000, got "1.5"'],
    ["--steps over the limit", ["--steps", "10000001"], 'kiln train: --steps: must be an integer from 1 to 10000000, got "10000001"'],
    ["--lr zero", ["--lr", "0"], 'kiln train: --lr: must be a positive finite number, got "0"'],
    ["--lr not a number", ["--lr=fast"], 'kiln train: --lr: must be a positive finite number, got "fast"'],
    ["--lr infinite", ["--lr", "1e999"], 'kiln train: --lr: must be a positive finite number, got "1e999"'],
    ["--seed 2^63", ["--seed", "9223372036854775808"], 'kiln train: --seed: must be an integer from -2^63 to 2^63-1, got "9223372036854775808"'],
    ["--timing-steps 0", ["--timing-steps=0"], 'kiln train: --timing-steps: must be an integer from 1 to 1000000, got "0"'],
    ["--plot with an empty name", ["--plot", ""], "kiln train: --plot: needs a file name, got an empty string"],
    ["--save with no value", ["--save"], "kiln train: option '--save <file>' argument missing"],
    ["--load with an empty name", ["--load="], "kiln train: --load: needs a file name, got an empty string"],
    ["a mistyped flag", ["--stpes", "5"], "kiln train: unknown option '--stpes' (Did you mean --steps?)"],
    ["a mistyped flag with =", ["--timing-step=5"], "kiln train: unknown option '--timing-step=5' (Did you mean --timing-steps?)"],
    ["a flag of another command", ["--shape", "1,2,3"], "kiln train: unknown option '--shape' (Did you mean --save?)"],
    ["--quiet with a value", ["--quiet=yes"], "kiln train: unknown option '--quiet=yes'"],
  ];
  for (const [what, args, line] of cases) {
    it(`rejects ${what}`, async () => expectUsage(await kiln(["train", ...args]), line));
  }
});

describe("kiln train: runs", { timeout: 300_000 }, () => {
  it("trains (--steps=N, --seed, -q), writes its plot and a checkpoint that round-trips to identical bits", async () => {
    const plot = join(dir, "loss.svg");
    const ckpt = join(dir, "model.safetensors");
    const r = await kiln(["train", "--steps=5", "--timing-steps", "5", "--seed", "3", "--plot", plot, "--save", ckpt, "-q"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/test RMSE .* mpg/);
    expect(r.stdout).toMatch(/test accuracy/);
    expect(r.stdout).toMatch(/step time: jit .* eager .*faster/);
    expect(r.stdout).not.toMatch(/[┼╮╯]/); // --quiet: no curves
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg[^>]*>[\s\S]*<polyline[\s\S]*<\/svg>/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // load into fresh models, save again: the same bytes
    const models = { linear: new nnx.Linear(5, 1, { rngs: new nnx.Rngs(9) }), mlp: new MLPClassifier(4, 16, 3, new nnx.Rngs(9)) };
    nnx.loadCheckpoint(ckpt, models);
    const again = join(dir, "again.safetensors");
    nnx.saveCheckpoint(again, models);
    expect(Buffer.compare(readFileSync(ckpt), readFileSync(again))).toBe(0);

    // --load continues from it: a checkpoint of all models loads into one (the other's tensors skipped)
    const [linear, seven] = await Promise.all([
      kiln(["train", "--model", "linear", "--steps", "2", "--timing-steps", "2", "--load", ckpt, "--no-plot", "--lr", "0.01"]),
      kiln(["train", "--model=mlp", "--steps", "1", "--timing-steps", "1", "--seed", "-9223372036854775808", "--no-plot", "--quiet"]),
    ]);
    expect(linear.code).toBe(0);
    expect(linear.stdout).toContain(`loaded ${ckpt}`);
    expect(linear.stdout).toContain("SGD lr 0.01");
    expect(linear.stdout).toMatch(/loss [\d.]+ -> [\d.]+ after 2 steps/);
    expect(linear.stdout).not.toContain("MLP");
    expect(seven.code).toBe(0);

    // a checkpoint of one model does not load into all: the missing tensors are named (status 1: the work failed)
    const onlyLinear = join(dir, "linear.safetensors");
    expect((await kiln(["train", "--model", "linear", "--steps", "1", "--timing-steps", "1", "--no-plot", "-q", "--save", onlyLinear])).code).toBe(0);
    const strict = await kiln(["train", "--steps", "1", "--load", onlyLinear, "--no-plot", "-q"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr.trimEnd()).toMatch(/^kiln train: .*linear\.safetensors: has no tensor "mlp\.hidden\.bias" \(it has "linear\.bias", "linear\.kernel"\)$/);
  });

  it("a corrupt checkpoint: status 1, one line naming the problem; --verbose and KILN_DEBUG=1 add the stack", async () => {
    const file = join(dir, "corrupt.safetensors");
    writeFileSync(file, Buffer.from("this is not a checkpoint"));
    const args = ["train", "--model", "linear", "--steps", "1", "--load", file, "--no-plot"];
    const [plain, verbose, debug] = await Promise.all([kiln(args), kiln(["--verbose", ...args]), kiln(args, { env: { KILN_DEBUG: "1" } })]);
    expect(plain.code).toBe(1);
    expect(plain.stderr.trimEnd()).toMatch(/^kiln train: .*corrupt\.safetensors: header length \d+ is over the format's limit of 100000000 bytes$/);
    for (const r of [verbose, debug]) {
      expect(r.code).toBe(1);
      expect(r.stderr.split("\n")[0]).toBe(plain.stderr.split("\n")[0]);
      expect(r.stderr).toMatch(/\n\s+at /);
    }
  });

  it("colour only on a terminal, and not with NO_COLOR or --no-color; progress on stderr only", async () => {
    const args = ["train", "--model", "linear", "--steps", "3", "--timing-steps", "2", "--no-plot"];
    const piped = await kiln(args);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain("┼"); // the curve is there, without escapes
    expect(piped.stdout + piped.stderr).not.toContain("\x1b[");
    // through a pseudo-terminal (util-linux `script`), where colour is expected
    const hasScript = spawnSync("script", ["--version"]).status === 0;
    if (!hasScript) return;
    const cli = new URL("../packages/kiln/src/cli.ts", import.meta.url).pathname;
    const onTty = (env: Record<string, string>, extra: string[] = []) =>
      spawnSync("script", ["-qec", [process.execPath, "--conditions=source", "--import", "tsx", cli, ...extra, ...args].join(" "), "/dev/null"], { env: { ...process.env, NO_COLOR: "", ...env }, encoding: "utf8" }).stdout;
    const colour = new RegExp(String.raw`\x1b\[3\dm`); // an SGR foreground colour
    expect(onTty({})).toMatch(colour);
    expect(onTty({ NO_COLOR: "1" })).not.toMatch(colour);
    expect(onTty({}, ["--no-color"])).not.toMatch(colour);
  });
});

describe.concurrent("kiln inspect", { timeout: 180_000 }, () => {
  it("prints the traced graph, the optimized graph, the plan, the source and DOT (--dot)", async () => {
    const r = await kiln(["inspect", "--dot"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    for (const section of ["== traced graph", "== optimized graph", "== fusion plan", "== generated JavaScript", "== graph (Graphviz DOT)"]) {
      expect(r.stdout).toContain(section);
    }
    expect(r.stdout).toMatch(/dot_general\[contracting=\(\(0,\), \(0,\)\)/);
    expect(r.stdout).toMatch(/digraph "Linear\(8, 4\)/);
  });

  it("--model=mlp --shape=N,DIN,DOUT: the MLP step at that shape, no DOT without --dot", async () => {
    const r = await kiln(["inspect", "--model=mlp", "--shape=2,3,5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# kiln inspect: MLP 3-16-5 classifier .* batch 2/);
    expect(r.stdout).toContain("f32[2,3]");
    expect(r.stdout).not.toContain("== graph (Graphviz DOT)");
  });

  const cases: [string, string[], string][] = [
    ["--model all (inspect takes one)", ["--model", "all"], 'kiln inspect: --model: must be one of linear, mlp, got "all"'],
    ["--shape with two sizes", ["--shape", "1,2"], 'kiln inspect: --shape: must be 3 positive integers N,DIN,DOUT separated by commas, got "1,2"'],
    ["--shape with 1e9", ["--shape", "1,1e9,1"], 'kiln inspect: --shape: must be 3 positive integers N,DIN,DOUT separated by commas, got "1,1e9,1"'],
    ["--shape over the limit in one size", ["--shape=1,1000000000,1"], "kiln inspect: --shape: DIN = 1000000000 is over the limit of 1048576"],
    ["--shape over the limit in a product", ["--shape", "2048,1024,1"], "kiln inspect: --shape: N×DIN = 2097152 elements is over the limit of 1048576"],
    ["--dot with a value", ["--dot=1"], "kiln inspect: unknown option '--dot=1' (Did you mean --dot?)"],
    ["a mistyped flag", ["--shap", "1,2,3"], "kiln inspect: unknown option '--shap' (Did you mean --shape?)"],
  ];
  for (const [what, args, line] of cases) {
    it(`rejects ${what}`, async () => expectUsage(await kiln(["inspect", ...args]), line));
  }
});

describe.concurrent("kiln export", { timeout: 180_000 }, () => {
  it("--model=mlp --out DIR --seed --lr --precision: writes the module, its signature and the initial values", async () => {
    const out = join(dir, "export-mlp");
    const r = await kiln(["export", "--model=mlp", "--out", out, "--seed", "3", "--lr=0.02", "--precision", "HIGHEST"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(`wrote ${join(out, "mlp_train_step.mlir")}`);
    expect(readdirSync(out).sort()).toEqual(["mlp_train_step.json", "mlp_train_step.mlir", "mlp_train_step.safetensors"]);
    const text = readFileSync(join(out, "mlp_train_step.mlir"), "utf8");
    expect(text).toMatch(/^module @mlp_train_step/);
    expect(text).toContain("precision = [HIGHEST, HIGHEST]");
    const manifest = JSON.parse(readFileSync(join(out, "mlp_train_step.json"), "utf8"));
    expect(manifest.inputs.map((s: { path: string }) => s.path)).toContain("model.hidden.kernel");
  });

  it("defaults: the linear model, DEFAULT precision", async () => {
    const out = join(dir, "export-linear");
    const r = await kiln(["export", "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["linear_train_step.json", "linear_train_step.mlir", "linear_train_step.safetensors"]);
    expect(readFileSync(join(out, "linear_train_step.mlir"), "utf8")).not.toContain("precision ="); // DEFAULT is what MLIR leaves unprinted
  });

  const cases: [string, string[], string][] = [
    ["an unknown model", ["--model", "cnn"], 'kiln export: --model: must be one of linear, mlp, got "cnn"'],
    ["an unknown precision", ["--precision=LOW"], 'kiln export: --precision: must be one of DEFAULT, HIGH, HIGHEST, got "LOW"'],
    ["a negative learning rate", ["--lr=-1"], 'kiln export: --lr: must be a positive finite number, got "-1"'],
    ["a mistyped flag", ["--outt", "x"], "kiln export: unknown option '--outt' (Did you mean --out?)"],
  ];
  for (const [what, args, line] of cases) {
    it(`rejects ${what}`, async () => expectUsage(await kiln(["export", ...args]), line));
  }
});
