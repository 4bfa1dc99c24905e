import type { LoweringRule } from "../lowering.js";
import { intList, typeOf } from "../mlir-types.js";

/** Ops that move or shape data: each is one StableHLO op with the same meaning. */
export const structuralRules = {
  dot_general: (b, [x, y], { contracting, batch }, [out]) => {
    const [l, r] = [x!.value(), y!.value()];
    const precision = b.module.options.precision;
    const parts = [
      ...(batch[0].length > 0 ? [`batching_dims = ${intList(batch[0])} x ${intList(batch[1])}`] : []),
      `contracting_dims = ${intList(contracting[0])} x ${intList(contracting[1])}`,
      ...(precision !== "DEFAULT" ? [`precision = [${precision}, ${precision}]`] : []),
    ];
    return [b.emit1(out!, (p) => `stablehlo.dot_general ${p.list([l, r])}, ${parts.join(", ")} : (${p.types([l, r])}) -> ${typeOf(out!)}`)];
  },
  reshape: (b, [x], { newSizes }) => [b.reshape(x!.value(), newSizes)],
  squeeze: (b, [x], _p, [out]) => [b.reshape(x!.value(), out!.shape)],
  transpose: (b, [x], { permutation }, [out]) => {
    const v = x!.value();
    return [b.emit1(out!, (p) => `stablehlo.transpose ${p.name(v)}, dims = ${intList(permutation)} : (${p.type(v)}) -> ${typeOf(out!)}`)];
  },
  broadcast_in_dim: (b, [x], { shape, broadcastDimensions }) => [b.broadcastInDim(x!.value(), shape, broadcastDimensions)],
  concatenate: (b, xs, { dimension }) => [b.concatenate(xs.map((x) => x.value()), dimension)],
  slice: (b, [x], { startIndices, limitIndices, strides }) => [b.slice(x!.value(), startIndices, limitIndices, strides)],
  pad: (b, [x, value], { lo, hi, interior }, [out]) => {
    const [v, padding] = [x!.value(), value!.value()];
    return [b.emit1(out!, (p) => `stablehlo.pad ${p.list([v, padding])}, low = ${intList(lo)}, high = ${intList(hi)}, interior = ${intList(interior)} : (${p.types([v, padding])}) -> ${typeOf(out!)}`)];
  },
  // a bool iota holds index != 0 (kiln casts each index to the dtype)
  iota: (b, _args, { dtype, shape, dimension }) => {
    if (dtype !== "bool") return [b.iota(shape, dtype, dimension)];
    const index = b.iota(shape, "int32", dimension);
    return [b.compare("NE", index, b.splat(0, shape, "int32"))];
  },
} satisfies { [P in "dot_general" | "reshape" | "squeeze" | "transpose" | "broadcast_in_dim" | "concatenate" | "slice" | "pad" | "iota"]: LoweringRule<P> };
