import { Array, KilnError, dtypeInfo, quoteClipped, type DType } from "@kiln/core";

/**
 * The safetensors format, bytes <-> named arrays, with no file system in it (the browser reads
 * the same bytes from a File, a Blob or a fetch): an 8-byte little-endian header length N, N
 * bytes of JSON mapping each tensor name to { dtype, shape, data_offsets } (plus an optional
 * "__metadata__" object of strings), then the tensors' raw little-endian bytes.
 *
 * The reader enforces the format's rules as the reference implementation does: the header
 * starts with '{' and is at most 100,000,000 bytes; shapes and offsets are non-negative
 * integers; each tensor's byte range matches its shape and dtype; the ranges neither overlap
 * nor leave a byte of the data section uncovered. A bool byte must be 0 or 1. Any violation is
 * a one-line KilnError naming the tensor and the rule; nothing else is thrown.
 */
const toSafetensors: { readonly [D in DType]: string } = { float32: "F32", int32: "I32", uint32: "U32", bool: "BOOL" };
const fromSafetensors = new Map(Object.entries(toSafetensors).map(([k, v]) => [v, k as DType]));

/** The reference implementation's limit on the header's size. */
export const MAX_HEADER_BYTES = 100_000_000;

const METADATA = "__metadata__";

/** Encodes named arrays as a safetensors file; `metadata` goes into "__metadata__" next to format: "kiln". */
export function encodeSafetensors(tensors: ReadonlyMap<string, Array>, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== "string") throw new KilnError(`encodeSafetensors: metadata ${quoteClipped(key)} must be a string, got ${typeof value}`);
  }
  const header: Record<string, unknown> = { [METADATA]: { format: "kiln", ...metadata } };
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, a] of [...tensors].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (name === METADATA) throw new KilnError(`encodeSafetensors: a tensor cannot be named '${METADATA}' (safetensors reserves that key)`);
    const src = a.toTypedArray();
    const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    // an own property even for a name like "__proto__" (an assignment would set the prototype and drop the tensor)
    const entry = { dtype: toSafetensors[a.dtype], shape: [...a.shape], data_offsets: [offset, offset + bytes.length] };
    Object.defineProperty(header, name, { value: entry, writable: true, enumerable: true, configurable: true });
    parts.push(bytes);
    offset += bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = json.length + ((8 - (json.length % 8)) % 8); // spaces align the data to 8 bytes, as the reference writer does
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A checked header entry: where its bytes are in the data section. */
interface Entry {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !globalThis.Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const describe = (v: unknown): string =>
  v === null ? "null" : globalThis.Array.isArray(v) ? `an array of ${v.length}` : typeof v === "string" ? `the string ${quoteClipped(v, 20)}` : typeof v === "object" ? "an object" : String(v);

/** The header's JSON text, checked against the file's size and the format's limits. */
function headerText(bytes: Uint8Array, where: string): { text: string; dataStart: number } {
  if (bytes.length < 8) throw new KilnError(`${where}: not a safetensors file (${bytes.length} bytes, fewer than the 8 of the header length)`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) throw new KilnError(`${where}: header length ${n} is over the format's limit of ${MAX_HEADER_BYTES} bytes`);
  if (Number(n) > bytes.length - 8) throw new KilnError(`${where}: header length ${n} is more than the ${bytes.length - 8} bytes after it (truncated file?)`);
  if (n < 2n || bytes[8] !== 0x7b) throw new KilnError(`${where}: the header must be a JSON object starting with '{'`);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + Number(n))), dataStart: 8 + Number(n) };
  } catch {
    throw new KilnError(`${where}: the header is not valid UTF-8`);
  }
}

function checkMetadata(value: unknown, where: string): void {
  if (!isPlainObject(value)) throw new KilnError(`${where}: '${METADATA}' must be an object of strings, got ${describe(value)}`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new KilnError(`${where}: '${METADATA}' entry ${quoteClipped(key)} must be a string, got ${describe(v)}`);
  }
}

function checkEntry(name: string, e: unknown, where: string): Entry {
  const what = `${where}: tensor ${quoteClipped(name)}`;
  if (!isPlainObject(e)) throw new KilnError(`${what} must be an object with dtype, shape and data_offsets, got ${describe(e)}`);
  const { dtype: code, shape, data_offsets: offsets } = e;
  if (typeof code !== "string") throw new KilnError(`${what}: dtype must be a string, got ${describe(code)}`);
  const dtype = fromSafetensors.get(code);
  if (dtype === undefined) throw new KilnError(`${what} has dtype ${quoteClipped(code, 20)}, which kiln does not read (it reads ${[...fromSafetensors.keys()].join(", ")})`);
  if (!globalThis.Array.isArray(shape)) throw new KilnError(`${what}: shape must be an array of non-negative integers, got ${describe(shape)}`);
  const bad = shape.findIndex((d) => !isCount(d));
  if (bad >= 0) throw new KilnError(`${what}: shape[${bad}] must be a non-negative integer, got ${describe(shape[bad])}`);
  if (!globalThis.Array.isArray(offsets) || offsets.length !== 2) throw new KilnError(`${what}: data_offsets must be [begin, end], got ${describe(offsets)}`);
  const [begin, end] = offsets as unknown[];
  if (!isCount(begin) || !isCount(end)) throw new KilnError(`${what}: data_offsets must be two non-negative integers, got [${describe(begin)}, ${describe(end)}]`);
  if (end < begin) throw new KilnError(`${what}: data_offsets [${begin}, ${end}] end before they begin`);
  // a product over 2^53 is inexact but then far larger than any byte range, so the check still fails
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  const expected = size * dtypeInfo[dtype].bytes;
  if (end - begin !== expected) throw new KilnError(`${what}: data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${code}[${shape.join(",")}] needs ${expected}`);
  return { name, dtype, shape: shape as number[], begin, end };
}

/** Every byte of the data section belongs to exactly one tensor (zero-sized tensors own none). */
function checkCoverage(entries: readonly Entry[], dataLength: number, where: string): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let last: Entry | null = null;
  for (const e of sorted) {
    if (e.begin < covered) {
      const inside = `tensor ${quoteClipped(last!.name)} [${last!.begin}, ${last!.end})`;
      if (e.end === e.begin) throw new KilnError(`${where}: empty tensor ${quoteClipped(e.name)} at byte ${e.begin} lies inside ${inside}`);
      throw new KilnError(`${where}: tensor ${quoteClipped(e.name)} bytes [${e.begin}, ${e.end}) overlap ${inside}`);
    }
    if (e.begin > dataLength) throw new KilnError(`${where}: tensor ${quoteClipped(e.name)} begins at byte ${e.begin}, past the data section of ${dataLength} bytes (truncated file?)`);
    if (e.begin > covered) throw new KilnError(`${where}: data bytes [${covered}, ${e.begin}) belong to no tensor`);
    if (e.end > e.begin) {
      covered = e.end;
      last = e;
    }
  }
  if (covered > dataLength) throw new KilnError(`${where}: tensor ${quoteClipped(last!.name)} ends at byte ${covered} of a data section of ${dataLength} bytes (truncated file?)`);
  if (covered < dataLength) throw new KilnError(`${where}: data bytes [${covered}, ${dataLength}) belong to no tensor`);
}

function toArray(e: Entry, data: Uint8Array, where: string): Array {
  const copy = new Uint8Array(data.subarray(e.begin, e.end)); // a fresh, exactly sized buffer (Buffer.slice would be a view into a pool)
  if (e.dtype === "bool") {
    const at = copy.findIndex((b) => b > 1);
    if (at >= 0) throw new KilnError(`${where}: tensor ${quoteClipped(e.name)} is BOOL but its byte ${at} is ${copy[at]} (only 0 and 1 are booleans)`);
  }
  const typed = e.dtype === "float32" ? new Float32Array(copy.buffer) : e.dtype === "int32" ? new Int32Array(copy.buffer) : e.dtype === "uint32" ? new Uint32Array(copy.buffer) : copy;
  return Array.fromData(e.shape, e.dtype, typed);
}

/** Parses and checks the header: the tensors' entries and the metadata, before any data is read. */
function parseHeader(bytes: Uint8Array, where: string): { entries: Entry[]; metadata: Record<string, string>; data: Uint8Array } {
  const { text, dataStart } = headerText(bytes, where);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new KilnError(`${where}: the header is not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (!isPlainObject(header)) throw new KilnError(`${where}: the header must be a JSON object, got ${describe(header)}`);
  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, e] of Object.entries(header)) {
    if (name === METADATA) {
      checkMetadata(e, where);
      metadata = e as Record<string, string>;
    } else entries.push(checkEntry(name, e, where));
  }
  const data = bytes.subarray(dataStart);
  checkCoverage(entries, data.length, where);
  return { entries, metadata, data };
}

/** Decodes a safetensors file into named arrays; a file that breaks a rule of the format is a KilnError. */
export function decodeSafetensors(bytes: Uint8Array, where = "checkpoint"): Map<string, Array> {
  const { entries, data } = parseHeader(bytes, where);
  return new Map(entries.map((e) => [e.name, toArray(e, data, where)]));
}

/** The "__metadata__" strings of a safetensors file (its header and layout are checked; no tensor is copied). */
export function safetensorsMetadata(bytes: Uint8Array, where = "checkpoint"): Record<string, string> {
  return { ...parseHeader(bytes, where).metadata };
}
