import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { jnp, type Array } from "@kiln/core";
import * as random from "@kiln/random";

/** A supervised dataset split into train and test parts, features standardized on the train part. */
export interface Dataset {
  readonly name: string;
  readonly featureNames: readonly string[];
  readonly xTrain: Array;
  readonly yTrain: Array;
  readonly xTest: Array;
  readonly yTest: Array;
  /** For regression: the target's mean and std (targets are standardized too). */
  readonly target?: { readonly mean: number; readonly std: number };
  readonly classes?: readonly string[];
}

/** The data files of the vega-datasets npm package (its exports map hides them, so resolve the folder). */
function vegaData(file: string): unknown[] {
  const entry = createRequire(import.meta.url).resolve("vega-datasets");
  return JSON.parse(readFileSync(join(dirname(entry), "..", "data", file), "utf8")) as unknown[];
}

function standardize(rows: number[][], trainCount: number): { values: number[][]; mean: number[]; std: number[] } {
  const d = rows[0]!.length;
  const mean = new globalThis.Array<number>(d).fill(0);
  const std = new globalThis.Array<number>(d).fill(0);
  for (let i = 0; i < trainCount; i++) for (let j = 0; j < d; j++) mean[j]! += rows[i]![j]! / trainCount;
  for (let i = 0; i < trainCount; i++) for (let j = 0; j < d; j++) std[j]! += (rows[i]![j]! - mean[j]!) ** 2 / trainCount;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
  return { values: rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!)), mean, std };
}

/** A seeded shuffle (JAX's permutation) so the split is the same every run. */
function shuffled<T>(items: T[], seed: number | bigint): T[] {
  const order = random.permutation(random.key(seed), items.length).tolist() as number[];
  return order.map((i) => items[i]!);
}

const carFeatures = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"] as const;

/** vega-datasets cars: predict miles per gallon from five engine and body features (rows with gaps dropped). */
export function carsRegression(seed: number | bigint): Dataset {
  type Car = Record<string, number | string | null>;
  const rows = (vegaData("cars.json") as Car[]).filter((r) => [...carFeatures, "Miles_per_Gallon"].every((k) => typeof r[k] === "number"));
  const data = shuffled(rows, seed);
  const trainCount = Math.round(data.length * 0.8);
  const x = standardize(data.map((r) => carFeatures.map((k) => r[k] as number)), trainCount);
  const y = standardize(data.map((r) => [r["Miles_per_Gallon"] as number]), trainCount);
  return {
    name: `cars (${data.length} cars: mpg from ${carFeatures.join(", ")})`,
    featureNames: carFeatures,
    xTrain: jnp.array(x.values.slice(0, trainCount), "float32"),
    yTrain: jnp.array(y.values.slice(0, trainCount), "float32"),
    xTest: jnp.array(x.values.slice(trainCount), "float32"),
    yTest: jnp.array(y.values.slice(trainCount), "float32"),
    target: { mean: y.mean[0]!, std: y.std[0]! },
  };
}

const penguinFeatures = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] as const;

/** vega-datasets penguins: classify the species from four measurements. */
export function penguinsClassification(seed: number | bigint): Dataset {
  type Penguin = Record<string, number | string | null>;
  const rows = (vegaData("penguins.json") as Penguin[]).filter((r) => penguinFeatures.every((k) => typeof r[k] === "number") && typeof r["Species"] === "string");
  const classes = [...new Set(rows.map((r) => r["Species"] as string))].sort();
  const data = shuffled(rows, seed);
  const trainCount = Math.round(data.length * 0.8);
  const x = standardize(data.map((r) => penguinFeatures.map((k) => r[k] as number)), trainCount);
  const labels = data.map((r) => classes.indexOf(r["Species"] as string));
  return {
    name: `penguins (${data.length} penguins: species from ${penguinFeatures.join(", ")})`,
    featureNames: penguinFeatures,
    xTrain: jnp.array(x.values.slice(0, trainCount), "float32"),
    yTrain: jnp.array(labels.slice(0, trainCount), "int32"),
    xTest: jnp.array(x.values.slice(trainCount), "float32"),
    yTest: jnp.array(labels.slice(trainCount), "int32"),
    classes,
  };
}
