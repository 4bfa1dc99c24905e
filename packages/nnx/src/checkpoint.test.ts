import { describe, expect, it } from "vitest";
import { KilnError, jnp } from "@kiln/core";
import * as nnx from "./index.js";

class Net extends nnx.Module {
  readonly a: nnx.Linear;
  readonly b: nnx.Linear;
  readonly steps = new nnx.BatchStat(jnp.array([0], "int32"));
  constructor(seed: number, width = 3) {
    super();
    const rngs = new nnx.Rngs(seed);
    this.a = new nnx.Linear(2, width, { rngs });
    this.b = new nnx.Linear(width, 1, { rngs });
  }
}

const bits = (model: unknown): string[] => {
  const out: string[] = [];
  nnx.forEachVariable(model, (p, v) => out.push(`${p.join(".")}:${new Uint8Array(v.value.toTypedArray().slice().buffer).join(",")}`));
  return out;
};

describe("checkpoints as bytes", () => {
  it("round-trip every variable exactly, and the bytes are a safetensors file", () => {
    const src = new Net(1);
    const dst = new Net(2);
    const bytes = nnx.serializeCheckpoint(src, { metadata: { epoch: "3" } });
    expect(nnx.safetensorsMetadata(bytes)).toEqual({ format: "kiln", epoch: "3" });
    nnx.restoreCheckpoint(bytes, dst);
    expect(bits(dst)).toEqual(bits(src));
    expect([...nnx.decodeSafetensors(bytes).keys()]).toEqual(["a.bias", "a.kernel", "b.bias", "b.kernel", "steps"]);
  });

  it("load strictly by default: a tensor no variable takes is an error naming it, and nothing changes", () => {
    const bytes = nnx.serializeCheckpoint(new Net(1));
    const onlyParams = new Net(2);
    const before = bits(onlyParams);
    expect(() => nnx.restoreCheckpoint(bytes, onlyParams, { filter: nnx.Param })).toThrow(
      'restoreCheckpoint: has a tensor the model does not: "steps" (load with { strict: false } to ignore them)',
    );
    expect(bits(onlyParams)).toEqual(before);
    const small = { a: new Net(2).a };
    expect(() => nnx.restoreCheckpoint(bytes, small)).toThrow('has 3 tensors the model does not: "b.bias", "b.kernel", "steps"');
  });

  it("strict: false loads what the model has and ignores the rest", () => {
    const src = new Net(1);
    const dst = new Net(2);
    nnx.restoreCheckpoint(nnx.serializeCheckpoint(src), dst, { filter: nnx.Param, strict: false });
    expect(bits(dst.a)).toEqual(bits(src.a));
    expect(bits(dst.b)).toEqual(bits(src.b));
    // saving with the same filter round-trips strictly
    const params = nnx.serializeCheckpoint(src, { filter: nnx.Param });
    expect(() => nnx.restoreCheckpoint(params, new Net(3), { filter: nnx.Param })).not.toThrow();
  });

  it("a missing tensor, a different shape, bad options: KilnErrors before any variable is written", () => {
    const dst = new Net(2);
    const before = bits(dst);
    const wide = nnx.serializeCheckpoint(new Net(1, 4));
    expect(() => nnx.restoreCheckpoint(wide, dst)).toThrow(/tensor "a.bias" is f32\[4\] but the model's is f32\[3\]/);
    const partial = nnx.serializeCheckpoint(new Net(1), { filter: nnx.Param });
    expect(() => nnx.restoreCheckpoint(partial, dst)).toThrow(/has no tensor "steps" \(it has "a.bias", "a.kernel", "b.bias", "b.kernel"\)/);
    expect(() => nnx.restoreCheckpoint(partial, dst, { strict: "yes" } as unknown as nnx.LoadOptions)).toThrow("options.strict must be a boolean");
    expect(() => nnx.restoreCheckpoint(partial, dst, nnx.Param as unknown as nnx.LoadOptions)).toThrow(KilnError);
    expect(() => nnx.serializeCheckpoint(dst, { filtr: nnx.Param } as unknown as nnx.SaveOptions)).toThrow(/unknown key 'filtr'/);
    expect(() => nnx.serializeCheckpoint(dst, { metadata: "v1" } as unknown as nnx.SaveOptions)).toThrow("serializeCheckpoint: options.metadata must be an object of strings");
    expect(() => nnx.serializeCheckpoint(dst, { metadata: { v: 1 } } as unknown as nnx.SaveOptions)).toThrow('metadata "v" must be a string');
    expect(bits(dst)).toEqual(before);
  });

  it("loadTensors takes a map, so tensors from any source (another file, a hub) can be loaded", () => {
    const src = new Net(1);
    const dst = new Net(2);
    nnx.loadTensors(nnx.checkpointTensors(src), dst);
    expect(bits(dst)).toEqual(bits(src));
  });
});
