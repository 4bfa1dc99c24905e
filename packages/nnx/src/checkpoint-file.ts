import { closeSync, fchmodSync, fsyncSync, openSync, statSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { KilnError } from "@kiln/core";
import { loadOptions, restoreCheckpoint, serializeCheckpoint, type LoadOptions, type SaveOptions } from "./checkpoint.js";

/**
 * Checkpoint files on Node. A save never leaves a truncated file behind: the bytes go to a
 * temporary file in the same directory (so the rename cannot cross file systems), which is
 * flushed to disk and then renamed over the target; a crash or a full disk at any point leaves
 * either the old file or the new one. The directory is flushed too, so the rename survives a
 * power cut.
 */
const systemError = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message.split("\n")[0]!;
};

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // some platforms (Windows) cannot open or flush a directory; the file itself is flushed
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

/** Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename. */
export function writeFileAtomic(path: string, bytes: Uint8Array, fn = "writeFileAtomic"): void {
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
    throw new KilnError(`${fn}: cannot write ${path}: ${systemError(e)}`);
  }
  syncDirectory(dir);
}

/** Saves the model's variables (those options.filter selects; all by default) to a safetensors file, atomically. */
export function saveCheckpoint(path: string, model: unknown, options?: SaveOptions): void {
  writeFileAtomic(path, serializeCheckpoint(model, options, "saveCheckpoint"), "saveCheckpoint");
}

/**
 * Loads a safetensors file into the model: every selected variable must be in the file with its
 * shape and dtype, and (strict by default) every tensor in the file must be taken by one. All is
 * checked before any variable is written.
 */
export function loadCheckpoint(path: string, model: unknown, options?: LoadOptions): void {
  loadOptions("loadCheckpoint", options);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new KilnError(`loadCheckpoint: cannot read ${path}: ${systemError(e)}`);
  }
  restoreCheckpoint(bytes, model, options, path);
}
