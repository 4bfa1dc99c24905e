import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nnx, trainStepLoss } from "kiln";

/** Runs the CLI from its TypeScript sources (the "source" export condition), as a separate process. */
function kiln(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const cli = new URL("../packages/kiln/src/cli.ts", import.meta.url).pathname;
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", cli, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const golden = JSON.parse(readFileSync(new URL("./reference/jax-golden.json", import.meta.url), "utf8"));
const seedCase = golden.train_step_loss[0];
const caseJson = (over: Record<string, unknown> = {}) => JSON.stringify({ seed: seedCase.seed, x: seedCase.x, y: seedCase.y, lr: seedCase.lr, num_steps: seedCase.num_steps, ...over });

describe.concurrent("kiln train-step-loss", () => {
  it("prints [loss_step_0, loss_step_final] as float32 values that read back exactly, agreeing with Flax", async () => {
    const r = await kiln(["train-step-loss"], caseJson());
    expect(r.code).toBe(0);
    const [first, last] = JSON.parse(r.stdout) as number[];
    // printed as the shortest decimal that reads back to the same float32 (numpy's float32 repr)
    const api = trainStepLoss(seedCase.seed, seedCase.x, seedCase.y, seedCase.lr, seedCase.num_steps).tolist();
    expect([Math.fround(first!), Math.fround(last!)]).toEqual(api);
    expect(Math.abs(first! - seedCase.expected[0]) / seedCase.expected[0]).toBeLessThan(1e-6);
    expect(Math.abs(last! - seedCase.expected[1]) / seedCase.expected[1]).toBeLessThan(1e-5);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("an array of cases gives an array of pairs; --input reads a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-cli-"));
    const file = join(dir, "cases.json");
    await import("node:fs").then((fs) => fs.writeFileSync(file, `[${caseJson()}, ${caseJson({ num_steps: 1 })}]`));
    const r = await kiln(["train-step-loss", "--input", file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as number[][];
    expect(out).toHaveLength(2);
    expect(out[1]![0]).toBe(out[1]![1]); // one step: first and final loss are the same
    expect(out[0]![0]).toBe(out[1]![0]);
  });

  const bad: [string, string, RegExp][] = [
    ["unparsable JSON", "{seed: 0", /input: not valid JSON/],
    ["a missing field", JSON.stringify({ seed: 0, x: [[1]], y: [[1]], lr: 0.1 }), /input\.num_steps: missing/],
    ["a mistyped field", caseJson({ lr: "0.1" }), /input\.lr: must be a number/],
    ["a ragged matrix", caseJson({ x: [[1, 2], [3]], y: [[1], [2]] }), /input\.x: ragged matrix: row 1 has 1 entries, row 0 has 2/],
    ["a non-numeric entry", caseJson({ x: [[1, "a"], [3, 4]], y: [[1], [2]] }), /input\.x\[0\]\[1\]: must be a finite number/],
    ["x and y with different row counts", caseJson({ x: [[1], [2], [3]], y: [[1], [2]] }), /input\.y: has 2 rows but x has 3/],
    ["num_steps below 1", caseJson({ num_steps: 0.9 }), /input\.num_steps: must be at least 1/],
    ["a non-finite lr", caseJson().replace(/"lr":[^,]+/, '"lr":1e999'), /input\.lr: must be finite/],
    ["a non-finite seed", caseJson().replace(/"seed":[^,]+/, '"seed":-1e999'), /input\.seed: must be finite/],
    ["an unknown field", caseJson({ steps: 3 }), /input\.steps: unknown field/],
  ];
  for (const [what, input, message] of bad) {
    it(`rejects ${what}: exit 2, one line naming the field, no stack trace`, async () => {
      const r = await kiln(["train-step-loss"], input);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe("kiln train, inspect and checkpoints", () => {
  it("trains a few steps, writes its plot and a checkpoint that round-trips to identical bits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-train-"));
    const plot = join(dir, "loss.svg");
    const ckpt = join(dir, "model.safetensors");
    const r = await kiln(["train", "--steps", "5", "--timing-steps", "5", "--plot", plot, "--save", ckpt, "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/test RMSE .* mpg/);
    expect(r.stdout).toMatch(/test accuracy/);
    expect(r.stdout).toMatch(/step time: jit .* eager .*faster/);
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg[^>]*>[\s\S]*<polyline[\s\S]*<\/svg>/);
    // load into fresh models, save again: the same bytes
    const { MLPClassifier } = await import("../packages/kiln/src/train/models.js");
    const models = { linear: new nnx.Linear(5, 1, { rngs: new nnx.Rngs(9) }), mlp: new MLPClassifier(4, 16, 3, new nnx.Rngs(9)) };
    nnx.loadCheckpoint(ckpt, models);
    const again = join(dir, "again.safetensors");
    nnx.saveCheckpoint(again, models);
    expect(Buffer.compare(readFileSync(ckpt), readFileSync(again))).toBe(0);
    // and --load continues from it
    const r2 = await kiln(["train", "--model", "linear", "--steps", "2", "--timing-steps", "2", "--load", ckpt, "--no-plot", "--quiet"]);
    expect(r2.code).toBe(0);
  });

  it("a bad option exits 2 naming it", async () => {
    const r = await kiln(["train", "--steps", "-3"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("kiln: --steps: must be an integer >= 1, got -3");
  });

  it("inspect prints the traced graph, the optimized graph, the plan, the source and DOT", async () => {
    const r = await kiln(["inspect", "--dot"]);
    expect(r.code).toBe(0);
    for (const section of ["== traced graph", "== optimized graph", "== fusion plan", "== generated JavaScript", "== graph (Graphviz DOT)"]) {
      expect(r.stdout).toContain(section);
    }
    expect(r.stdout).toMatch(/dot_general\[contracting=\(\(0,\), \(0,\)\)/);
    expect(r.stdout).toMatch(/digraph "Linear\(8, 4\)/);
    expect(existsSync(plotFree())).toBe(false);
  });
});

function plotFree(): string {
  return join(tmpdir(), "definitely-not-written.svg");
}
