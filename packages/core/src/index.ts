export { Array, isArray, scalarArray, type NestedNumbers } from "./array.js";
export type { ArrayLike } from "./jnp/convert.js";
export { ShapedArray } from "./aval.js";
export {
  allDTypes, bool, castScalar, dtypeInfo, float32, int32, isDType, isFloat, isInteger, promoteTypes, uint32, weakTypeFor,
  type DType, type TypedArray,
} from "./dtype.js";
export { ArgumentError, DTypeError, KilnError, ShapeError, TraceError, argumentError } from "./errors.js";
export { describeValue, finiteNumber, optionsOf, quoteClipped } from "./arguments.js";
export { broadcastShapes, checkShape, formatShape, normalizeAxes, normalizeAxis, shapeEquals, sizeOf, stridesOf, MAX_ELEMENTS, type Shape } from "./shape.js";
export { VarFactory, isLiteral, isVar, maxVarId, type Atom, type Eqn, type Graph, type Literal, type Var } from "./ir/graph.js";
export { formatParam, nameOf, printGraph } from "./ir/print.js";
export { graphToDot } from "./ir/dot.js";
export { VerifyError, verifyGraph } from "./ir/verify.js";
export {
  allOps, binaryOps, compareOps, isBinaryOp, isCompareOp, isElementwiseOp, isReduceOp, isUnaryOp, reduceOps, unaryOps,
  type BinaryOp, type CompareOp, type OpName, type OpParams, type ReduceOp, type UnaryOp,
} from "./ops/op-names.js";
export { shapeRules, type ShapeRule } from "./ops/shape-rules.js";
export { eagerKernels, type EagerKernel } from "./ops/eager-kernels.js";
export * as scalarFns from "./ops/scalar-fns.js";
export { GraphTrace, bind, bind1, currentTrace, evalGraph, evalGraphEnv, readAtom, withNewTrace } from "./trace.js";
export { FloatingPointError, checkFinite, config, firstNonFinite } from "./config.js";
export { ClosedGraph, makeGraph, traceFlat, type AbstractInput } from "./make-graph.js";
export { registerPytreeNode, treeFlatten, treeLeaves, treeMap, treeStructureEquals, treeUnflatten, type PytreeNodeType, type TreeDef } from "./pytree.js";
export * as lax from "./lax.js";
export * as jnp from "./jnp/index.js";
export * as nn from "./jnp/nn.js";
export * as numerics from "./numerics/index.js";
