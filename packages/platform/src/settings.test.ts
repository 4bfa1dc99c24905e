import { describe, expect, it } from "vitest";
import { settings, settingsFromEnvironment, updateSettings } from "./settings.js";

describe("settings", () => {
  it("reads the KILN_* variables it knows, ignoring unrecognised values", () => {
    expect(settingsFromEnvironment({ KILN_BACKEND: "wasm", KILN_WASM_EXACT: "1", KILN_RELAXED_SIMD: "0", KILN_THREADS: "3", KILN_WASM_MAX_MB: "512", KILN_DEBUG: "1" }))
      .toEqual({ backend: "wasm", wasmExact: true, relaxedSimd: false, threads: 3, wasmMaxMb: 512, debug: true });
    expect(settingsFromEnvironment({ KILN_BACKEND: "gpu", KILN_THREADS: "", KILN_WASM_MAX_MB: "lots", PATH: "/bin" })).toEqual({});
    expect(settingsFromEnvironment({ KILN_THREADS: "0" })).toEqual({ threads: 1 });
    expect(settingsFromEnvironment({ KILN_THREADS: "two" })).toEqual({ threads: 1 });
  });
  it("changes at run time and restores from what updateSettings returns", () => {
    const before = settings();
    const saved = updateSettings({ backend: "js", debug: true });
    expect(saved).toBe(before);
    expect(settings()).toEqual({ ...before, backend: "js", debug: true });
    updateSettings(saved);
    expect(settings()).toEqual(before);
  });
});
