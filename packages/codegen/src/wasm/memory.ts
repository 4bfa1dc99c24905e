import type { TypedArray } from "@kiln/core";
import { settings } from "@kiln/platform";
import type { BufferType } from "../plan/slots.js";

/**
 * The one WebAssembly.Memory every wasm kernel of the process runs on: shared
 * (SharedArrayBuffer-backed) so worker threads run kernels on the same bytes, with a maximum
 * set up front. A shared memory never detaches its buffers when it grows: a typed array
 * created over it stays valid for ever, so parameters, scratch and staging buffers can be
 * plain typed-array views that JS kernels and wasm kernels both use, and nothing is copied
 * between them.
 *
 * Blocks are handed out by a first-fit allocator (64-byte aligned, adjacent free blocks
 * merged). A block backing an Array (allocArray) is freed when its typed array is collected;
 * an executable frees its scratch when it is collected.
 */
const PAGE = 65536;
const ALIGN = 64;
const maxPages = (): number => {
  const mb = settings().wasmMaxMb;
  // at most 2 GiB: the kernels compare addresses with signed i32 comparisons
  return Math.max(16, Math.min(32768, Math.floor((mb * 1024 * 1024) / PAGE)));
};

export const bytesPer: { readonly [T in BufferType]: number } = { float32: 4, int32: 4, uint32: 4, bool: 1, float64: 8 };
const ctors = { float32: Float32Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array, float64: Float64Array } as const;

export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly maxPages: number;
  /**
   * Every SharedArrayBuffer this memory has handed out (one per size it has had), held
   * strongly. A WeakSet of `memory.buffer` objects once missed a view in the test suite:
   * `memory.buffer` had become an object the set had never seen, with no grow in between
   * (not reproduced in isolation). Views are therefore made only on `current`, which this
   * arena holds, so every view's buffer is one recorded here.
   */
  private readonly buffers = new Set<ArrayBufferLike>();
  /** The buffer views are made on: the newest, held here so it stays the same object. */
  private current: ArrayBufferLike;
  /** Free blocks [start, end), sorted by start. */
  private free: [number, number][] = [];
  private readonly sizes = new Map<number, number>();
  private readonly collected = new FinalizationRegistry<number>((addr) => this.release(addr));

  constructor(initialPages = 16) {
    this.maxPages = maxPages();
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: this.maxPages, shared: true });
    this.current = this.memory.buffer;
    this.buffers.add(this.current);
    this.free.push([ALIGN, initialPages * PAGE]); // address 0..63 stays unused
  }

  get byteLength(): number {
    return this.current.byteLength;
  }

  /** True when `a` is a view into this memory (its byteOffset is then its address). */
  owns(a: TypedArray): boolean {
    return this.buffers.has(a.buffer);
  }

  /** A block of `bytes` (64-byte aligned); grows the memory when no free block fits. */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let i = this.free.findIndex(([s, e]) => e - s >= size);
    if (i < 0) {
      this.grow(size);
      i = this.free.findIndex(([s, e]) => e - s >= size);
    }
    const block = this.free[i]!;
    const addr = block[0];
    if (block[1] - block[0] === size) this.free.splice(i, 1);
    else block[0] += size;
    this.sizes.set(addr, size);
    return addr;
  }

  release(addr: number): void {
    const size = this.sizes.get(addr);
    if (size === undefined) return;
    this.sizes.delete(addr);
    this.insertFree(addr, addr + size);
  }

  /** A typed-array view of `length` elements at `addr`. */
  view(type: BufferType, addr: number, length: number): TypedArray {
    return new ctors[type](this.current as ArrayBuffer, addr, length) as TypedArray;
  }

  /** A fresh zeroed typed array in this memory, freed when it is collected. */
  allocArray(type: BufferType, length: number): TypedArray {
    const addr = this.alloc(length * bytesPer[type]);
    const v = this.view(type, addr, length);
    v.fill(0);
    this.collected.register(v, addr);
    return v;
  }

  /** A copy of `a` in this memory (freed when collected). */
  copyIn(a: TypedArray): TypedArray {
    const type = (Object.keys(ctors) as BufferType[]).find((t) => a instanceof ctors[t])!;
    const v = this.allocArray(type, a.length);
    v.set(a as never);
    return v;
  }

  /** Frees `addrs` when `owner` is collected. */
  releaseWith(owner: object, addrs: readonly number[]): void {
    for (const a of addrs) this.collected.register(owner, a);
  }

  private grow(bytes: number): void {
    const have = this.current.byteLength;
    const pages = Math.max(Math.ceil(bytes / PAGE) + 1, Math.ceil(have / PAGE / 2));
    const room = this.maxPages - have / PAGE;
    if (room < Math.ceil(bytes / PAGE)) {
      throw new RangeError(`kiln wasm memory: ${bytes} more bytes do not fit under the maximum of ${this.maxPages * PAGE} bytes (set KILN_WASM_MAX_MB)`);
    }
    this.memory.grow(Math.min(pages, room));
    this.current = this.memory.buffer;
    this.buffers.add(this.current);
    this.insertFree(have, this.current.byteLength);
  }

  private insertFree(start: number, end: number): void {
    const f = this.free;
    let i = f.findIndex(([s]) => s > start);
    if (i < 0) i = f.length;
    f.splice(i, 0, [start, end]);
    // merge with the next block, then with the previous one
    if (i + 1 < f.length && f[i]![1] === f[i + 1]![0]) f.splice(i, 2, [f[i]![0], f[i + 1]![1]]);
    if (i > 0 && f[i - 1]![1] === f[i]![0]) f.splice(i - 1, 2, [f[i - 1]![0], f[i]![1]]);
  }
}

let theArena: Arena | null = null;

/** The process's arena, created on first use. */
export function arena(): Arena {
  return (theArena ??= new Arena());
}

/** True when `a` is a view into kiln's wasm memory (wasm kernels use it without a copy). */
export function inWasmMemory(a: TypedArray): boolean {
  return theArena !== null && theArena.owns(a);
}

/** A copy of `a` in kiln's wasm memory, freed when the copy is collected. */
export function toWasmMemory(a: TypedArray): TypedArray {
  return arena().copyIn(a);
}
