import { readFileSync } from "node:fs";
import { trainStepLoss } from "../train-step-loss.js";
import { UsageError } from "./usage-error.js";

const fields = ["seed", "x", "y", "lr", "num_steps"] as const;

function checkMatrix(where: string, name: string, v: unknown): number[][] {
  if (!Array.isArray(v) || v.length === 0) throw new UsageError(`${where}.${name}: must be a non-empty array of rows`);
  const width = Array.isArray(v[0]) ? v[0].length : -1;
  v.forEach((row, i) => {
    if (!Array.isArray(row)) throw new UsageError(`${where}.${name}[${i}]: must be an array of numbers, got ${row === null ? "null" : typeof row}`);
    if (row.length === 0) throw new UsageError(`${where}.${name}[${i}]: must not be empty`);
    if (row.length !== width) throw new UsageError(`${where}.${name}: ragged matrix: row ${i} has ${row.length} entries, row 0 has ${width}`);
    row.forEach((e, j) => {
      if (typeof e !== "number" || !Number.isFinite(e)) throw new UsageError(`${where}.${name}[${i}][${j}]: must be a finite number, got ${JSON.stringify(e) ?? String(e)}`);
    });
  });
  return v as number[][];
}

function checkCase(raw: unknown, where: string): { seed: number; x: number[][]; y: number[][]; lr: number; numSteps: number } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new UsageError(`${where}: must be an object with fields ${fields.join(", ")}`);
  const c = raw as Record<string, unknown>;
  for (const f of fields) if (!(f in c)) throw new UsageError(`${where}.${f}: missing`);
  for (const k of Object.keys(c)) if (!(fields as readonly string[]).includes(k)) throw new UsageError(`${where}.${k}: unknown field (expected ${fields.join(", ")})`);
  for (const f of ["seed", "lr", "num_steps"] as const) {
    if (typeof c[f] !== "number") throw new UsageError(`${where}.${f}: must be a number, got ${JSON.stringify(c[f])}`);
    if (!Number.isFinite(c[f])) throw new UsageError(`${where}.${f}: must be finite`);
  }
  const x = checkMatrix(where, "x", c["x"]);
  const y = checkMatrix(where, "y", c["y"]);
  if (x.length !== y.length) throw new UsageError(`${where}.y: has ${y.length} rows but x has ${x.length}`);
  const numSteps = Math.trunc(c["num_steps"] as number);
  if (numSteps < 1) throw new UsageError(`${where}.num_steps: must be at least 1 after truncation, got ${c["num_steps"]}`);
  if (Math.abs(Math.trunc(c["seed"] as number)) >= 2 ** 63) throw new UsageError(`${where}.seed: does not fit in int64`);
  return { seed: c["seed"] as number, x, y, lr: c["lr"] as number, numSteps };
}

/** float32 values printed so they read back exactly: the shortest decimal that rounds to the same float32. */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  for (let p = 1; p <= 17; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

/** kiln train-step-loss [--input FILE]: the seed problem on JSON cases. */
export function trainStepLossCommand(args: string[], readStdin: () => string): string {
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--input") {
      file = args[++i] ?? null;
      if (file === null) throw new UsageError("--input: needs a file name");
    } else throw new UsageError(`train-step-loss: unknown argument '${args[i]}'`);
  }
  let text: string;
  try {
    text = file === null ? readStdin() : readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--input: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`input: not valid JSON (${(e as Error).message})`);
  }
  const run = (raw: unknown, where: string) => {
    const c = checkCase(raw, where);
    const [first, last] = trainStepLoss(c.seed, c.x, c.y, c.lr, c.numSteps).tolist() as number[];
    return `[${formatFloat32(first!)}, ${formatFloat32(last!)}]`;
  };
  if (Array.isArray(parsed)) return `[${parsed.map((c, i) => run(c, `input[${i}]`)).join(", ")}]`;
  return run(parsed, "input");
}
