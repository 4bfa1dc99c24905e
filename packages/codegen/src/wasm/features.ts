import { encodeModule, f32x4, FuncBuilder, get, v128 } from "./encoder.js";

/**
 * What the engine's WebAssembly supports, found by validating tiny modules (never by
 * version numbers). Node 20's V8 validates SIMD128; relaxed SIMD needs
 * `--experimental-wasm-relaxed-simd` there, and kernels fall back to a multiply and an add.
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
    relaxedSimd: sharedMemory && validates((f) => f.emit(f32x4.relaxedMadd(get(a!), get(b!), get(c!)))),
  };
  return detected;
}
