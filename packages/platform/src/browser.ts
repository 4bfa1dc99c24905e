import type { Platform } from "./platform.js";

interface PageGlobals {
  readonly console?: { error(text: string): void };
}

/**
 * A web page: no environment variables (settings come from `updateSettings`), no engine flags,
 * diagnostics on the console. Kernels run on one thread here; a Web Worker pool for
 * cross-origin-isolated pages is the browser issue's work.
 */
export const platform: Platform = {
  name: "browser",
  files: null,
  threads: null,
  setEngineFlag: () => false,
  writeDiagnostic: (text) => (globalThis as PageGlobals).console?.error(text.replace(/\n$/, "")),
};
