import { KilnError } from "@kiln/core";
import { FileError, platform, type Files } from "@kiln/platform";
import { loadOptions, restoreCheckpoint, serializeCheckpoint, type LoadOptions, type SaveOptions } from "./checkpoint.js";

/**
 * Checkpoint files, through the platform's files (Node): saved atomically (a temporary file
 * beside the target, flushed, renamed over it), so a crash or a full disk leaves either the old
 * file or the new one. In a page there are no files: serializeCheckpoint / restoreCheckpoint
 * work on bytes (a File, a Blob, a fetch response).
 */
function files(fn: string): Files {
  if (!platform.files) throw new KilnError(`${fn}: this platform (${platform.name}) has no files; use serializeCheckpoint / restoreCheckpoint with bytes`);
  return platform.files;
}

const reasonOf = (e: unknown): string => (e instanceof FileError ? e.reason : String(e));

/** Writes `bytes` to `path` atomically (see Files.writeAtomic). */
export function writeFileAtomic(path: string, bytes: Uint8Array, fn = "writeFileAtomic"): void {
  try {
    files(fn).writeAtomic(path, bytes);
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError(`${fn}: cannot write ${path}: ${reasonOf(e)}`);
  }
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
    bytes = files("loadCheckpoint").read(path);
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError(`loadCheckpoint: cannot read ${path}: ${reasonOf(e)}`);
  }
  restoreCheckpoint(bytes, model, options, path);
}
