/** KILN_DEBUG=1 (or `debug: true`) prints each pass's graph and the generated source to stderr. */
export function debugEnabled(option: boolean | undefined): boolean {
  return option ?? process.env.KILN_DEBUG === "1";
}

export function debugLog(title: string, body: string): void {
  process.stderr.write(`[kiln] ${title}\n${body}\n`);
}
