import { KilnError } from "@kiln/core";
import { describe, expect, it } from "vitest";
import { Arena } from "./memory.js";
import { withStaging } from "./staging.js";

const MB = 2 ** 20;

describe("running out of wasm memory", () => {
  it("takes staging copies back before failing, and the next call stages again", () => {
    const ar = new Arena(1, 64); // at most 4 MiB
    const fn = withStaging((args) => [Float32Array.from(args[0]!, (x) => x * 2)], ar, new Set([0]), new Set(), new Set());
    const input = new Float32Array(512 * 1024).fill(1.5); // 2 MiB, outside the memory
    expect(fn([input])[0]![7]).toBe(3);
    expect(ar.held().staging).toBeGreaterThanOrEqual(2 * MB);
    // 3 MiB more only fits once the staging copy is given back
    const big = ar.allocArray("float32", 768 * 1024);
    expect(ar.held().staging).toBe(0);
    ar.free(big);
    expect(fn([input.fill(-1)])[0]![0]).toBe(-2);
    expect(ar.held().staging).toBeGreaterThanOrEqual(2 * MB);
  });

  it("says how much was asked and what holds the memory, in one KilnError", () => {
    const ar = new Arena(1, 32); // 2 MiB
    const kept = ar.allocArray("float32", 256 * 1024); // 1 MiB of arrays
    ar.alloc(512 * 1024, "scratch");
    let error: unknown = null;
    try {
      ar.allocArray("float32", 300 * 1024);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KilnError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^kiln wasm memory: cannot allocate 1\.2 MB: 2\.0 MB is the maximum \(KILN_WASM_MAX_MB\) and arrays and parameters 1\.0 MB, compiled functions' scratch 0\.5 MB are held/);
    expect(kept.length).toBe(256 * 1024);
  });

  it("never takes back the staging copies of the call that needs the memory", () => {
    const ar = new Arena(1, 64); // 4 MiB
    const fn = withStaging((args) => [Float32Array.from(args[0]!), Float32Array.from(args[1]!)], ar, new Set([0, 1]), new Set(), new Set());
    const a = new Float32Array(256 * 1024).fill(1); // 1 MiB, staged
    const resident = ar.copyIn(new Float32Array(256 * 1024).fill(2)); // 1 MiB, already in the memory
    expect(fn([a, resident]).map((o) => o[0])).toEqual([1, 2]);
    const filler = ar.allocArray("float32", 448 * 1024); // 1.75 MiB: the memory is nearly full
    // input 1 now needs a staging copy; the only reclaimable memory is input 0's copy, in use
    expect(() => fn([a, new Float32Array(256 * 1024)])).toThrow(KilnError);
    expect(ar.held().staging).toBeGreaterThanOrEqual(MB);
    ar.free(filler);
    expect(fn([a.fill(3), resident]).map((o) => o[0])).toEqual([3, 2]);
  });
});
