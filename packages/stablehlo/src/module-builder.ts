import type { ShapedArray } from "@kiln/core";
import { Builder, type ModuleScope } from "./builder.js";
import { Block, Func, Value } from "./ir.js";
import type { ModuleOptions } from "./module-options.js";
import { Printer } from "./printer.js";

export type { DotPrecision, ModuleOptions } from "./module-options.js";

/** Collects a module's functions: `main`, then private helpers (threefry) in the order first used. */
export class ModuleBuilder implements ModuleScope {
  /** In the order each was begun, so main comes before the helpers it calls. */
  private readonly funcs: (Func | null)[] = [];
  private readonly helpers = new Set<string>();

  constructor(readonly options: ModuleOptions) {}

  /** Builds a function: `build` gets a builder for its body and its arguments, and returns its results. */
  func(name: string, visibility: "public" | "private", argAvals: readonly ShapedArray[], build: (b: Builder, args: Value[]) => readonly Value[]): void {
    const slot = this.funcs.push(null) - 1;
    const args = argAvals.map((a) => new Value(a));
    const body = new Block(args);
    const b = new Builder(this, body);
    const results = build(b, args);
    b.statement((p) => (results.length === 0 ? "return" : `return ${p.list(results)} : ${p.types(results)}`));
    this.funcs[slot] = new Func(name, visibility, body, results.map((r) => r.aval));
  }

  /** A private function built once per name (a helper such as threefry2x32 for one counter length). */
  helper(name: string, argAvals: readonly ShapedArray[], build: (b: Builder, args: Value[]) => readonly Value[]): string {
    if (!this.helpers.has(name)) {
      this.helpers.add(name);
      this.func(name, "private", argAvals, build);
    }
    return name;
  }

  print(): string {
    const lines = [`module @${this.options.name} attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {`];
    for (const f of this.funcs) if (f !== null) lines.push(...new Printer().func(f));
    lines.push("}");
    return lines.join("\n") + "\n";
  }
}
