/**
 * An independent reading of the safetensors rules, for the property test of kiln's reader: what a
 * file must be accepted as, or that it must be rejected. Written from the format's description
 * and the reference implementation's checks, differently from packages/nnx/src/safetensors.ts:
 * the header length is read byte by byte, and the data section's coverage is checked by marking
 * each byte's owner instead of sorting ranges.
 */
export interface OracleTensor {
  readonly dtype: "F32" | "I32" | "U32" | "BOOL";
  readonly shape: number[];
  readonly bytes: Uint8Array;
  readonly begin: number;
}

export type OracleResult = { readonly ok: true; readonly tensors: Map<string, OracleTensor> } | { readonly ok: false; readonly why: string };

const itemBytes: Record<string, number> = { F32: 4, I32: 4, U32: 4, BOOL: 1 };
const reject = (why: string): OracleResult => ({ ok: false, why });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;

export function oracleRead(file: Uint8Array): OracleResult {
  if (file.length < 8) return reject("short");
  let n = 0n;
  for (let i = 7; i >= 0; i--) n = n * 256n + BigInt(file[i]!);
  if (n > 100_000_000n) return reject("header too large");
  if (n > BigInt(file.length - 8)) return reject("header past the end");
  const headerEnd = 8 + Number(n);
  if (headerEnd === 8 || file[8] !== "{".charCodeAt(0)) return reject("header start");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.slice(8, headerEnd));
  } catch {
    return reject("utf-8");
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return reject("json");
  }
  if (!isObject(header)) return reject("header not an object");
  const data = file.slice(headerEnd);
  const owner = new Int32Array(data.length).fill(-1);
  const tensors = new Map<string, OracleTensor>();
  const names = Object.keys(header);
  for (let t = 0; t < names.length; t++) {
    const name = names[t]!;
    const e = header[name];
    if (name === "__metadata__") {
      if (!isObject(e) || Object.values(e).some((v) => typeof v !== "string")) return reject("metadata");
      continue;
    }
    if (!isObject(e)) return reject("entry");
    const dtype = e["dtype"];
    if (typeof dtype !== "string" || !(dtype in itemBytes)) return reject("dtype");
    const shape = e["shape"];
    if (!Array.isArray(shape) || !shape.every(isIndex)) return reject("shape");
    const offsets = e["data_offsets"];
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) return reject("offsets");
    const [begin, end] = offsets as [number, number];
    let count = 1;
    for (const d of shape as number[]) count *= d;
    if (begin > end || end - begin !== count * itemBytes[dtype]!) return reject("size");
    if (end > data.length) return reject("past the data");
    for (let i = begin; i < end; i++) {
      if (owner[i] !== -1) return reject("overlap");
      owner[i] = t;
    }
    const bytes = data.slice(begin, end);
    if (dtype === "BOOL" && bytes.some((b) => b > 1)) return reject("bool");
    tensors.set(name, { dtype: dtype as OracleTensor["dtype"], shape: shape as number[], bytes, begin });
  }
  if (owner.includes(-1)) return reject("uncovered");
  // a zero-sized tensor sits between tensors, never inside one (the reference walks the ranges
  // sorted by offsets and wants each to begin where the previous one ended)
  for (const t of tensors.values()) {
    const k = t.begin;
    if (t.bytes.length === 0 && k > 0 && k < data.length && owner[k - 1] === owner[k]) return reject("empty tensor inside another");
  }
  return { ok: true, tensors };
}
