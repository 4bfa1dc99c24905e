import { describe, expect, it } from "vitest";
import { ArgumentError, jnp, lax, makeGraph, ShapedArray, type Array } from "@kiln/core";
import { exportGraph } from "./export-graph.js";
import { formatF32 } from "./mlir-float.js";

// The text of every op on edge values is pinned and checked against MLIR and XLA by the golden
// cases (tests/stablehlo.test.ts); these snapshots pin the module structure on small graphs.

describe("exportGraph", () => {
  it("writes main with NumPy broadcasting made explicit and literals as constants", () => {
    const g = makeGraph((x: Array, b: Array) => jnp.multiply(lax.tanh(lax.add(x, b)), 2))(new ShapedArray([2, 3], "float32"), new ShapedArray([3], "float32"));
    expect(exportGraph(g, { name: "jit_layer" }).text).toMatchInlineSnapshot(`
      "module @jit_layer attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
        func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<3xf32>) -> tensor<2x3xf32> {
          %0 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
          %1 = stablehlo.add %arg0, %0 : tensor<2x3xf32>
          %2 = stablehlo.tanh %1 : tensor<2x3xf32>
          %cst = stablehlo.constant dense<2.000000e+00> : tensor<2x3xf32>
          %3 = stablehlo.multiply %2, %cst : tensor<2x3xf32>
          return %3 : tensor<2x3xf32>
        }
      }
      "
    `);
  });

  it("writes captured arrays as constants: a splat, a nested list, and hex above 100 elements", () => {
    const ones = jnp.ones([2, 2]);
    const small = jnp.array([[1.5, -2], [0.25, 3]], "float32");
    const big = jnp.arange(101, undefined, undefined, "int32");
    const g = makeGraph((x: Array) => [lax.add(x, ones), lax.mul(x, small), lax.reduceSum(big, [0])])(new ShapedArray([2, 2], "float32"));
    expect(exportGraph(g).text).toMatchInlineSnapshot(`
      "module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
        func.func public @main(%arg0: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<i32>) {
          %cst = stablehlo.constant dense<1.000000e+00> : tensor<2x2xf32>
          %cst_0 = stablehlo.constant dense<[[1.500000e+00, -2.000000e+00], [2.500000e-01, 3.000000e+00]]> : tensor<2x2xf32>
          %c = stablehlo.constant dense<"0x000000000100000002000000030000000400000005000000060000000700000008000000090000000A0000000B0000000C0000000D0000000E0000000F000000100000001100000012000000130000001400000015000000160000001700000018000000190000001A0000001B0000001C0000001D0000001E0000001F000000200000002100000022000000230000002400000025000000260000002700000028000000290000002A0000002B0000002C0000002D0000002E0000002F000000300000003100000032000000330000003400000035000000360000003700000038000000390000003A0000003B0000003C0000003D0000003E0000003F000000400000004100000042000000430000004400000045000000460000004700000048000000490000004A0000004B0000004C0000004D0000004E0000004F000000500000005100000052000000530000005400000055000000560000005700000058000000590000005A0000005B0000005C0000005D0000005E0000005F0000006000000061000000620000006300000064000000"> : tensor<101xi32>
          %0 = stablehlo.add %arg0, %cst : tensor<2x2xf32>
          %1 = stablehlo.multiply %arg0, %cst_0 : tensor<2x2xf32>
          %c_1 = stablehlo.constant dense<0> : tensor<i32>
          %2 = stablehlo.reduce(%c init: %c_1) applies stablehlo.add across dimensions = [0] : (tensor<101xi32>, tensor<i32>) -> tensor<i32>
          return %0, %1, %2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<i32>
        }
      }
      "
    `);
  });

  it("returns inputs and literals as they are, and several outputs", () => {
    const g = makeGraph((x: Array) => [x, 3, lax.neg(x)])(new ShapedArray([2], "int32"));
    expect(exportGraph(g).text).toMatchInlineSnapshot(`
      "module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
        func.func public @main(%arg0: tensor<2xi32>) -> (tensor<2xi32>, tensor<i32>, tensor<2xi32>) {
          %0 = stablehlo.negate %arg0 : tensor<2xi32>
          %c = stablehlo.constant dense<3> : tensor<i32>
          return %arg0, %c, %0 : tensor<2xi32>, tensor<i32>, tensor<2xi32>
        }
      }
      "
    `);
  });

  it("makes the module name a symbol and writes dot_general's precision when asked", () => {
    const g = makeGraph((a: Array, b: Array) => jnp.matmul(a, b))(new ShapedArray([2, 3], "float32"), new ShapedArray([3, 4], "float32"));
    const m = exportGraph(g, { name: "3 my step!", precision: "HIGHEST" });
    expect(m.name).toBe("_3_my_step_");
    expect(m.text).toContain("module @_3_my_step_ attributes");
    expect(m.text).toContain("contracting_dims = [1] x [0], precision = [HIGHEST, HIGHEST] :");
  });

  it("describes the signature with paths and updates for the manifest", () => {
    const g = makeGraph((w: Array, x: Array) => [lax.reduceSum(x, [0, 1]), lax.sub(w, x)])(new ShapedArray([2, 2], "float32"), new ShapedArray([2, 2], "float32"));
    const m = exportGraph(g, { inputPaths: ["w", "x"], outputPaths: ["loss", "w"], updates: new Map([[1, 0]]), variables: new Map([[0, "Param"]]) });
    expect(m.toJSON()).toEqual({
      format: "kiln-stablehlo", version: 1, module: "jit_fn",
      inputs: [{ path: "w", shape: [2, 2], dtype: "float32", variable: "Param" }, { path: "x", shape: [2, 2], dtype: "float32" }],
      outputs: [{ path: "loss", shape: [], dtype: "float32" }, { path: "w", shape: [2, 2], dtype: "float32", updates: 0 }],
    });
    expect(exportGraph(g).inputs.map((s) => s.path)).toEqual(["args[0]", "args[1]"]);
    expect(String(m)).toBe(m.text);
  });

  it("rejects bad options with one line naming the option", () => {
    const g = makeGraph((x: Array) => lax.neg(x))(new ShapedArray([2], "float32"));
    const bad: [object, RegExp][] = [
      [{ precision: "FAST" }, /exportGraph: argument 'precision' must be one of DEFAULT, HIGH, HIGHEST, got FAST/],
      [{ inputPaths: ["a", "b"] }, /exportGraph: argument 'inputPaths' has 2 paths for 1 inputs/],
      [{ updates: new Map([[0, 3]]) }, /exportGraph: argument 'updates' output 0 cannot update input 3/],
      [{ name: "" }, /exportGraph: argument 'name' must be a non-empty string/],
      [{ variables: new Map([[1, "Param"]]) }, /exportGraph: argument 'variables' input 1 cannot be a variable of type Param/],
      [{ nmae: "x" }, /nmae/],
    ];
    for (const [options, message] of bad) expect(() => exportGraph(g, options)).toThrow(message);
    expect(() => exportGraph(g, { precision: "FAST" } as never)).toThrow(ArgumentError);
  });
});

describe("formatF32 (MLIR's float printing; tests/stablehlo.test.ts checks 1630 values against MLIR)", () => {
  it("uses 6 digits when they read back, up to 9 otherwise, and hex when there is no decimal point", () => {
    const cases: [number, string][] = [
      [1, "1.000000e+00"], [-0, "-0.000000e+00"], [0.1, "1.000000e-01"], [Math.PI, "3.14159274"], [0.99999994, "0.99999994"],
      [3.4028234663852886e38, "3.40282347E+38"], [9.99999901978299e-5, "9.99999901E-5"], [8388607.5, "8388607.5"],
      [16777216, "0x4B800000"], [Infinity, "0x7F800000"], [-Infinity, "0xFF800000"], [NaN, "0x7FC00000"], [1e-45, "1.401300e-45"],
    ];
    for (const [x, text] of cases) expect(formatF32(Math.fround(x))).toBe(text);
  });
});
