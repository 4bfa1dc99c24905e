import type { Eqn } from "@kiln/core";
import type { KernelOp } from "../fusion/op-class.js";
import type { JsContext } from "./context.js";
import type { Stmt } from "./estree.js";
import { emitArgExtreme } from "./kernel-argextreme.js";
import { emitScatterAdd, emitTake } from "./kernel-gather.js";
import { emitRandomBits, emitRandomFoldIn, emitRandomSplit } from "./kernel-random.js";
import { emitConcatenate, emitPad } from "./kernel-structural.js";

/** An op with its own specialized loops. */
export type OpRule<P extends KernelOp> = (ctx: JsContext, e: Eqn<P>) => Stmt[];

/** The JavaScript kernel of every op that fusion gives a kernel of its own. A missing entry is a type error. */
export const opRules: { readonly [P in KernelOp]: OpRule<P> } = {
  argmax: (ctx, e) => emitArgExtreme(ctx, e, true),
  argmin: (ctx, e) => emitArgExtreme(ctx, e, false),
  concatenate: emitConcatenate,
  pad: emitPad,
  take: emitTake,
  scatter_add: emitScatterAdd,
  random_bits: emitRandomBits,
  random_split: emitRandomSplit,
  random_fold_in: emitRandomFoldIn,
};
