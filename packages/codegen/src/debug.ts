import { platform, settings } from "@kiln/platform";

/** KILN_DEBUG=1 (or `debug: true`) prints each pass's graph and the generated source. */
export function debugEnabled(option: boolean | undefined): boolean {
  return option ?? settings().debug;
}

export function debugLog(title: string, body: string): void {
  platform.writeDiagnostic(`[kiln] ${title}\n${body}\n`);
}
