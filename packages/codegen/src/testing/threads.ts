import type { ThreadPool } from "../wasm/threads.js";

/** Waits (up to 5 s) until every helper thread of `pool` has booted and takes rows. */
export async function booted(pool: ThreadPool): Promise<void> {
  for (let i = 0; i < 500 && pool.readyThreads < pool.threads; i++) await new Promise((r) => setTimeout(r, 10));
  if (pool.readyThreads < pool.threads) throw new Error(`kiln threads: ${pool.threads - pool.readyThreads} helper threads did not boot in 5 s`);
}
