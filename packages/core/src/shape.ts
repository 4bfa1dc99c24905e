import { ShapeError, argumentError } from "./errors.js";

export type Shape = readonly number[];

/** Largest element count kiln will allocate (typed arrays are limited to 2^31-1 bytes on V8 anyway). */
export const MAX_ELEMENTS = 2 ** 30;

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!; // indexed: no iterator on the per-call path
  return n;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function shapeEquals(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}

/** Checks that `shape` is a list of non-negative integers whose size can be allocated. */
export function checkShape(fn: string, arg: string, shape: unknown): Shape {
  if (!Array.isArray(shape)) throw argumentError(fn, arg, `must be an array of integers, got ${typeof shape}`);
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      const shown = shape.map((v: unknown) => (typeof v === "number" ? String(v) : typeof v === "string" ? JSON.stringify(v) : String(v)));
      throw argumentError(fn, arg, `must hold non-negative integers, got [${shown.join(", ")}]`);
    }
  }
  const size = sizeOf(shape as number[]);
  if (size > MAX_ELEMENTS) {
    throw argumentError(fn, arg, `[${shape.join(", ")}] has ${size} elements, more than the ${MAX_ELEMENTS} kiln can allocate`);
  }
  return shape as number[];
}

/** NumPy broadcasting of several shapes; the error names the op and every shape. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i]!;
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        throw new ShapeError(
          `${op}: shapes ${shapes.map(formatShape).join(" and ")} cannot be broadcast together (axis ${j - ndim}: ${out[j]} vs ${d})`,
        );
      }
    }
  }
  return out;
}

/** Normalises a possibly negative axis; the error names the op and the argument. */
export function normalizeAxis(op: string, axis: number, ndim: number, arg = "axis"): number {
  if (!Number.isInteger(axis)) throw argumentError(op, arg, `must be an integer, got ${typeof axis === "number" ? axis : JSON.stringify(axis)}`);
  if (axis < -ndim || axis >= ndim) {
    throw argumentError(op, arg, `${axis} is out of range for an array of rank ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Normalises an axis argument (undefined = all axes) into a sorted unique list. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined | null, ndim: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, ndim));
  if (new Set(out).size !== out.length) throw argumentError(op, "axis", `repeats an axis: [${list.join(", ")}]`);
  return out.sort((a, b) => a - b);
}
