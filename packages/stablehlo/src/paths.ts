import type { TreeDef } from "@kiln/core";

/**
 * The path of every leaf of a pytree structure, in flattening order, written like JAX's
 * `keystr`: `prefix[0]["w"]` (list positions and custom nodes' children by index, object keys
 * quoted).
 */
export function leafPaths(def: TreeDef, prefix: string): string[] {
  const out: string[] = [];
  const walk = (d: TreeDef, path: string) => {
    switch (d.kind) {
      case "leaf": out.push(path); return;
      case "none": return;
      case "object": d.children.forEach((c, i) => walk(c, `${path}[${JSON.stringify(d.keys![i])}]`)); return;
      case "array": case "custom": d.children.forEach((c, i) => walk(c, `${path}[${i}]`)); return;
    }
  };
  walk(def, prefix);
  return out;
}
