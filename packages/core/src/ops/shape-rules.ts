import { ShapedArray } from "../aval.js";
import { allDTypes, dtypeInfo, isDType, isFloat, type DType } from "../dtype.js";
import { DTypeError, ShapeError } from "../errors.js";
import { broadcastShapes, checkShape, formatShape, shapeEquals, sizeOf } from "../shape.js";
import { binaryFn, unaryFn } from "./scalar-fns.js";
import { binaryOps, compareOps, reduceOps, unaryOps, type OpName, type OpParams } from "./op-names.js";

/** Computes the output avals of an op from its input avals; throws an error naming the op. */
export type ShapeRule<P extends OpName> = (inputs: readonly ShapedArray[], params: OpParams[P]) => ShapedArray[];

const av = (shape: readonly number[], dtype: DType) => new ShapedArray(shape, dtype);

function arity(op: string, inputs: readonly ShapedArray[], n: number): void {
  if (inputs.length !== n) throw new ShapeError(`${op}: expected ${n} operands, got ${inputs.length}`);
}

/**
 * Params are checked as data too (lax functions take them as they are): a list of `n` integers
 * (each >= min), or a known dtype. Besides clear errors, this keeps anything but integers and
 * dtype names out of the graph, and so out of generated code.
 */
function intsParam(op: string, name: string, v: unknown, n: number, min = -Infinity): readonly number[] {
  if (!globalThis.Array.isArray(v) || v.length !== n || v.some((x) => !Number.isInteger(x) || x < min)) {
    const got = globalThis.Array.isArray(v) ? `[${v.map((x) => (typeof x === "string" ? JSON.stringify(x) : String(x))).join(", ")}]` : String(v);
    throw new ShapeError(`${op}: ${name} must be ${n} integer${n === 1 ? "" : "s"}${min > -Infinity ? ` >= ${min}` : ""}, got ${got}`);
  }
  return v as readonly number[];
}

function dtypeParam(op: string, name: string, v: unknown, allowed: readonly DType[] = allDTypes): DType {
  if (!isDType(v) || !allowed.includes(v)) throw new DTypeError(`${op}: ${name} must be one of ${allowed.join(", ")}, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
  return v;
}

function sameDType(op: string, inputs: readonly ShapedArray[]): DType {
  const d = inputs[0]!.dtype;
  inputs.forEach((a, i) => {
    if (a.dtype !== d) {
      throw new DTypeError(`${op}: operand ${i} has dtype ${a.dtype} but operand 0 has ${d} (${inputs.map(String).join(", ")})`);
    }
  });
  return d;
}

const unaryRule = (op: (typeof unaryOps)[number]): ShapeRule<typeof op> => (inputs) => {
  arity(op, inputs, 1);
  const x = inputs[0]!;
  if (!unaryFn(op, x.dtype)) throw new DTypeError(`${op}: does not support dtype ${x.dtype} (operand ${x})`);
  return [x];
};

const binaryRule = (op: (typeof binaryOps)[number]): ShapeRule<typeof op> => (inputs) => {
  arity(op, inputs, 2);
  const d = sameDType(op, inputs);
  if (!binaryFn(op, d)) throw new DTypeError(`${op}: does not support dtype ${d} (operands ${inputs.join(", ")})`);
  // the common case, equal avals, reuses the operand's (immutable) aval
  if (shapeEquals(inputs[0]!.shape, inputs[1]!.shape)) return [inputs[0]!];
  return [av(broadcastShapes(op, inputs[0]!.shape, inputs[1]!.shape), d)];
};

const compareRule = (op: (typeof compareOps)[number]): ShapeRule<typeof op> => (inputs) => {
  arity(op, inputs, 2);
  sameDType(op, inputs);
  return [av(broadcastShapes(op, inputs[0]!.shape, inputs[1]!.shape), "bool")];
};

function checkAxes(op: string, axes: readonly number[], ndim: number): void {
  for (const a of axes) {
    if (!Number.isInteger(a) || a < 0 || a >= ndim) throw new ShapeError(`${op}: axis ${a} is out of range for rank ${ndim}`);
  }
}

const reduceRule = (op: (typeof reduceOps)[number]): ShapeRule<typeof op> => (inputs, { axes }) => {
  arity(op, inputs, 1);
  const x = inputs[0]!;
  checkAxes(op, axes, x.ndim);
  if (x.dtype === "bool" && op === "reduce_sum") throw new DTypeError(`${op}: does not support dtype bool`);
  if (op !== "reduce_sum" && x.size === 0 && axes.some((a) => x.shape[a] === 0)) {
    throw new ShapeError(`${op}: zero-size array ${x} has no identity to reduce over`);
  }
  return [av(x.shape.filter((_, i) => !axes.includes(i)), x.dtype)];
};

const argRule = (op: "argmax" | "argmin"): ShapeRule<typeof op> => (inputs, { axis, indexDtype }) => {
  arity(op, inputs, 1);
  dtypeParam(op, "indexDtype", indexDtype, ["int32", "uint32"]);
  const x = inputs[0]!;
  checkAxes(op, [axis], x.ndim);
  if (x.shape[axis] === 0) throw new ShapeError(`${op}: cannot take ${op} of an empty axis of ${x}`);
  return [av(x.shape.filter((_, i) => i !== axis), indexDtype)];
};

function tableOf<K extends OpName>(names: readonly K[], make: (op: K) => ShapeRule<K>): { [P in K]: ShapeRule<P> } {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as unknown as { [P in K]: ShapeRule<P> };
}

function dotGeneral(inputs: readonly ShapedArray[], p: OpParams["dot_general"]): ShapedArray[] {
  arity("dot_general", inputs, 2);
  const [l, r] = inputs as [ShapedArray, ShapedArray];
  const d = sameDType("dot_general", inputs);
  if (d === "bool") throw new DTypeError(`dot_general: does not support dtype bool`);
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  checkAxes("dot_general (lhs)", [...lc, ...lb], l.ndim);
  checkAxes("dot_general (rhs)", [...rc, ...rb], r.ndim);
  if (lc.length !== rc.length || lb.length !== rb.length) throw new ShapeError(`dot_general: dimension numbers differ in length`);
  lc.forEach((a, i) => {
    if (l.shape[a] !== r.shape[rc[i]!]) {
      throw new ShapeError(`dot_general: contracting dimension ${a} of lhs ${l} (size ${l.shape[a]}) does not match dimension ${rc[i]} of rhs ${r} (size ${r.shape[rc[i]!]})`);
    }
  });
  lb.forEach((a, i) => {
    if (l.shape[a] !== r.shape[rb[i]!]) throw new ShapeError(`dot_general: batch dimension ${a} of lhs ${l} does not match dimension ${rb[i]} of rhs ${r}`);
  });
  const lFree = l.shape.filter((_, i) => !lc.includes(i) && !lb.includes(i));
  const rFree = r.shape.filter((_, i) => !rc.includes(i) && !rb.includes(i));
  return [av([...lb.map((a) => l.shape[a]!), ...lFree, ...rFree], d)];
}

export const shapeRules: { readonly [P in OpName]: ShapeRule<P> } = {
  ...tableOf(unaryOps, unaryRule),
  ...tableOf(binaryOps, binaryRule),
  ...tableOf(compareOps, compareRule),
  ...tableOf(reduceOps, reduceRule),
  integer_pow: (inputs, { y }) => {
    arity("integer_pow", inputs, 1);
    if (!Number.isInteger(y)) throw new ShapeError(`integer_pow: exponent ${y} is not an integer`);
    if (inputs[0]!.dtype === "bool") throw new DTypeError(`integer_pow: does not support dtype bool`);
    return [inputs[0]!];
  },
  select_n: (inputs) => {
    arity("select_n", inputs, 3);
    const [p, a, b] = inputs as [ShapedArray, ShapedArray, ShapedArray];
    if (p.dtype !== "bool") throw new DTypeError(`select_n: predicate must be bool, got ${p}`);
    const d = sameDType("select_n", [a, b]);
    return [av(broadcastShapes("select_n", p.shape, a.shape, b.shape), d)];
  },
  fma: (inputs) => {
    arity("fma", inputs, 3);
    const d = sameDType("fma", inputs);
    if (d !== "float32") throw new DTypeError(`fma: only float32 is supported, got ${d}`);
    return [av(broadcastShapes("fma", ...inputs.map((i) => i.shape)), d)];
  },
  convert_element_type: (inputs, { newDtype }) => {
    arity("convert_element_type", inputs, 1);
    return [av(inputs[0]!.shape, dtypeParam("convert_element_type", "newDtype", newDtype))];
  },
  bitcast_convert_type: (inputs, { newDtype }) => {
    arity("bitcast_convert_type", inputs, 1);
    dtypeParam("bitcast_convert_type", "newDtype", newDtype);
    const from = inputs[0]!.dtype;
    if (dtypeInfo[from].bytes !== 4 || dtypeInfo[newDtype].bytes !== 4) {
      throw new DTypeError(`bitcast_convert_type: ${from} -> ${newDtype} is not between 32-bit dtypes`);
    }
    return [av(inputs[0]!.shape, newDtype)];
  },
  argmax: argRule("argmax"),
  argmin: argRule("argmin"),
  dot_general: dotGeneral,
  reshape: (inputs, { newSizes }) => {
    arity("reshape", inputs, 1);
    const x = inputs[0]!;
    checkShape("reshape", "newSizes", [...newSizes]);
    if (sizeOf(newSizes) !== x.size) throw new ShapeError(`reshape: cannot reshape ${x} (size ${x.size}) into shape ${formatShape(newSizes)}`);
    return [av(newSizes, x.dtype)];
  },
  transpose: (inputs, { permutation }) => {
    arity("transpose", inputs, 1);
    const x = inputs[0]!;
    const sorted = [...permutation].sort((a, b) => a - b);
    if (sorted.length !== x.ndim || sorted.some((a, i) => a !== i)) {
      throw new ShapeError(`transpose: permutation [${permutation.join(", ")}] is not a permutation of the ${x.ndim} axes of ${x}`);
    }
    return [av(permutation.map((a) => x.shape[a]!), x.dtype)];
  },
  broadcast_in_dim: (inputs, { shape, broadcastDimensions }) => {
    arity("broadcast_in_dim", inputs, 1);
    const x = inputs[0]!;
    if (!globalThis.Array.isArray(broadcastDimensions) || broadcastDimensions.length !== x.ndim) {
      throw new ShapeError(`broadcast_in_dim: ${x} needs ${x.ndim} broadcast dimensions, got ${globalThis.Array.isArray(broadcastDimensions) ? broadcastDimensions.length : String(broadcastDimensions)}`);
    }
    intsParam("broadcast_in_dim", "broadcastDimensions", broadcastDimensions, x.ndim, 0);
    checkShape("broadcast_in_dim", "shape", shape);
    broadcastDimensions.forEach((d, i) => {
      const s = x.shape[i]!;
      if (!(d >= 0 && d < shape.length) || (s !== 1 && s !== shape[d])) {
        throw new ShapeError(`broadcast_in_dim: cannot broadcast ${x} to shape ${formatShape(shape)} (operand axis ${i} -> ${d})`);
      }
      if (i > 0 && d <= broadcastDimensions[i - 1]!) throw new ShapeError(`broadcast_in_dim: broadcast dimensions must increase`);
    });
    return [av(shape, x.dtype)];
  },
  squeeze: (inputs, { dimensions }) => {
    arity("squeeze", inputs, 1);
    const x = inputs[0]!;
    checkAxes("squeeze", dimensions, x.ndim);
    for (const d of dimensions) if (x.shape[d] !== 1) throw new ShapeError(`squeeze: axis ${d} of ${x} has size ${x.shape[d]}, not 1`);
    return [av(x.shape.filter((_, i) => !dimensions.includes(i)), x.dtype)];
  },
  concatenate: (inputs, { dimension }) => {
    if (inputs.length === 0) throw new ShapeError(`concatenate: needs at least one operand`);
    const d = sameDType("concatenate", inputs);
    const first = inputs[0]!;
    checkAxes("concatenate", [dimension], first.ndim);
    let total = 0;
    inputs.forEach((x, k) => {
      if (x.ndim !== first.ndim || x.shape.some((s, i) => i !== dimension && s !== first.shape[i])) {
        throw new ShapeError(`concatenate: operand ${k} ${x} does not match operand 0 ${first} outside axis ${dimension}`);
      }
      total += x.shape[dimension]!;
    });
    return [av(first.shape.map((s, i) => (i === dimension ? total : s)), d)];
  },
  slice: (inputs, { startIndices, limitIndices, strides }) => {
    arity("slice", inputs, 1);
    const x = inputs[0]!;
    intsParam("slice", `startIndices for ${x}`, startIndices, x.ndim);
    intsParam("slice", `limitIndices for ${x}`, limitIndices, x.ndim);
    intsParam("slice", `strides for ${x}`, strides, x.ndim, 1);
    const shape = x.shape.map((s, i) => {
      const a = startIndices[i]!, b = limitIndices[i]!, st = strides[i]!;
      if (!(0 <= a && a <= b && b <= s && st >= 1)) throw new ShapeError(`slice: [${a}:${b}:${st}] is out of bounds for axis ${i} of ${x}`);
      return Math.ceil((b - a) / st);
    });
    return [av(shape, x.dtype)];
  },
  pad: (inputs, { lo, hi, interior }) => {
    arity("pad", inputs, 2);
    const [x, v] = inputs as [ShapedArray, ShapedArray];
    sameDType("pad", inputs);
    if (v.ndim !== 0) throw new ShapeError(`pad: padding value must be a scalar, got ${v}`);
    intsParam("pad", `lo for ${x}`, lo, x.ndim);
    intsParam("pad", `hi for ${x}`, hi, x.ndim);
    intsParam("pad", `interior for ${x}`, interior, x.ndim, 0);
    const shape = x.shape.map((s, i) => lo[i]! + hi[i]! + s + Math.max(0, s - 1) * interior[i]!);
    if (shape.some((s) => s < 0)) throw new ShapeError(`pad: padding gives a negative size for ${x}`);
    return [av(checkShape("pad", "result shape", shape), x.dtype)];
  },
  iota: (inputs, { dtype, shape, dimension }) => {
    arity("iota", inputs, 0);
    dtypeParam("iota", "dtype", dtype);
    checkShape("iota", "shape", [...shape]);
    checkAxes("iota", [dimension], shape.length);
    return [av(shape, dtype)];
  },
  take: (inputs, { axis }) => {
    arity("take", inputs, 2);
    const [x, idx] = inputs as [ShapedArray, ShapedArray];
    checkAxes("take", [axis], x.ndim);
    if (idx.dtype !== "int32" && idx.dtype !== "uint32") throw new DTypeError(`take: indices must be integers, got ${idx}`);
    return [av([...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], x.dtype)];
  },
  scatter_add: (inputs, { axis, shape }) => {
    arity("scatter_add", inputs, 2);
    const [u, idx] = inputs as [ShapedArray, ShapedArray];
    checkShape("scatter_add", "shape", shape);
    checkAxes("scatter_add", [axis], shape.length);
    const expect = [...shape.slice(0, axis), ...idx.shape, ...shape.slice(axis + 1)];
    if (expect.length !== u.ndim || expect.some((s, i) => s !== u.shape[i])) {
      throw new ShapeError(`scatter_add: updates ${u} do not match indices ${idx} into shape ${formatShape(shape)}`);
    }
    if (!isFloat(u.dtype) && u.dtype !== "int32") throw new DTypeError(`scatter_add: does not support ${u.dtype}`);
    return [av(shape, u.dtype)];
  },
  random_bits: (inputs, { shape }) => {
    arity("random_bits", inputs, 1);
    checkKey("random_bits", inputs[0]!);
    checkShape("random_bits", "shape", [...shape]);
    return [av(shape, "uint32")];
  },
  random_split: (inputs, { num }) => {
    arity("random_split", inputs, 1);
    checkKey("random_split", inputs[0]!);
    intsParam("random_split", "num", [num], 1, 1);
    return [av(checkShape("random_split", "num", [num, 2]), "uint32")];
  },
  random_fold_in: (inputs) => {
    arity("random_fold_in", inputs, 2);
    checkKey("random_fold_in", inputs[0]!);
    if (inputs[1]!.ndim !== 0 || inputs[1]!.dtype !== "uint32") throw new DTypeError(`random_fold_in: data must be a u32 scalar, got ${inputs[1]}`);
    return [av([2], "uint32")];
  },
};

function checkKey(op: string, key: ShapedArray): void {
  if (key.dtype !== "uint32" || key.ndim !== 1 || key.shape[0] !== 2) {
    throw new DTypeError(`${op}: key must be u32[2] (threefry key data), got ${key}`);
  }
}
