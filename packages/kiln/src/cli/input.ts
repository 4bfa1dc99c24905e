import { closeSync, openSync, readSync } from "node:fs";
import { MAX_INPUT_BYTES } from "./limits.js";

/** The input was larger than MAX_INPUT_BYTES (or never ended: /dev/zero). */
export class InputTooLargeError extends Error {
  override name = "InputTooLargeError";
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads an open file descriptor to its end as UTF-8, refusing more than `limit` bytes. A stdin
 * pipe its parent left non-blocking answers EAGAIN while empty: that is waited out, not an error.
 */
export function readAll(fd: number, limit = MAX_INPUT_BYTES): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(pause, 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new InputTooLargeError(`more than the limit of ${limit} bytes`);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** A file's text, read as readAll reads. */
export function readFileLimited(path: string): string {
  const fd = openSync(path, "r");
  try {
    return readAll(fd);
  } finally {
    closeSync(fd);
  }
}
