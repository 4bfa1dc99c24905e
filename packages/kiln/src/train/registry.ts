import type { Recipe } from "./recipe.js";

/**
 * The models of `kiln train` and `kiln inspect`, by name: adding an entry adds a `--model`
 * choice to both, its help and the docs. An entry is light (a summary and a default learning
 * rate); its recipe loads only when the model is used, so `kiln --help` starts fast.
 */
export interface ModelEntry {
  /** What it trains on what, for the help text. */
  readonly summary: string;
  readonly defaultLr: number;
  readonly recipe: () => Promise<Recipe>;
}

export const models = {
  linear: {
    summary: "linear regression of the cars' miles per gallon (vega-datasets), SGD",
    defaultLr: 0.05,
    recipe: async () => (await import("./linear.js")).linearRecipe,
  },
  mlp: {
    summary: "MLP classifier of the penguins' species (vega-datasets), adam",
    defaultLr: 0.01,
    recipe: async () => (await import("./mlp.js")).mlpRecipe,
  },
} as const satisfies Record<string, ModelEntry>;

export type ModelName = keyof typeof models;
export const modelNames = Object.keys(models) as ModelName[];
