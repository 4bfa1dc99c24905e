import type { Array } from "@kiln/core";
import { Module } from "../module.js";

export type Layer = Module | ((x: Array) => Array);

/** nnx.Sequential(...layers): applies modules and functions in order. */
export class Sequential extends Module {
  readonly layers: Layer[];

  constructor(...layers: Layer[]) {
    super();
    this.layers = layers;
  }

  override call(x: Array): Array {
    let y = x;
    for (const layer of this.layers) y = layer instanceof Module ? (layer.call as (x: Array) => Array).call(layer, y) : layer(y);
    return y;
  }
}
