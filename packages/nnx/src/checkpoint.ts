import { readFileSync, writeFileSync } from "node:fs";
import { Array, KilnError, dtypeInfo, type DType } from "@kiln/core";
import { pathToString } from "./module.js";
import { selectVariables } from "./state.js";
import type { Filter } from "./filter.js";

/**
 * Checkpoints in the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to { dtype, shape, data_offsets }, then the raw little-endian bytes.
 * Tensor names are variable paths ("layers.0.kernel"); files load in PyTorch/JAX safetensors readers.
 */
const toSafetensors: { readonly [D in DType]: string } = { float32: "F32", int32: "I32", uint32: "U32", bool: "BOOL" };
const fromSafetensors = new Map(Object.entries(toSafetensors).map(([k, v]) => [v, k as DType]));

export interface TensorEntry {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** Encodes named arrays as a safetensors file. */
export function encodeSafetensors(tensors: ReadonlyMap<string, Array>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: "kiln", ...metadata } };
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, a] of [...tensors].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const src = a.toTypedArray();
    const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    if (name === "__metadata__") throw new KilnError(`encodeSafetensors: a tensor cannot be named '__metadata__' (safetensors reserves that key)`);
    // an own property even for a name like "__proto__" (an assignment would set the prototype and drop the tensor)
    const entry = { dtype: toSafetensors[a.dtype], shape: [...a.shape], data_offsets: [offset, offset + bytes.length] };
    Object.defineProperty(header, name, { value: entry, writable: true, enumerable: true, configurable: true });
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8); // align the data to 8 bytes, as the reference writer does
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Decodes a safetensors file into named arrays, checking its structure. */
export function decodeSafetensors(bytes: Uint8Array, where = "checkpoint"): Map<string, Array> {
  if (bytes.length < 8) throw new KilnError(`${where}: not a safetensors file (only ${bytes.length} bytes)`);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n <= 0 || 8 + n > bytes.length) throw new KilnError(`${where}: header length ${n} does not fit the file`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw new KilnError(`${where}: the header is not valid JSON`);
  }
  const data = bytes.subarray(8 + n);
  const out = new Map<string, Array>();
  for (const [name, e] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const dtype = fromSafetensors.get(e.dtype);
    if (!dtype) throw new KilnError(`${where}: tensor '${name}' has dtype ${e.dtype}, which kiln does not support`);
    const [begin, end] = e.data_offsets;
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (end - begin !== size * dtypeInfo[dtype].bytes || end > data.length) throw new KilnError(`${where}: tensor '${name}' has inconsistent offsets`);
    const copy = new Uint8Array(data.subarray(begin, end)); // a fresh, exactly sized buffer (Buffer.slice would be a view into a pool)
    const typed = dtype === "float32" ? new Float32Array(copy.buffer) : dtype === "int32" ? new Int32Array(copy.buffer) : dtype === "uint32" ? new Uint32Array(copy.buffer) : copy;
    out.set(name, Array.fromData(e.shape, dtype, typed));
  }
  return out;
}

/** Saves the variables `filter` selects (all by default) to a safetensors file. */
export function saveCheckpoint(path: string, model: unknown, filter: Filter = true): void {
  const entries = selectVariables(model, filter).map(([p, v]) => [pathToString(p), v.value] as const);
  const tensors = new Map(entries);
  if (tensors.size !== entries.length) {
    const dup = entries.find(([name], i) => entries.findIndex(([other]) => other === name) !== i)![0];
    throw new KilnError(`saveCheckpoint: two variables are both named '${dup}' as tensors (a field name containing '.' collides with a nested path)`);
  }
  writeFileSync(path, encodeSafetensors(tensors));
}

/**
 * Loads a checkpoint into `model`: every selected variable must be in the file with the same
 * shape and dtype; all are checked before any is written.
 */
export function loadCheckpoint(path: string, model: unknown, filter: Filter = true): void {
  const tensors = decodeSafetensors(readFileSync(path), path);
  const targets = selectVariables(model, filter);
  const writes = targets.map(([p, v]) => {
    const name = pathToString(p);
    const a = tensors.get(name);
    if (!a) throw new KilnError(`${path}: has no tensor '${name}' (it has ${[...tensors.keys()].join(", ") || "none"})`);
    if (!a.aval.equals(v._array.aval)) throw new KilnError(`${path}: tensor '${name}' is ${a.aval} but the model's is ${v._array.aval}`);
    return [v, a] as const;
  });
  for (const [v, a] of writes) v.value = a;
}
