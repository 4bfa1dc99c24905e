#!/usr/bin/env node
import { nodeIo } from "./cli/io.js";
import { runCli } from "./cli/run.js";

// the status is set, not process.exit()ed, so output still buffered for a pipe is written first
process.exitCode = await runCli(process.argv.slice(2), nodeIo);
