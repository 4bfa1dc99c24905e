import { describe, expect, it } from "vitest";
import { KilnError, jnp } from "@kiln/core";
import { MAX_HEADER_BYTES, decodeSafetensors, encodeSafetensors, safetensorsMetadata } from "./safetensors.js";

/** A file from a header (an object, or raw JSON text) and a data section. */
function file(header: unknown, data: Uint8Array | number = 0): Uint8Array {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const body = typeof data === "number" ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}
const f32 = (name: string, shape: number[], begin: number, end: number) => ({ [name]: { dtype: "F32", shape, data_offsets: [begin, end] } });

function rejects(bytes: Uint8Array, message: RegExp | string): void {
  let error: unknown = null;
  try {
    decodeSafetensors(bytes, "m.safetensors");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(KilnError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain("\n");
}

describe("safetensors: the writer", () => {
  it("writes the format: u64 header length, a JSON header aligned to 8 bytes, the data in name order", () => {
    const bytes = encodeSafetensors(new Map([["b", jnp.array([1, 2], "int32")], ["a", jnp.array([true, false])]]), { note: "x" });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({
      __metadata__: { format: "kiln", note: "x" },
      a: { dtype: "BOOL", shape: [2], data_offsets: [0, 2] },
      b: { dtype: "I32", shape: [2], data_offsets: [2, 10] },
    });
    expect([...bytes.subarray(8 + n)]).toEqual([1, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
  });

  it("aligns by bytes, not characters, when a name is not ASCII", () => {
    const bytes = encodeSafetensors(new Map([["größe€", jnp.array([1.5], "float32")]]));
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(bytes.length).toBe(8 + n + 4);
    expect(decodeSafetensors(bytes).get("größe€")!.tolist()).toEqual([1.5]);
  });

  it("reads back its metadata; refuses non-string metadata", () => {
    const bytes = encodeSafetensors(new Map(), { step: "100" });
    expect(safetensorsMetadata(bytes)).toEqual({ format: "kiln", step: "100" });
    expect(() => encodeSafetensors(new Map(), { step: 100 } as unknown as Record<string, string>)).toThrow(KilnError);
  });
});

describe("safetensors: the reader enforces the format's rules with one-line KilnErrors", () => {
  const ok = file({ ...f32("a", [2], 0, 8), ...f32("b", [1], 8, 12) }, Float32Array.from([1, 2, 3]).length * 4);

  it("a well-formed file loads, zero-sized tensors and an empty header too", () => {
    expect([...decodeSafetensors(ok).keys()]).toEqual(["a", "b"]);
    const zero = decodeSafetensors(file({ ...f32("z", [0, 3], 0, 0), ...f32("w", [1], 0, 4), ...f32("y", [2, 0], 4, 4) }, 4));
    expect(zero.get("z")!.shape).toEqual([0, 3]);
    expect(zero.get("y")!.shape).toEqual([2, 0]);
    expect(decodeSafetensors(file({})).size).toBe(0);
  });

  it("headers that are null, hold a null entry, or lack or mistype shape and data_offsets", () => {
    rejects(file("null"), /the header must be a JSON object starting with '\{'/);
    rejects(file("[1, 2]"), /the header must be a JSON object starting with '\{'/);
    rejects(file({ a: null }), /tensor "a" must be an object with dtype, shape and data_offsets, got null/);
    rejects(file({ a: [1] }), /tensor "a" must be an object .* got an array of 1/);
    rejects(file({ a: { dtype: "F32", data_offsets: [0, 4] } }, 4), /tensor "a": shape must be an array of non-negative integers, got undefined/);
    rejects(file({ a: { dtype: "F32", shape: "4", data_offsets: [0, 4] } }, 4), /tensor "a": shape must be an array .* got the string "4"/);
    rejects(file({ a: { dtype: "F32", shape: [1, "2"], data_offsets: [0, 8] } }, 8), /tensor "a": shape\[1\] must be a non-negative integer, got the string "2"/);
    rejects(file({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, 4), /shape\[0\] must be a non-negative integer, got -1/);
    rejects(file({ a: { dtype: "F32", shape: [1] } }, 4), /tensor "a": data_offsets must be \[begin, end\], got undefined/);
    rejects(file({ a: { dtype: "F32", shape: [1], data_offsets: "0,4" } }, 4), /data_offsets must be \[begin, end\], got the string "0,4"/);
    rejects(file({ a: { shape: [1], data_offsets: [0, 4] } }, 4), /tensor "a": dtype must be a string, got undefined/);
    rejects(file({ a: { dtype: "F64", shape: [1], data_offsets: [0, 8] } }, 8), /tensor "a" has dtype "F64", which kiln does not read \(it reads F32, I32, U32, BOOL\)/);
  });

  it("negative, fractional, string and three-entry offsets", () => {
    rejects(file(f32("a", [4], -16, 0), 16), /data_offsets must be two non-negative integers, got \[-16, 0\]/);
    rejects(file(f32("a", [4], -4, 12), 16), /got \[-4, 12\]/);
    rejects(file(f32("a", [1], 0.5, 4.5), 5), /got \[0\.5, 4\.5\]/);
    rejects(file({ a: { dtype: "F32", shape: [1], data_offsets: ["0", "4"] } }, 4), /got \[the string "0", the string "4"\]/);
    rejects(file({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4, 8] } }, 8), /data_offsets must be \[begin, end\], got an array of 3/);
    rejects(file(f32("a", [1], 8, 4), 8), /data_offsets \[8, 4\] end before they begin/);
    rejects(file(f32("a", [2], 0, 4), 4), /data_offsets \[0, 4\] span 4 bytes but F32\[2\] needs 8/);
    rejects(file(f32("a", [2 ** 40, 2 ** 40], 0, 4), 4), /span 4 bytes but F32\[1099511627776,1099511627776\] needs/);
  });

  it("overlapping offsets, bytes covered by no tensor, a tensor past the end", () => {
    rejects(file({ ...f32("a", [2], 0, 8), ...f32("b", [2], 4, 12) }, 12), /tensor "b" bytes \[4, 12\) overlap tensor "a" \[0, 8\)/);
    rejects(file({ ...f32("a", [2], 0, 8), ...f32("b", [2], 0, 8) }, 8), /overlap/);
    rejects(file({ ...f32("a", [1], 0, 4), ...f32("b", [1], 8, 12) }, 12), /data bytes \[4, 8\) belong to no tensor/);
    rejects(file(f32("a", [1], 4, 8), 8), /data bytes \[0, 4\) belong to no tensor/);
    rejects(file(f32("a", [1], 0, 4), 6), /data bytes \[4, 6\) belong to no tensor/);
    rejects(file({}, 3), /data bytes \[0, 3\) belong to no tensor/);
    rejects(file(f32("a", [2], 0, 8), 4), /tensor "a" ends at byte 8 of a data section of 4 bytes/);
    rejects(file({ ...f32("a", [2], 0, 8), ...f32("e", [0], 4, 4) }, 8), /empty tensor "e" at byte 4 lies inside tensor "a" \[0, 8\)/);
    rejects(file({ ...f32("a", [1], 0, 4), ...f32("e", [0], 9, 9) }, 4), /tensor "e" begins at byte 9, past the data section of 4 bytes/);
  });

  it("__metadata__ must be an object of strings", () => {
    rejects(file({ __metadata__: "x" }), /'__metadata__' must be an object of strings, got the string "x"/);
    rejects(file({ __metadata__: null }), /'__metadata__' must be an object of strings, got null/);
    rejects(file({ __metadata__: ["a"] }), /got an array of 1/);
    rejects(file({ __metadata__: { step: 3 } }), /'__metadata__' entry "step" must be a string, got 3/);
    expect(safetensorsMetadata(file({ __metadata__: { a: "b" } }))).toEqual({ a: "b" });
  });

  it("bool bytes other than 0 and 1", () => {
    const header = { a: { dtype: "BOOL", shape: [3], data_offsets: [0, 3] } };
    expect(decodeSafetensors(file(header, Uint8Array.from([1, 0, 1]))).get("a")!.tolist()).toEqual([true, false, true]);
    rejects(file(header, Uint8Array.from([1, 7, 0])), /tensor "a" is BOOL but its byte 1 is 7 \(only 0 and 1 are booleans\)/);
  });

  it("header lengths that do not fit, a header that is not UTF-8 or not JSON", () => {
    rejects(new Uint8Array(5), /not a safetensors file \(5 bytes/);
    const huge = new Uint8Array(ok);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 64n - 1n, true);
    rejects(huge, /header length 18446744073709551615 is over the format's limit of 100000000 bytes/);
    new DataView(huge.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES), true);
    rejects(huge, /header length 100000000 is more than the \d+ bytes after it \(truncated file\?\)/);
    rejects(ok.subarray(0, 20), /is more than the 12 bytes after it/);
    new DataView(huge.buffer).setBigUint64(0, 0n, true);
    rejects(huge, /the header must be a JSON object starting with '\{'/);
    rejects(file(' {"a": 1}'), /starting with '\{'/);
    rejects(file("{\"a\": "), /the header is not valid JSON/);
    const badUtf8 = file('{"\u00e9": {}}');
    badUtf8[10] = 0xff;
    rejects(badUtf8, /the header is not valid UTF-8/);
  });

  it("a long or multi-line tensor name is quoted, escaped and cut in the message", () => {
    const name = "x\n".repeat(5000);
    rejects(file({ [name]: null }), /tensor "(x\\n){30}…" \(10000 characters\) must be an object/);
  });
});
