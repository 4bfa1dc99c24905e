/**
 * kiln's settings, read once from the environment (KILN_* variables in Node, nothing in a page)
 * when the platform module loads, and changed at run time with `updateSettings` (tests, benches,
 * a page without environment variables). Nothing else in kiln reads the environment.
 */
export type BackendChoice = "auto" | "js" | "wasm";

export interface Settings {
  /** KILN_BACKEND: where compiled kernels run (codegen's backend/choice.ts). */
  readonly backend: BackendChoice;
  /** KILN_WASM_EXACT=1: wasm dots accumulate in f64 and give the JS backend's bits. */
  readonly wasmExact: boolean;
  /** KILN_RELAXED_SIMD=0 turns relaxed SIMD (and the engine flag that enables it) off. */
  readonly relaxedSimd: boolean;
  /** KILN_THREADS: threads kernels may use (null: the host's count, at most 4). */
  readonly threads: number | null;
  /** KILN_WASM_MAX_MB: the wasm memory's maximum, in MiB (at most 2048). */
  readonly wasmMaxMb: number;
  /** KILN_DEBUG=1: print each compilation's graphs, plan and generated source. */
  readonly debug: boolean;
}

const defaults: Settings = { backend: "auto", wasmExact: false, relaxedSimd: true, threads: null, wasmMaxMb: 2048, debug: false };

let current: Settings = defaults;

/** The settings now. */
export function settings(): Settings {
  return current;
}

/** Changes some settings; returns the previous ones (to restore with another call). */
export function updateSettings(changes: Partial<Settings>): Settings {
  const previous = current;
  current = { ...current, ...changes };
  return previous;
}

/** The settings named by KILN_* environment variables; unset or unrecognised values keep the defaults. */
export function settingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): Partial<Settings> {
  const s: { -readonly [K in keyof Settings]?: Settings[K] } = {};
  const backend = env["KILN_BACKEND"];
  if (backend === "auto" || backend === "js" || backend === "wasm") s.backend = backend;
  if (env["KILN_WASM_EXACT"] !== undefined) s.wasmExact = env["KILN_WASM_EXACT"] === "1";
  if (env["KILN_RELAXED_SIMD"] !== undefined) s.relaxedSimd = env["KILN_RELAXED_SIMD"] !== "0";
  const threads = env["KILN_THREADS"];
  if (threads !== undefined && threads !== "") s.threads = Math.max(1, Math.floor(Number(threads)) || 1);
  const mb = Number(env["KILN_WASM_MAX_MB"]);
  if (env["KILN_WASM_MAX_MB"] !== undefined && Number.isFinite(mb)) s.wasmMaxMb = mb;
  if (env["KILN_DEBUG"] !== undefined) s.debug = env["KILN_DEBUG"] === "1";
  return s;
}
