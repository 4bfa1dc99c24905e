import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Array, KilnError, dtypeInfo, type DType } from "@kiln/core";
import * as nnx from "@kiln/nnx";
import { fcParams } from "./fc-config.js";
import { oracleRead, type OracleResult } from "./gen/safetensors-oracle.js";

/**
 * The safetensors reader on corrupted files: valid checkpoints of random models, then 1 to 3
 * random corruptions (truncation, byte flips, header length edits including huge ones, bytes
 * spliced in or out, appended bytes, structured header edits). Every file is either rejected
 * with a one-line KilnError, or loaded exactly as an independent reading of the format's rules
 * (gen/safetensors-oracle.ts) says; the two agree on which files are valid. Restoring into a
 * model either writes exactly the file's tensors or throws a KilnError and leaves every variable
 * bit-identical.
 */
const codes: Record<DType, string> = { float32: "F32", int32: "I32", uint32: "U32", bool: "BOOL" };

interface Spec {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly bytes: Uint8Array;
}

const names = ["kernel", "bias", "w", "__proto__", "constructor", "layers.0.kernel", "größe", "a b", 'q"uote', "x\ny"];
const specArb: fc.Arbitrary<Spec[]> = fc
  .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 4 })
  .chain((picked) =>
    fc.tuple(
      ...picked.map((name) =>
        fc.record({ dtype: fc.constantFrom<DType>("float32", "int32", "uint32", "bool"), shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) }).chain(({ dtype, shape }) => {
          const n = shape.reduce((a, b) => a * b, 1) * dtypeInfo[dtype].bytes;
          return fc.uint8Array({ minLength: n, maxLength: n }).map((raw) => ({ name, dtype, shape, bytes: dtype === "bool" ? raw.map((b) => b & 1) : raw }));
        }),
      ),
    ),
  );

const hostile = [null, true, -1, 0.5, 1e20, "0", "F64", "BOOL", "I32", [], [0], [0, 4, 8], [-4, 12], [0.5, 4.5], ["0", "4"], [0, 1e20], [1e9], [2 ** 53, 2], {}];
type HeaderEdit =
  | { op: "set"; entry: number; field: "dtype" | "shape" | "data_offsets"; value: unknown }
  | { op: "delete"; entry: number; field: "dtype" | "shape" | "data_offsets" }
  | { op: "replace"; entry: number; value: unknown }
  | { op: "shift"; entry: number; which: 0 | 1 | 2; delta: number }
  | { op: "swap"; entry: number; other: number }
  | { op: "metadata"; value: unknown }
  | { op: "extra"; size: number }
  | { op: "rename"; entry: number; to: string };
type Corruption =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; xor: number }
  | { kind: "flipData"; at: number; xor: number }
  | { kind: "length"; value: bigint }
  | { kind: "splice"; at: number; remove: number; insert: Uint8Array }
  | { kind: "append"; bytes: Uint8Array }
  | { kind: "header"; edit: HeaderEdit; pad: number };

const field = fc.constantFrom("dtype" as const, "shape" as const, "data_offsets" as const);
const entry = fc.nat(7);
const editArb: fc.Arbitrary<HeaderEdit> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), entry, field, value: fc.constantFrom(...hostile) }),
  fc.record({ op: fc.constant("delete" as const), entry, field }),
  fc.record({ op: fc.constant("replace" as const), entry, value: fc.constantFrom(null, 1, "x", [], [1, 2]) }),
  fc.record({ op: fc.constant("shift" as const), entry, which: fc.constantFrom(0 as const, 1 as const, 2 as const), delta: fc.integer({ min: -8, max: 8 }) }),
  fc.record({ op: fc.constant("swap" as const), entry, other: entry }),
  fc.record({ op: fc.constant("metadata" as const), value: fc.constantFrom(null, "x", [], { a: 1 }, { a: "b" }, { format: "pt" }) }),
  fc.record({ op: fc.constant("extra" as const), size: fc.nat(5) }),
  fc.record({ op: fc.constant("rename" as const), entry, to: fc.constantFrom("__metadata__", "kernel", "", "__proto__", "new") }),
);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const corruptionArb: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
  fc.record({ kind: fc.constant("flip" as const), at: fraction, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("flipData" as const), at: fraction, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("length" as const), value: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 400n }), fc.constantFrom(2n ** 64n - 1n, 2n ** 53n + 1n, 100_000_001n)) }),
  fc.record({ kind: fc.constant("splice" as const), at: fraction, remove: fc.nat(8), insert: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("header" as const), edit: editArb, pad: fc.nat(9) }),
);

function headerOf(file: Uint8Array): { header: Record<string, unknown>; data: Uint8Array } | null {
  if (file.length < 8) return null;
  const n = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  if (n > file.length - 8) return null;
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n)));
    return header !== null && typeof header === "object" && !globalThis.Array.isArray(header) ? { header: header as Record<string, unknown>, data: file.subarray(8 + n) } : null;
  } catch {
    return null;
  }
}

function withHeader(header: Record<string, unknown>, data: Uint8Array, pad: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header) + " ".repeat(pad));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function editHeader(file: Uint8Array, edit: HeaderEdit, pad: number): Uint8Array {
  const parsed = headerOf(file);
  if (parsed === null) return file; // an earlier corruption broke the header: nothing to edit
  const { header } = parsed;
  let { data } = parsed;
  const keys = Object.keys(header).filter((k) => k !== "__metadata__");
  const at = (i: number) => keys[i % Math.max(1, keys.length)];
  const objectAt = (i: number): Record<string, unknown> | null => {
    const k = at(i);
    const e = k === undefined ? undefined : header[k];
    return e !== null && typeof e === "object" && !globalThis.Array.isArray(e) ? (e as Record<string, unknown>) : null;
  };
  const own = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  switch (edit.op) {
    case "set": if (objectAt(edit.entry)) own(objectAt(edit.entry)!, edit.field, edit.value); break;
    case "delete": if (objectAt(edit.entry)) delete objectAt(edit.entry)![edit.field]; break;
    case "replace": if (at(edit.entry) !== undefined) own(header, at(edit.entry)!, edit.value); break;
    case "shift": {
      const offsets = objectAt(edit.entry)?.["data_offsets"];
      if (globalThis.Array.isArray(offsets)) for (const i of edit.which === 2 ? [0, 1] : [edit.which]) if (typeof offsets[i] === "number") offsets[i] += edit.delta;
      break;
    }
    case "swap": {
      const [a, b] = [objectAt(edit.entry), objectAt(edit.other)];
      if (a && b) [a["data_offsets"], b["data_offsets"]] = [b["data_offsets"], a["data_offsets"]];
      break;
    }
    case "metadata": header["__metadata__"] = edit.value; break;
    case "extra": {
      own(header, `extra${edit.size}`, { dtype: "BOOL", shape: [edit.size], data_offsets: [data.length, data.length + edit.size] });
      const grown = new Uint8Array(data.length + edit.size);
      grown.set(data);
      data = grown;
      break;
    }
    case "rename": {
      const k = at(edit.entry);
      if (k !== undefined && k !== edit.to) {
        own(header, edit.to, header[k]);
        delete header[k];
      }
      break;
    }
  }
  return withHeader(header, data, pad);
}

function corrupt(file: Uint8Array, c: Corruption): Uint8Array {
  const pos = (f: number, len = file.length) => Math.min(len, Math.floor(f * len));
  switch (c.kind) {
    case "truncate": return file.slice(0, pos(c.at));
    case "flip": {
      if (file.length === 0) return file;
      const out = file.slice();
      out[Math.min(file.length - 1, pos(c.at))]! ^= c.xor;
      return out;
    }
    case "flipData": {
      // a byte of the data section: the file stays valid unless the byte is a bool's
      const parsed = headerOf(file);
      if (parsed === null || parsed.data.length === 0) return file;
      const out = file.slice();
      out[file.length - parsed.data.length + Math.min(parsed.data.length - 1, pos(c.at, parsed.data.length))]! ^= c.xor;
      return out;
    }
    case "length": {
      if (file.length < 8) return file;
      const out = file.slice();
      new DataView(out.buffer).setBigUint64(0, c.value, true);
      return out;
    }
    case "splice": {
      const p = pos(c.at);
      return Uint8Array.from([...file.subarray(0, p), ...c.insert, ...file.subarray(Math.min(file.length, p + c.remove))]);
    }
    case "append": return Uint8Array.from([...file, ...c.bytes]);
    case "header": return editHeader(file, c.edit, c.pad);
  }
}

function defineVariable(model: Record<string, unknown>, name: string, value: Array): void {
  Object.defineProperty(model, name, { value: new nnx.Variable(value), writable: true, enumerable: true, configurable: true });
}

function arrayOfBytes(s: Spec): Array {
  const copy = s.bytes.slice();
  const typed = s.dtype === "bool" ? copy : new (s.dtype === "float32" ? Float32Array : s.dtype === "int32" ? Int32Array : Uint32Array)(copy.buffer);
  return Array.fromData(s.shape, s.dtype, typed);
}

const bytesOf = (a: Array): Uint8Array => {
  const t = a.toTypedArray();
  return new Uint8Array(t.buffer, t.byteOffset, t.byteLength).slice();
};

function snapshot(model: object): Map<string, string> {
  const out = new Map<string, string>();
  nnx.forEachVariable(model, (p, v) => out.set(nnx.pathToString(p), `${v.value.aval}:${bytesOf(v.value).join(",")}`));
  return out;
}

function expectOneLineKilnError(e: unknown): void {
  if (!(e instanceof KilnError)) throw new Error(`expected a KilnError, got ${String(e)}`);
  expect(e.message).not.toContain("\n");
  expect(e.message.length).toBeLessThan(400);
}

const tally = { accepted: 0, rejected: 0, restored: 0 };

function check(specs: Spec[], corruptions: Corruption[]): void {
  const tensors = new Map(specs.map((s) => [s.name, arrayOfBytes(s)]));
  const file = corruptions.reduce(corrupt, nnx.encodeSafetensors(tensors));
  const expected: OracleResult = oracleRead(file);

  // decoding agrees with the oracle: the same verdict, and exactly its tensors
  let decoded: Map<string, Array> | null = null;
  try {
    decoded = nnx.decodeSafetensors(file, "f");
  } catch (e) {
    expectOneLineKilnError(e);
  }
  if (!expected.ok) {
    expect(decoded, `the oracle rejects this file (${expected.why})`).toBeNull();
    tally.rejected++;
  } else {
    expect(decoded, "the oracle accepts this file").not.toBeNull();
    expect([...decoded!.keys()].sort()).toEqual([...expected.tensors.keys()].sort());
    for (const [name, t] of expected.tensors) {
      const a = decoded!.get(name)!;
      expect(codes[a.dtype]).toBe(t.dtype);
      expect([...a.shape]).toEqual(t.shape);
      expect(bytesOf(a)).toEqual(t.bytes);
    }
    tally.accepted++;
  }

  // restoring into the original model: all of it, exactly, or a KilnError and no change at all
  const model: Record<string, unknown> = {};
  for (const s of specs) defineVariable(model, s.name, Array.fromData(s.shape, s.dtype, dtypeInfo[s.dtype].create(s.shape.reduce((a, b) => a * b, 1))));
  const before = snapshot(model);
  try {
    nnx.restoreCheckpoint(file, model);
  } catch (e) {
    expectOneLineKilnError(e);
    expect(snapshot(model)).toEqual(before);
    return;
  }
  if (!expected.ok) throw new Error("restored a file the oracle rejects");
  expect([...expected.tensors.keys()].sort()).toEqual(specs.map((s) => s.name).sort());
  for (const s of specs) expect(bytesOf((model[s.name] as nnx.Variable).value)).toEqual(expected.tensors.get(s.name)!.bytes);
  tally.restored++;
}

describe("property: the safetensors reader on corrupted files", () => {
  it("rejects with a one-line KilnError or loads exactly what the format says; a failed restore changes nothing", () => {
    fc.assert(fc.property(specArb, fc.array(corruptionArb, { minLength: 1, maxLength: 3 }), check), fcParams(3000));
    // both outcomes happen often enough for the property to mean something
    expect(tally.rejected).toBeGreaterThan(100);
    expect(tally.accepted).toBeGreaterThan(200);
    expect(tally.restored).toBeGreaterThan(50);
  });

  it("uncorrupted files load exactly", () => {
    fc.assert(fc.property(specArb, (specs) => check(specs, [])), fcParams(200));
  });
});
