import { platform, settings, type Port, type Threads, type WorkerHandle } from "@kiln/platform";
import { arena } from "./memory.js";

/**
 * Helper threads for large wasm kernels: worker_threads that instantiate the same wasm
 * modules on the same shared memory and run a range of a kernel's rows when told to.
 *
 * Each worker owns a 32-int control block in the shared memory:
 *   [0] job sequence number (the main thread bumps it and notifies)
 *   [1] op: 0 quit, 2 run
 *   [2] module id   [3] kernel index   [4] argument count   [5..] i32 arguments
 *   [28] rows per call (the worker calls the kernel on its range in pieces this tall)
 *   [29] 1 once the worker has booted   [31] the sequence number of the last job finished
 * Modules (and "drop module" notes) travel over a MessagePort that the worker drains
 * synchronously (receiveMessageOnPort) before each job, so loading one never waits for a
 * worker. A job is a store and an Atomics.notify; the barrier is the main thread spinning
 * briefly on [31], then Atomics.wait. A worker still booting takes no rows (the caller runs
 * them), so the pool never delays a first step. Workers are unref'd, so they never keep the
 * process alive, and they wait in Atomics.wait between jobs, costing nothing.
 */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { memory, port, ctrlAddr } = workerData;
const ctrl = new Int32Array(memory.buffer, ctrlAddr, 32);
const modules = new Map();
const drain = () => {
  for (let m; (m = receiveMessageOnPort(port)); ) {
    if (m.message.module) modules.set(m.message.id, new WebAssembly.Instance(m.message.module, { env: { mem: memory } }).exports);
    else modules.delete(m.message.id);
  }
};
Atomics.store(ctrl, 29, 1);
let seq = 0;
for (;;) {
  for (let spin = 0; spin < 2000 && Atomics.load(ctrl, 0) === seq; spin++);
  Atomics.wait(ctrl, 0, seq);
  seq = Atomics.load(ctrl, 0);
  const op = ctrl[1];
  if (op === 0) break;
  drain();
  while (!modules.has(ctrl[2])) {
    Atomics.wait(ctrl, 30, 0, 1);
    drain();
  }
  const args = Array.from(ctrl.subarray(5, 5 + ctrl[4]));
  const fn = modules.get(ctrl[2])["k" + ctrl[3]];
  const r1 = args[2], chunk = ctrl[28];
  for (let r = args[1]; r < r1; r += chunk) {
    args[1] = r;
    args[2] = Math.min(r + chunk, r1);
    fn(...args);
  }
  Atomics.store(ctrl, 31, seq);
  Atomics.notify(ctrl, 31);
}
port.close();
`;

interface Helper {
  readonly worker: WorkerHandle;
  readonly port: Port;
  readonly ctrl: Int32Array;
  /** Arena address of `ctrl`, freed once the worker has exited. */
  readonly ctrlAddr: number;
  seq: number;
}

export class ThreadPool {
  private readonly helpers: Helper[] = [];
  private nextModule = 1;
  private readonly dropped: number[] = [];
  /** run()'s list of the helpers that have booted. */
  private readonly ready: Helper[] = [];
  private closed = false;

  /** `size` helper threads; kernels then run on size + 1 threads (the caller's too). */
  constructor(threads: Threads, readonly size: number) {
    const ar = arena();
    for (let t = 0; t < size; t++) {
      const ctrlAddr = ar.alloc(128, "threads");
      const ctrl = new Int32Array(ar.memory.buffer as ArrayBuffer, ctrlAddr, 32);
      ctrl.fill(0);
      const [port1, port2] = threads.channel();
      const worker = threads.start(WORKER_SOURCE, { memory: ar.memory, port: port2, ctrlAddr }, [port2]);
      worker.unref();
      port1.unref();
      this.helpers.push({ worker, port: port1, ctrl, ctrlAddr, seq: 0 });
    }
  }

  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Threads that take rows now: the caller plus the helpers that have booted. */
  get readyThreads(): number {
    return 1 + this.helpers.filter((h) => Atomics.load(h.ctrl, 29) === 1).length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends `module` to every helper (instantiated there before its first job); returns its id for run(). */
  load(module: WebAssembly.Module): number {
    if (this.closed) throw new Error("kiln wasm threads: the pool was shut down");
    for (const id of this.dropped.splice(0)) for (const h of this.helpers) h.port.postMessage({ id });
    const id = this.nextModule++;
    for (const h of this.helpers) h.port.postMessage({ id, module });
    return id;
  }

  /** Forgets a module (sent with the next load; called when an executable is collected). */
  drop(id: number): void {
    this.dropped.push(id);
  }

  /**
   * Runs kernel `k{index}` of module `id` on rows [0, rows) split across the threads: thread t
   * calls it with (workspace[t], row0, row1, ...args), `chunk` rows per call; `local` runs the
   * caller's share.
   */
  run(id: number, index: number, rows: number, align: number, chunk: number, workspaces: readonly number[], args: readonly number[], local: (ws: number, r0: number, r1: number) => void): void {
    if (args.length > MAX_THREAD_BUFFERS) throw new RangeError(`kiln threads: ${args.length} buffers overflow the control block (slot 28 holds the chunk size)`);
    // called once per large kernel per step: the ready list is reused, the words written in place
    const ready = this.ready;
    let n = 0;
    for (const h of this.helpers) if (Atomics.load(h.ctrl, 29) === 1) ready[n++] = h;
    const T = Math.min(n + 1, Math.ceil(rows / align));
    // range t is [cut(t), cut(t + 1)); the last range ends at `rows` (rounding to `align` could drop rows)
    const cut = (t: number) => (t >= T ? rows : Math.min(rows, Math.round((rows * t) / T / align) * align));
    for (let t = 1; t < T; t++) {
      const c = ready[t - 1]!.ctrl;
      c[1] = 2;
      c[2] = id;
      c[3] = index;
      c[4] = 3 + args.length;
      c[5] = workspaces[t]!;
      c[6] = cut(t);
      c[7] = cut(t + 1);
      for (let a = 0; a < args.length; a++) c[8 + a] = args[a]!;
      c[28] = chunk;
      this.signal(ready[t - 1]!);
    }
    local(workspaces[0]!, 0, cut(1));
    for (let t = 1; t < T; t++) this.wait(ready[t - 1]!);
  }

  /** Stops every helper thread (idempotent). */
  shutdown(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const exits = this.helpers.map((h) => new Promise<void>((resolve) => {
      h.worker.onExit(() => resolve());
      h.ctrl[1] = 0; // quit
      this.signal(h);
    }));
    return Promise.all(exits).then(() => {
      for (const h of this.helpers) {
        h.port.close();
        arena().release(h.ctrlAddr);
      }
    });
  }

  /** Starts the job written in `h`'s control block. */
  private signal(h: Helper): void {
    const c = h.ctrl;
    h.seq = (h.seq + 1) | 0;
    Atomics.store(c, 0, h.seq);
    Atomics.notify(c, 0);
  }

  private wait(h: Helper): void {
    const c = h.ctrl;
    for (let spin = 0; spin < 20000; spin++) if (Atomics.load(c, 31) === h.seq) return;
    while (Atomics.load(c, 31) !== h.seq) Atomics.wait(c, 31, Atomics.load(c, 31), 1000);
  }
}

let pool: ThreadPool | null = null;

/**
 * How many threads kernels may use: the `threads` setting (KILN_THREADS), else the machine's
 * cores (at most 4); 1 where the platform has no threads.
 */
export function threadCount(): number {
  if (!platform.threads) return 1;
  return settings().threads ?? Math.max(1, Math.min(4, platform.threads.available()));
}

/** The process's pool, started on first use with threadCount() - 1 helpers (null for one thread). */
export function threadPool(): ThreadPool | null {
  if (pool && !pool.isClosed) return pool;
  const n = threadCount();
  if (n < 2 || !platform.threads) return null;
  pool = new ThreadPool(platform.threads, n - 1);
  return pool;
}

/** Shuts the pool down; the next parallel kernel starts a new one. */
export async function shutdownThreads(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.shutdown();
}

/**
 * The most buffers a threaded kernel may take: control slots 2..27 hold [module, kernel, nargs,
 * workspace, r0, r1, ...buffers], and slot 28 is the rows-per-call setting, 29 the booted flag.
 */
export const MAX_THREAD_BUFFERS = 28 - 2 - 6;
