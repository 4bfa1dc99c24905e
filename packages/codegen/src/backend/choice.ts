/**
 * Where kernels run: `auto` lets each device backend's cost model claim the kernels that pay
 * (large float32 dots, elementwise kernels and reductions go to WebAssembly SIMD), `js` keeps
 * everything JavaScript, `wasm` gives the wasm backend every kernel it has a form for, whatever
 * its size. The default is the `backend` setting (KILN_BACKEND).
 */
export type { BackendChoice } from "@kiln/platform";
