/**
 * Loads kiln with a dynamic import, so that the harness still runs the other peers while a
 * kiln package fails to load (for example while an export is missing); the error is reported
 * in the tables instead of ending the run.
 */
export type Kiln = typeof import("kiln");

let loaded: Promise<{ kiln: Kiln } | { error: string }> | null = null;

export function loadKiln(): Promise<{ kiln: Kiln } | { error: string }> {
  loaded ??= import("kiln").then(
    (kiln) => ({ kiln }),
    (e: unknown) => ({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
  return loaded;
}
