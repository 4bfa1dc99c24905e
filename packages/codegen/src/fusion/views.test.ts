import { describe, expect, it } from "vitest";
import { broadcastView, isContiguous, reshapeStrides, type View } from "./views.js";

describe("views", () => {
  it("reshape without copying, as NumPy: split and merge contiguous axes, add or drop unit axes", () => {
    expect(reshapeStrides([2, 3, 4], [12, 4, 1], [6, 4])).toEqual([4, 1]);
    expect(reshapeStrides([24], [1], [2, 3, 4])).toEqual([12, 4, 1]);
    expect(reshapeStrides([3, 4], [1, 3], [3, 1, 4])).toEqual([1, 0, 3]); // a transposed view keeps its strides
    expect(reshapeStrides([3, 4], [1, 3], [12])).toBeNull(); // a transpose cannot be flattened in place
    expect(reshapeStrides([4, 3], [0, 1], [2, 2, 3])).toEqual([0, 0, 1]); // broadcast axes split
    expect(reshapeStrides([5, 1], [1, 0], [5])).toEqual([1]);
  });

  it("NumPy broadcasting gives stride 0 to new and size-1 axes", () => {
    const v: View = { source: { kind: "literal", value: 1, dtype: "float32" }, shape: [3, 1], offset: 2, strides: [1, 7] };
    expect(broadcastView(v, [2, 3, 4]).strides).toEqual([0, 1, 0]);
  });

  it("contiguity ignores size-1 axes", () => {
    const v = { kind: "var", id: 0, aval: { size: 6 } } as unknown as Extract<View["source"], { kind: "var" }>["v"];
    expect(isContiguous({ source: { kind: "var", v }, shape: [2, 1, 3], offset: 0, strides: [3, 99, 1] })).toBe(true);
    expect(isContiguous({ source: { kind: "var", v }, shape: [3, 2], offset: 0, strides: [1, 3] })).toBe(false);
  });
});
