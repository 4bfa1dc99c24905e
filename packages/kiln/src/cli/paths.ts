import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { quoteClipped } from "@kiln/core";
import { UsageError } from "./errors.js";

/**
 * Checks of the files a command will read or write, made before any work starts, so a typo in
 * `--save` does not surface only after training has finished.
 */
const reason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file or directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : code ?? "unknown error";
};

/** `path` is an existing regular file this process may read. */
export function checkReadableFile(flag: string, path: string): void {
  try {
    if (!statSync(path).isFile()) throw new UsageError(`${flag}: cannot read ${quoteClipped(path, 200)}: not a regular file`);
    accessSync(path, constants.R_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}: cannot read ${quoteClipped(path, 200)}: ${reason(e)}`);
  }
}

/** `path` can be created or replaced: its directory exists and is writable, and it is not a directory. */
export function checkWritableFile(flag: string, path: string): void {
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${flag}: cannot write ${quoteClipped(path, 200)}: ${quoteClipped(dir, 200)} is not a directory`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}: cannot write ${quoteClipped(path, 200)}: directory ${quoteClipped(dir, 200)}: ${reason(e)}`);
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // it does not exist yet: it will be created
  }
  if (isDirectory) throw new UsageError(`${flag}: cannot write ${quoteClipped(path, 200)}: it is a directory`);
}
