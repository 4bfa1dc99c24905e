/** Command-line flags of bench/run.ts. */
export interface Args {
  /** shorter sampling, for a fast look (about a minute or two) */
  readonly quick: boolean;
  /** problems to run, in order: S, M, L (the seed problem) and MLP */
  readonly sizes: readonly string[];
  /** peer ids to run (default: all) */
  readonly peers: readonly string[] | null;
  /** write the tables into docs/performance.md */
  readonly write: boolean;
  /** run bench/heap.ts afterwards (in a child process with --expose-gc) */
  readonly heap: boolean;
}

export const ALL_SIZES = ["S", "M", "L", "MLP"] as const;

export const USAGE = `usage: pnpm bench [--quick] [--sizes S,M,L,MLP] [--peers kiln-jit,kiln-jit-js,kiln-eager,reference,tfjs-cpu,tfjs-wasm,jax-js] [--no-write] [--no-heap]`;

export function parseArgs(argv: readonly string[]): Args {
  let quick = false;
  let sizes: string[] = [...ALL_SIZES];
  let peers: string[] | null = null;
  let write = true;
  let heap = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--quick") quick = true;
    else if (flag === "--no-write") write = false;
    else if (flag === "--no-heap") heap = false;
    else if (flag === "--sizes") sizes = value().split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
    else if (flag === "--peers") peers = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown flag ${a}\n${USAGE}`);
  }
  const bad = sizes.filter((s) => !(ALL_SIZES as readonly string[]).includes(s));
  if (bad.length) throw new Error(`unknown size(s) ${bad.join(", ")}: choose from ${ALL_SIZES.join(", ")}`);
  return { quick, sizes, peers, write, heap };
}
