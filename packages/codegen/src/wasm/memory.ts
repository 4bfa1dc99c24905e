import { KilnError, type TypedArray } from "@kiln/core";
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
 * an executable frees its scratch when it is collected. Staging copies (arguments copied in
 * for one call) are reclaimable: when memory runs out, every executable's staging buffers are
 * freed before giving up (the next call makes them again), and the error then says how much was
 * asked and what holds the memory.
 */
const PAGE = 65536;
const ALIGN = 64;
const maxPages = (): number => {
  const mb = settings().wasmMaxMb;
  // at most 2 GiB: the kernels compare addresses with signed i32 comparisons
  return Math.max(16, Math.min(32768, Math.floor((mb * 1024 * 1024) / PAGE)));
};

export const bytesPer: { readonly [T in BufferType]: number } = { float32: 4, int32: 4, uint32: 4, bool: 1, float64: 8 };

/** What a block holds, for the out-of-memory message. */
export type BlockKind = "array" | "scratch" | "staging" | "threads";
const kindNames: { readonly [K in BlockKind]: string } = {
  array: "arrays and parameters",
  scratch: "compiled functions' scratch",
  staging: "staging copies",
  threads: "thread control",
};

/** Something that can give memory back on demand (an executable's staging buffers). */
export interface Reclaimable {
  reclaim(): void;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
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
  private freeBlocks: [number, number][] = [];
  private readonly sizes = new Map<number, { readonly size: number; readonly kind: BlockKind }>();
  private readonly collected = new FinalizationRegistry<number>((addr) => this.release(addr));
  private readonly reclaimables = new Set<WeakRef<Reclaimable>>();

  /** `maximumPages` defaults to the wasmMaxMb setting (KILN_WASM_MAX_MB). */
  constructor(initialPages = 16, maximumPages = maxPages()) {
    this.maxPages = maximumPages;
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: this.maxPages, shared: true });
    this.current = this.memory.buffer;
    this.buffers.add(this.current);
    this.freeBlocks.push([ALIGN, initialPages * PAGE]); // address 0..63 stays unused
  }

  get byteLength(): number {
    return this.current.byteLength;
  }

  /** True when `a` is a view into this memory (its byteOffset is then its address). */
  owns(a: TypedArray): boolean {
    return this.buffers.has(a.buffer);
  }

  /**
   * A block of `bytes` (64-byte aligned); grows the memory when no free block fits, and reclaims
   * staging copies when it cannot grow. Throws a KilnError when the maximum is reached.
   */
  alloc(bytes: number, kind: BlockKind): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let i = this.freeBlocks.findIndex(([s, e]) => e - s >= size);
    if (i < 0 && !this.grow(size)) {
      this.reclaim();
      i = this.freeBlocks.findIndex(([s, e]) => e - s >= size);
      if (i < 0 && !this.grow(size)) throw this.outOfMemory(bytes);
    }
    if (i < 0) i = this.freeBlocks.findIndex(([s, e]) => e - s >= size);
    const block = this.freeBlocks[i]!;
    const addr = block[0];
    if (block[1] - block[0] === size) this.freeBlocks.splice(i, 1);
    else block[0] += size;
    this.sizes.set(addr, { size, kind });
    return addr;
  }

  release(addr: number): void {
    const block = this.sizes.get(addr);
    if (block === undefined) return;
    this.sizes.delete(addr);
    this.insertFree(addr, addr + block.size);
  }

  /** Bytes held, by kind. */
  held(): { readonly [K in BlockKind]: number } {
    const out = { array: 0, scratch: 0, staging: 0, threads: 0 };
    for (const { size, kind } of this.sizes.values()) out[kind] += size;
    return out;
  }

  /** `r.reclaim()` is called (while `r` is alive) whenever memory runs out. */
  addReclaimable(r: Reclaimable): void {
    this.reclaimables.add(new WeakRef(r));
  }

  private reclaim(): void {
    for (const ref of this.reclaimables) {
      const r = ref.deref();
      if (r) r.reclaim();
      else this.reclaimables.delete(ref);
    }
  }

  private outOfMemory(bytes: number): KilnError {
    const held = this.held();
    const parts = (Object.keys(kindNames) as BlockKind[]).filter((k) => held[k] > 0).map((k) => `${kindNames[k]} ${mb(held[k])}`);
    return new KilnError(
      `kiln wasm memory: cannot allocate ${mb(bytes)}: ${mb(this.maxPages * PAGE)} is the maximum (KILN_WASM_MAX_MB) and ` +
        `${parts.length > 0 ? parts.join(", ") : "nothing"} ${parts.length === 1 ? "is" : "are"} held; free arrays or compiled functions no longer used`,
    );
  }

  /** A typed-array view of `length` elements at `addr`. */
  view(type: BufferType, addr: number, length: number): TypedArray {
    return new ctors[type](this.current as ArrayBuffer, addr, length) as TypedArray;
  }

  /** A fresh zeroed typed array in this memory, freed when it is collected (or with `free`). */
  allocArray(type: BufferType, length: number, kind: BlockKind = "array"): TypedArray {
    const addr = this.alloc(length * bytesPer[type], kind);
    const v = this.view(type, addr, length);
    v.fill(0);
    this.collected.register(v, addr, v);
    return v;
  }

  /** A copy of `a` in this memory (freed when collected, or with `free`). */
  copyIn(a: TypedArray, kind: BlockKind = "array"): TypedArray {
    const type = (Object.keys(ctors) as BufferType[]).find((t) => a instanceof ctors[t])!;
    const v = this.allocArray(type, a.length, kind);
    v.set(a as never);
    return v;
  }

  /** Frees an array made by allocArray or copyIn now; it must not be used again. */
  free(a: TypedArray): void {
    if (!this.collected.unregister(a)) return;
    this.release(a.byteOffset);
  }

  /** Frees `addrs` when `owner` is collected. */
  releaseWith(owner: object, addrs: readonly number[]): void {
    for (const a of addrs) this.collected.register(owner, a);
  }

  /** Grows the memory so that a block of `bytes` fits at its end; false when the maximum forbids it. */
  private grow(bytes: number): boolean {
    const have = this.current.byteLength;
    // the free block at the end (if any) joins the new pages
    const last = this.freeBlocks[this.freeBlocks.length - 1];
    const tail = last && last[1] === have ? last[1] - last[0] : 0;
    const need = Math.ceil(Math.max(0, bytes - tail) / PAGE);
    const pages = Math.max(need + 1, Math.ceil(have / PAGE / 2));
    const room = this.maxPages - have / PAGE;
    if (room < need) return false;
    try {
      this.memory.grow(Math.min(pages, room));
    } catch {
      return false; // the engine could not reserve the pages
    }
    this.current = this.memory.buffer;
    this.buffers.add(this.current);
    this.insertFree(have, this.current.byteLength);
    return true;
  }

  private insertFree(start: number, end: number): void {
    const f = this.freeBlocks;
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
