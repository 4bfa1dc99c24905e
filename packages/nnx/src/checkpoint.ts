import { KilnError, optionsOf, quoteClipped, type Array } from "@kiln/core";
import type { Filter } from "./filter.js";
import { pathToString } from "./module.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";
import { selectVariables } from "./state.js";

/**
 * Checkpoints as bytes: a model's variables <-> a safetensors file, tensor names being variable
 * paths ("layers.0.kernel"). No file system here (checkpoint-file.ts reads and writes files), so
 * a browser can restore from the bytes of a File or a fetch.
 */
export interface SaveOptions {
  /** Which variables to save (all by default). */
  readonly filter?: Filter;
  /** Strings stored in the file's "__metadata__" (next to format: "kiln"). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface LoadOptions {
  /** Which of the model's variables to load (all by default); each must be in the file. */
  readonly filter?: Filter;
  /**
   * true (the default): a tensor in the file that no selected variable takes is an error naming
   * it, as PyTorch's load_state_dict(strict=True). false: such tensors are ignored.
   */
  readonly strict?: boolean;
}

const listed = (names: readonly string[], max = 5): string =>
  names.slice(0, max).map((n) => quoteClipped(n)).join(", ") + (names.length > max ? ` and ${names.length - max} more` : "");

function saveOptions(fn: string, options: unknown): { filter: Filter; metadata: Readonly<Record<string, string>> } {
  const o = optionsOf(fn, options, ["filter", "metadata"]);
  const m = o.metadata;
  if (m !== undefined && (m === null || typeof m !== "object" || globalThis.Array.isArray(m))) throw new KilnError(`${fn}: options.metadata must be an object of strings`);
  return { filter: (o.filter ?? true) as Filter, metadata: (o.metadata ?? {}) as Record<string, string> };
}

/** Checked load options (a bad one is an error naming `fn`, before any file is read). */
export function loadOptions(fn: string, options: unknown): { filter: Filter; strict: boolean } {
  const o = optionsOf(fn, options, ["filter", "strict"]);
  if (o.strict !== undefined && typeof o.strict !== "boolean") throw new KilnError(`${fn}: options.strict must be a boolean, got ${typeof o.strict}`);
  return { filter: (o.filter ?? true) as Filter, strict: o.strict ?? true };
}

/** The selected variables as named tensors; two variables with one dotted name are an error. */
export function checkpointTensors(model: unknown, filter: Filter = true, fn = "checkpointTensors"): Map<string, Array> {
  const entries = selectVariables(model, filter).map(([p, v]) => [pathToString(p), v.value] as const);
  const tensors = new Map(entries);
  if (tensors.size !== entries.length) {
    const dup = entries.find(([name], i) => entries.findIndex(([other]) => other === name) !== i)![0];
    throw new KilnError(`${fn}: two variables are both named '${dup}' as tensors (a field name containing '.' collides with a nested path)`);
  }
  return tensors;
}

/** A model's variables as the bytes of a safetensors file. */
export function serializeCheckpoint(model: unknown, options?: SaveOptions, fn = "serializeCheckpoint"): Uint8Array {
  const o = saveOptions(fn, options);
  return encodeSafetensors(checkpointTensors(model, o.filter, fn), o.metadata);
}

/**
 * Writes named tensors into the model's selected variables. Every variable must have a tensor of
 * its shape and dtype and (when strict) every tensor a variable; all is checked before any
 * variable is written, so a failed load leaves the model as it was.
 */
export function loadTensors(tensors: ReadonlyMap<string, Array>, model: unknown, options?: LoadOptions, where = "loadTensors"): void {
  applyTensors(tensors, model, loadOptions("loadTensors", options), where);
}

function applyTensors(tensors: ReadonlyMap<string, Array>, model: unknown, o: { filter: Filter; strict: boolean }, where: string): void {
  const targets = selectVariables(model, o.filter);
  const names = new Set<string>();
  const writes = targets.map(([p, v]) => {
    const name = pathToString(p);
    names.add(name);
    const a = tensors.get(name);
    if (!a) throw new KilnError(`${where}: has no tensor ${quoteClipped(name)} (it has ${listed([...tensors.keys()]) || "none"})`);
    if (!a.aval.equals(v._array.aval)) throw new KilnError(`${where}: tensor ${quoteClipped(name)} is ${a.aval} but the model's is ${v._array.aval}`);
    return [v, a] as const;
  });
  const extra = [...tensors.keys()].filter((name) => !names.has(name));
  if (o.strict && extra.length > 0) {
    throw new KilnError(`${where}: has ${extra.length === 1 ? "a tensor" : `${extra.length} tensors`} the model does not: ${listed(extra)} (load with { strict: false } to ignore them)`);
  }
  for (const [v, a] of writes) v.value = a;
}

/** Restores the model's variables from the bytes of a safetensors file (see loadTensors for the rules). */
export function restoreCheckpoint(bytes: Uint8Array, model: unknown, options?: LoadOptions, where = "restoreCheckpoint"): void {
  const o = loadOptions("restoreCheckpoint", options); // bad options fail before the bytes are decoded
  applyTensors(decodeSafetensors(bytes, where), model, o, where);
}
