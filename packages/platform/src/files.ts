/** Files, where the host has them (Node); a page reads and writes checkpoints as bytes instead. */
export interface Files {
  /** The file's bytes; throws a FileError. */
  read(path: string): Uint8Array;
  /**
   * Writes `bytes` to `path` atomically: a temporary file in the same directory (so the rename
   * cannot cross file systems), flushed, then renamed over the target, keeping its permissions;
   * a crash or a full disk at any point leaves either the old file or the new one. Throws a
   * FileError (the temporary file removed).
   */
  writeAtomic(path: string, bytes: Uint8Array): void;
}

/** A file operation that failed, with the system's code (ENOENT, ENOSPC, ...) or its first line. */
export class FileError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = "FileError";
  }
}
