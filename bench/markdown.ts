import { existsSync, readFileSync, writeFileSync } from "node:fs";

const marker = (name: string, end: boolean) => `<!-- bench:${name}:${end ? "end" : "start"} -->`;

/**
 * Replaces the generated section `name` (between `<!-- bench:NAME:start -->` and
 * `<!-- bench:NAME:end -->`) with `body`, or appends the section when the markers are missing,
 * so a rerun replaces exactly the sections it measured and leaves the rest of the page alone.
 */
export function replaceSection(text: string, name: string, body: string): string {
  const start = marker(name, false);
  const end = marker(name, true);
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) return text.slice(0, i) + block + text.slice(j + end.length);
  return `${text.trimEnd()}\n\n${block}\n`;
}

/** Writes the sections into the markdown file (created if missing). */
export function writeSections(file: string, sections: ReadonlyMap<string, string>): void {
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Performance\n";
  for (const [name, body] of sections) text = replaceSection(text, name, body);
  writeFileSync(file, text);
}
