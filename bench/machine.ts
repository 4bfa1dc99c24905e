import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { totalmem } from "node:os";

/** The machine the numbers come from: nproc, CPU model, memory, Node and V8 versions. */
export function machineInfo(): string {
  let nproc = "?";
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    // nproc missing: leave "?"
  }
  let cpu = "unknown CPU";
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // no /proc/cpuinfo
  }
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, nproc ${nproc}, ${gib} GiB; Node ${process.version} (V8 ${process.versions.v8}), ${process.platform}-${process.arch}`;
}
