import type fc from "fast-check";

/**
 * Run sizes for the property suite. CI uses a fixed seed so a run is reproducible; locally,
 * `KILN_FC_RUNS=2000 KILN_FC_SEED=123 npx vitest run tests/property` runs every property that
 * many times from that seed (`KILN_FC_SEED=random` picks one; fast-check prints it on failure).
 * The defaults keep the whole property suite under ~30 s on 2 cores.
 */
const DEFAULT_SEED = 20240917;

function seedFromEnv(): number {
  const raw = process.env.KILN_FC_SEED;
  if (raw === undefined || raw === "") return DEFAULT_SEED;
  if (raw === "random") return Date.now() ^ (Math.random() * 0x100000000);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`KILN_FC_SEED must be an integer or "random", got ${raw}`);
  return n;
}

function runsFromEnv(defaultRuns: number): number {
  const raw = process.env.KILN_FC_RUNS;
  if (raw === undefined || raw === "") return defaultRuns;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`KILN_FC_RUNS must be a positive integer, got ${raw}`);
  return n;
}

export const FC_SEED = seedFromEnv();

/** fast-check parameters for a property with `defaultRuns` runs in CI. */
export function fcParams<T>(defaultRuns: number): fc.Parameters<T> {
  return { numRuns: runsFromEnv(defaultRuns), seed: FC_SEED };
}
