/**
 * What kiln needs from the JavaScript host besides the language: threads, engine flags,
 * diagnostics output. One implementation per host (node.ts, browser.ts), chosen by the
 * package's conditional exports (`"node"` / `"browser"`), so a browser bundle never contains a
 * `node:` import and the rest of kiln never imports one.
 */
import type { Files } from "./files.js";

export interface Platform {
  readonly name: "node" | "browser";
  /** The file system, or null where there is none (a page: checkpoints go through bytes). */
  readonly files: Files | null;
  /** Worker threads on the same shared memory, or null where the host has none kiln can use. */
  readonly threads: Threads | null;
  /**
   * Sets a JavaScript engine flag at run time (V8's `--experimental-wasm-relaxed-simd`);
   * false where the host does not allow it.
   */
  setEngineFlag(flag: string): boolean;
  /** Writes a diagnostic (debug output) line-oriented text: stderr in Node, the console in a page. */
  writeDiagnostic(text: string): void;
}

/** A message port: the end of a channel between the main thread and a worker. */
export interface Port {
  postMessage(message: unknown): void;
  close(): void;
  /** Lets the process exit while the port is open. */
  unref(): void;
}

export interface WorkerHandle {
  /** Lets the process exit while the worker runs. */
  unref(): void;
  onExit(callback: () => void): void;
}

export interface Threads {
  /** Hardware threads the host reports. */
  available(): number;
  /** A channel's two ports. */
  channel(): readonly [Port, Port];
  /**
   * Starts a worker running `source` (a script for this host) with `data`; `transfer` lists the
   * ports in `data` it takes over.
   */
  start(source: string, data: unknown, transfer: readonly Port[]): WorkerHandle;
}
