import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FileError, type Files } from "./files.js";

const reasonOf = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? String(err.message).split("\n")[0]!;
};

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Flushes a directory, so a rename in it survives a power cut (not possible everywhere: Windows). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // the file itself is flushed
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function existingMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return null;
  }
}

/** Node's files: readFileSync, and the temporary-file-fsync-rename write. */
export const nodeFiles: Files = {
  read(path) {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new FileError(path, reasonOf(e));
    }
  },
  writeAtomic(path, bytes) {
    const dir = dirname(path);
    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    let fd: number | null = null;
    try {
      fd = openSync(temp, "wx");
      const mode = existingMode(path);
      if (mode !== null) fchmodSync(fd, mode); // a replaced file keeps its permissions, as an in-place write would
      writeAll(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      renameSync(temp, path);
    } catch (e) {
      if (fd !== null) closeSync(fd);
      try {
        unlinkSync(temp);
      } catch {
        // never created, or already renamed
      }
      throw new FileError(path, reasonOf(e));
    }
    syncDirectory(dir);
  },
};
