/**
 * @kiln/platform: kiln's seam to its host (Node.js here; `index.browser.ts` for pages, chosen by
 * the package's conditional exports) and the settings read once from the environment.
 */
export { platform } from "./node.js";
export type { Platform, Port, Threads, WorkerHandle } from "./platform.js";
export { FileError, type Files } from "./files.js";
export { settings, updateSettings, settingsFromEnvironment, type BackendChoice, type Settings } from "./settings.js";
