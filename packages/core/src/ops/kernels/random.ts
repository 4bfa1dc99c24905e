import { foldIn, randomBits32, splitKeys } from "../../numerics/index.js";
import type { Operand } from "./elementwise.js";

/** threefry random bits, partitionable scheme (JAX >= 0.5 default). */
export function randomBits(key: Operand, size: number): Uint32Array {
  const out = new Uint32Array(size);
  randomBits32(key.data[0]!, key.data[1]!, out);
  return out;
}

export function randomSplit(key: Operand, num: number): Uint32Array {
  const out = new Uint32Array(2 * num);
  splitKeys(key.data[0]!, key.data[1]!, num, out);
  return out;
}

export function randomFoldIn(key: Operand, data: Operand): Uint32Array {
  return Uint32Array.from(foldIn(key.data[0]!, key.data[1]!, data.data[0]!));
}
