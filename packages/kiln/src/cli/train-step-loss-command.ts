import { quoteClipped } from "@kiln/core";
import { trainStepLoss } from "../train-step-loss.js";
import { UsageError } from "./errors.js";
import { MAX_STEPS } from "./limits.js";
import { InputTooLargeError, readFileLimited } from "./input.js";
import type { CliIo } from "./io.js";

const fields = ["seed", "x", "y", "lr", "num_steps"] as const;

/**
 * A bad value in a message: what it is, never the value itself when it is large (an array of a
 * million numbers, a string of a megabyte) or deep (a list nested 10,000 times), so a message
 * stays one short line and describing it cannot overflow the stack.
 */
function describe(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return `the string ${quoteClipped(v, 40)}`;
  if (v === null || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `an array of ${v.length} ${v.length === 1 ? "entry" : "entries"}`;
  return typeof v === "object" ? "an object" : typeof v;
}

function checkMatrix(where: string, name: string, v: unknown): number[][] {
  if (!Array.isArray(v) || v.length === 0) throw new UsageError(`${where}.${name}: must be a non-empty array of rows, got ${describe(v)}`);
  const width = Array.isArray(v[0]) ? v[0].length : -1;
  v.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) throw new UsageError(`${where}.${name}[${i}]: must be an array of numbers, got ${describe(row)}`);
    if (row.length === 0) throw new UsageError(`${where}.${name}[${i}]: must not be empty`);
    if (row.length !== width) throw new UsageError(`${where}.${name}: ragged matrix: row ${i} has ${row.length} entries, row 0 has ${width}`);
    row.forEach((e: unknown, j) => {
      if (typeof e !== "number" || !Number.isFinite(e)) throw new UsageError(`${where}.${name}[${i}][${j}]: must be a finite number, got ${describe(e)}`);
    });
  });
  return v as number[][];
}

function checkCase(raw: unknown, where: string): { seed: number; x: number[][]; y: number[][]; lr: number; numSteps: number } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new UsageError(`${where}: must be an object with fields ${fields.join(", ")}, got ${describe(raw)}`);
  const c = raw as Record<string, unknown>;
  for (const f of fields) if (!Object.hasOwn(c, f)) throw new UsageError(`${where}.${f}: missing`);
  for (const k of Object.keys(c)) if (!(fields as readonly string[]).includes(k)) throw new UsageError(`${where}: unknown field ${quoteClipped(k, 40)} (expected ${fields.join(", ")})`);
  for (const f of ["seed", "lr", "num_steps"] as const) {
    if (typeof c[f] !== "number") throw new UsageError(`${where}.${f}: must be a number, got ${describe(c[f])}`);
    if (!Number.isFinite(c[f])) throw new UsageError(`${where}.${f}: must be finite`);
  }
  const x = checkMatrix(where, "x", c["x"]);
  const y = checkMatrix(where, "y", c["y"]);
  if (x.length !== y.length) throw new UsageError(`${where}.y: has ${y.length} rows but x has ${x.length}`);
  const numSteps = Math.trunc(c["num_steps"] as number);
  if (numSteps < 1) throw new UsageError(`${where}.num_steps: must be at least 1 after truncation, got ${c["num_steps"]}`);
  if (numSteps > MAX_STEPS) throw new UsageError(`${where}.num_steps: must be at most ${MAX_STEPS}, got ${c["num_steps"]}`);
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

export interface TrainStepLossOptions {
  /** A file of JSON cases; stdin when absent or "-". */
  readonly input?: string;
}

/** kiln train-step-loss: the seed problem on JSON cases; one line of JSON on stdout. */
export function runTrainStepLoss(o: TrainStepLossOptions, io: CliIo): void {
  const file = o.input === undefined || o.input === "-" ? null : o.input;
  let text: string;
  try {
    text = file === null ? io.readStdin() : readFileLimited(file);
  } catch (e) {
    const code = e instanceof InputTooLargeError ? e.message : (e as NodeJS.ErrnoException).code ?? (e as Error).message.split("\n")[0];
    throw new UsageError(`--input: cannot read ${file === null ? "stdin" : quoteClipped(file, 200)}: ${code}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`input: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const run = (raw: unknown, where: string) => {
    const c = checkCase(raw, where);
    const [first, last] = trainStepLoss(c.seed, c.x, c.y, c.lr, c.numSteps).tolist() as number[];
    return `[${formatFloat32(first!)}, ${formatFloat32(last!)}]`;
  };
  const result = Array.isArray(parsed) ? `[${parsed.map((c: unknown, i) => run(c, `input[${i}]`)).join(", ")}]` : run(parsed, "input");
  io.stdout.write(result + "\n");
}
