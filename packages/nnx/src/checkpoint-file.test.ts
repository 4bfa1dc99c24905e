import { spawn, spawnSync } from "node:child_process";
import { chmodSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KilnError, jnp } from "@kiln/core";
import * as nnx from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "kiln-ckpt-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (n: number, value: number) => ({ w: new nnx.Param(jnp.full([n], value)) });

describe("checkpoint files", () => {
  it("a save replaces the file by a rename (a reader holding the old file keeps it), keeps its mode, and leaves no temporary file", () => {
    const path = join(dir, "replace.safetensors");
    nnx.saveCheckpoint(path, model(4, 1));
    chmodSync(path, 0o600);
    const old = readFileSync(path);
    linkSync(path, join(dir, "old-link"));
    nnx.saveCheckpoint(path, model(4, 2));
    // an in-place rewrite would have changed the linked file too
    expect(Buffer.compare(readFileSync(join(dir, "old-link")), old)).toBe(0);
    expect(Buffer.compare(readFileSync(path), old)).not.toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a missing file or directory is a one-line KilnError naming the path", () => {
    expect(() => nnx.loadCheckpoint(join(dir, "nope.safetensors"), model(1, 0))).toThrow(/^loadCheckpoint: cannot read .*nope\.safetensors: ENOENT$/);
    expect(() => nnx.saveCheckpoint(join(dir, "no-dir", "m.safetensors"), model(1, 0))).toThrow(/^saveCheckpoint: cannot write .*no-dir\/m\.safetensors: ENOENT$/);
    expect(() => nnx.loadCheckpoint(dir, model(1, 0))).toThrow(KilnError);
  });

  it("a corrupt file leaves the model bit-identical", () => {
    const path = join(dir, "corrupt.safetensors");
    nnx.saveCheckpoint(path, model(4, 1));
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));
    const m = model(4, 5);
    expect(() => nnx.loadCheckpoint(path, m)).toThrow(/corrupt\.safetensors: tensor "w" ends at byte 16 of a data section of 15 bytes/);
    expect(m.w.value.tolist()).toEqual([5, 5, 5, 5]);
  });

  // A write that fails half-way (a full disk, a file size limit) must leave the old checkpoint
  // whole. The child process imports everything, says "ready", and saves once the parent has
  // lowered its file size limit (prlimit) below the new file's size: the write fails with EFBIG.
  it.skipIf(spawnSync("prlimit", ["--version"]).status !== 0)("a write that fails half-way leaves the old checkpoint intact and no temporary file", { timeout: 120_000 }, async () => {
    const sub = mkdtempSync(join(dir, "efbig-"));
    const path = join(sub, "m.safetensors");
    nnx.saveCheckpoint(path, model(4, 1));
    const old = readFileSync(path);
    const src = new URL("./index.ts", import.meta.url).href;
    const core = new URL("../../core/src/index.ts", import.meta.url).href;
    const script = `
      const nnx = await import(${JSON.stringify(src)});
      const { jnp } = await import(${JSON.stringify(core)});
      const big = { w: new nnx.Param(jnp.full([100000], 3)) };
      process.stdout.write("ready\\n");
      process.stdin.once("data", () => {
        try { nnx.saveCheckpoint(${JSON.stringify(path)}, big); process.stdout.write("saved\\n"); }
        catch (e) { process.stdout.write(e.name + ": " + e.message + "\\n"); }
        process.exit(0);
      });`;
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const done = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (d) => {
        out += d;
        if (out === "ready\n") resolve();
      }),
    );
    expect(spawnSync("prlimit", [`--pid=${child.pid}`, "--fsize=16384:16384"]).status).toBe(0);
    child.stdin.write("go\n");
    expect(await done).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/^ready\nKilnError: saveCheckpoint: cannot write .*m\.safetensors: EFBIG\n$/);
    expect(Buffer.compare(readFileSync(path), old)).toBe(0);
    expect(readdirSync(sub)).toEqual(["m.safetensors"]);
  });
});
