import { ShapedArray, type DType, type ReduceOp } from "@kiln/core";
import { highest, lowest } from "../builder.js";
import type { LoweringRule } from "../lowering.js";
import { typeOf } from "../mlir-types.js";

/** The combining op and identity of each reduction; bool max/min are or/and. */
function reducer(op: ReduceOp, dtype: DType): { body: string; init: number } {
  switch (op) {
    case "reduce_sum": return { body: "stablehlo.add", init: 0 };
    case "reduce_max": return { body: dtype === "bool" ? "stablehlo.or" : "stablehlo.maximum", init: lowest(dtype) };
    case "reduce_min": return { body: dtype === "bool" ? "stablehlo.and" : "stablehlo.minimum", init: highest(dtype) };
  }
}

const reduction = (op: ReduceOp): LoweringRule<ReduceOp> => (b, [x], { axes }) => {
  const v = x!.value();
  if (axes.length === 0) return [v];
  const { body, init } = reducer(op, v.aval.dtype);
  return [b.reduce(v, b.splat(init, [], v.aval.dtype), body, [...axes].sort((p, q) => p - q))];
};

/**
 * argmax/argmin as JAX lowers them: a variadic reduce over (value, index) pairs. The reducer
 * keeps the larger (smaller) value, a NaN counting as the extreme, and on ties the lower index.
 */
function argExtreme(isMax: boolean): LoweringRule<"argmax" | "argmin"> {
  return (b, [x], { axis, indexDtype }, [out]) => {
    const v = x!.value();
    const dtype = v.aval.dtype;
    const index = b.iota(v.aval.shape, indexDtype, axis);
    const initValue = b.splat(isMax ? lowest(dtype) : highest(dtype), [], dtype);
    const initIndex = b.splat(0, [], indexDtype);
    const scalar = new ShapedArray([], dtype);
    const scalarIndex = new ShapedArray([], indexDtype);
    const [r, [accValue, accIndex, curValue, curIndex]] = b.region([scalar, scalarIndex, scalar, scalarIndex]);
    let pick = r.compare(isMax ? "GT" : "LT", accValue!, curValue!);
    if (dtype === "float32") pick = r.elementwise("stablehlo.or", [pick, r.compare("NE", accValue!, accValue!)]);
    const tie = r.elementwise("stablehlo.and", [r.compare("EQ", accValue!, curValue!), r.compare("LT", accIndex!, curIndex!)]);
    const pickIndex = r.elementwise("stablehlo.or", [pick, tie]);
    r.regionReturn([r.select(pick, accValue!, curValue!), r.select(pickIndex, accIndex!, curIndex!)]);
    const results = b.emit([new ShapedArray(out!.shape, dtype), out!], (p) => {
      const head = `stablehlo.reduce(${p.name(v)} init: ${p.name(initValue)}), (${p.name(index)} init: ${p.name(initIndex)}) across dimensions = [${axis}]` +
        ` : (${p.types([v, index, initValue, initIndex])}) -> (${typeOf(new ShapedArray(out!.shape, dtype))}, ${typeOf(out!)})`;
      const args = ` reducer(${p.argDecl(accValue!)}, ${p.argDecl(curValue!)}) (${p.argDecl(accIndex!)}, ${p.argDecl(curIndex!)})  {`;
      return [head, args, ...p.blockLines(r.block), "}"].join("\n");
    }, { regions: [r.block] });
    return [results[1]!];
  };
}

export const reductionRules = {
  reduce_sum: reduction("reduce_sum"),
  reduce_max: reduction("reduce_max"),
  reduce_min: reduction("reduce_min"),
  argmax: argExtreme(true),
  argmin: argExtreme(false),
} satisfies { [P in ReduceOp | "argmax" | "argmin"]: LoweringRule<P> };
