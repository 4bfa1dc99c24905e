import { platform, settings } from "@kiln/platform";
import { encodeModule, f32x4, FuncBuilder, get, v128 } from "./encoder.js";

/**
 * What the engine's WebAssembly supports, found by validating tiny modules (never by
 * version numbers). Node 20's V8 (11.3) validates SIMD128 and implements relaxed SIMD behind
 * `--experimental-wasm-relaxed-simd` (shipped by default from V8 11.4, Node 22): kiln turns
 * that flag on the first time it asks, since the dot kernels' multiply-add is then one FMA
 * (about 15% faster at L). KILN_RELAXED_SIMD=0 leaves the flag alone and uses no relaxed
 * instruction; where relaxed SIMD does not validate, kernels multiply then add.
 */
export interface WasmFeatures {
  readonly simd: boolean;
  readonly relaxedSimd: boolean;
  readonly sharedMemory: boolean;
}

function validates(make: (f: FuncBuilder) => void): boolean {
  try {
    const f = new FuncBuilder(["v128", "v128", "v128"], ["v128"]);
    make(f);
    return WebAssembly.validate(encodeModule([{ name: "f", fn: f }], { min: 1, max: 1, shared: true }));
  } catch {
    return false;
  }
}

let detected: WasmFeatures | null = null;

export function wasmFeatures(): WasmFeatures {
  if (detected) return detected;
  const [a, b, c] = [0, 1, 2].map((index) => ({ index, type: "v128" as const }));
  const sharedMemory = typeof SharedArrayBuffer === "function" && typeof WebAssembly === "object";
  detected = {
    sharedMemory,
    simd: sharedMemory && validates((f) => f.emit(f32x4.add(get(a!), get(b!)), v128.zero(), (g) => g.byte(0x1a))),
    relaxedSimd: sharedMemory && relaxedSimd(() => validates((f) => f.emit(f32x4.relaxedMadd(get(a!), get(b!), get(c!))))),
  };
  return detected;
}

function relaxedSimd(validatesMadd: () => boolean): boolean {
  if (!settings().relaxedSimd) return false;
  if (validatesMadd()) return true;
  // a V8 flag set at run time: wasm features are read when a module is validated
  return platform.setEngineFlag("--experimental-wasm-relaxed-simd") && validatesMadd();
}
