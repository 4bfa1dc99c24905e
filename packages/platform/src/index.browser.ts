/** @kiln/platform for web pages (the `"browser"` condition of the package's exports). */
export { platform } from "./browser.js";
export type { Platform, Port, Threads, WorkerHandle } from "./platform.js";
export { FileError, type Files } from "./files.js";
export { settings, updateSettings, settingsFromEnvironment, type BackendChoice, type Settings } from "./settings.js";
