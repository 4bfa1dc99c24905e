import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import type { CliIo } from "../packages/kiln/src/cli/io.js";

/** An in-process CliIo that records what a command writes (for tests that need no process). */
export function captureIo(stdin = "", env: Record<string, string> = {}): CliIo & { stdoutText(): string; stderrText(): string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    return { stream, text: () => chunks.join("") };
  };
  const out = sink();
  const err = sink();
  return { stdout: out.stream, stderr: err.stream, readStdin: () => stdin, env, stdoutText: out.text, stderrText: err.text };
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const cli = new URL("../packages/kiln/src/cli.ts", import.meta.url).pathname;

/**
 * Runs the kiln command line as its own process, from the TypeScript sources (the "source"
 * export condition), as a user's shell would: the exit status, both streams, the wall time.
 * A run past `timeoutMs` is killed (the test then sees signal SIGKILL).
 */
export function kiln(args: readonly string[], options: { stdin?: string | Buffer; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const start = performance.now();
    const env = { ...process.env, NO_COLOR: "", FORCE_COLOR: "", KILN_DEBUG: "", ...options.env };
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", cli, ...args], { stdio: ["pipe", "pipe", "pipe"], env });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - start });
    });
    child.stdin.on("error", () => {}); // a command that exits before reading its input closes the pipe
    child.stdin.end(options.stdin ?? "");
  });
}
