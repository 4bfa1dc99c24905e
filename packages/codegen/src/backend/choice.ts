/**
 * Where kernels run: `auto` lets each device backend's cost model claim the kernels that pay
 * (large float32 dots, elementwise kernels and reductions go to WebAssembly SIMD), `js` keeps
 * everything JavaScript, `wasm` gives the wasm backend every kernel it has a form for, whatever
 * its size.
 */
export type BackendChoice = "auto" | "js" | "wasm";
