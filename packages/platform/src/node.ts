import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { MessageChannel, Worker } from "node:worker_threads";
import { nodeFiles } from "./node-files.js";
import type { Platform } from "./platform.js";
import { settingsFromEnvironment, updateSettings } from "./settings.js";

updateSettings(settingsFromEnvironment(process.env));

/** Node.js: worker_threads (eval'd sources that may require node: modules), V8 flags, stderr. */
export const platform: Platform = {
  name: "node",
  files: nodeFiles,
  threads: {
    available: () => availableParallelism(),
    channel: () => {
      const { port1, port2 } = new MessageChannel();
      return [port1, port2];
    },
    start: (source, data, transfer) => {
      const worker = new Worker(source, { eval: true, workerData: data, transferList: transfer as unknown as import("node:worker_threads").TransferListItem[] });
      return { unref: () => worker.unref(), onExit: (callback) => void worker.once("exit", callback) };
    },
  },
  setEngineFlag: (flag) => {
    try {
      setFlagsFromString(flag);
      return true;
    } catch {
      return false;
    }
  },
  writeDiagnostic: (text) => void process.stderr.write(text),
};

