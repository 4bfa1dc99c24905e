import type { Timing } from "./measure.js";

/** What one peer did on one problem. */
export type PeerResult =
  | {
      readonly id: string;
      readonly label: string;
      readonly ok: true;
      /** wall time of the very first step (for jit peers: trace, compile and run), ms */
      readonly firstMs: number;
      /** the losses of the first k steps, from the common initial weights */
      readonly losses: readonly number[];
      readonly timing: Timing;
    }
  | { readonly id: string; readonly label: string; readonly ok: false; readonly error: string };

export type OkResult = Extract<PeerResult, { ok: true }>;

export const findOk = (rows: readonly PeerResult[], id: string): OkResult | undefined =>
  rows.find((r): r is OkResult => r.ok && r.id === id);

/** The peer whose losses the others are checked against: kiln's jit step when it ran. */
export function lossBaseline(rows: readonly PeerResult[]): OkResult | undefined {
  return findOk(rows, "kiln-jit") ?? findOk(rows, "kiln-eager") ?? findOk(rows, "reference");
}

export const LOSS_RTOL = 1e-4;

/** Relative difference of two losses. */
export const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
