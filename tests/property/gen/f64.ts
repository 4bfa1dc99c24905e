/**
 * A tiny float64 n-d array interpreter, written independently of kiln (plain index arithmetic,
 * no shared code), to compute reference values and finite differences for the gradient property.
 */
export interface Nd {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function nd(shape: readonly number[], data: ArrayLike<number>): Nd {
  if (data.length !== sizeOf(shape)) throw new Error(`f64: ${data.length} values for shape [${shape}]`);
  return { shape: [...shape], data: Float64Array.from(data) };
}

function stridesOf(shape: readonly number[]): number[] {
  const s = new globalThis.Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new globalThis.Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d]!;
    i = Math.floor(i / shape[d]!);
  }
  return idx;
}

const offset = (idx: readonly number[], strides: readonly number[]) => idx.reduce((acc, v, d) => acc + v * strides[d]!, 0);

/** out[i] = f(i as a multi-index). */
function build(shape: readonly number[], f: (idx: number[]) => number): Nd {
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = f(unravel(i, shape));
  return { shape: [...shape], data };
}

export const map = (x: Nd, f: (v: number) => number): Nd => ({ shape: x.shape, data: x.data.map(f) });

export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const n = Math.max(0, ...shapes.map((s) => s.length));
  return globalThis.Array.from({ length: n }, (_, i) => {
    const dims = shapes.map((s) => s[s.length - n + i] ?? 1).filter((d) => d !== 1);
    return dims.length === 0 ? 1 : dims[0]!; // NumPy: a size-1 axis stretches to the other size, including 0
  });
}

/** NumPy broadcasting: trailing axes aligned, size-1 axes stretched. */
export function broadcastTo(x: Nd, shape: readonly number[]): Nd {
  const lead = shape.length - x.shape.length;
  const st = stridesOf(x.shape);
  return build(shape, (idx) => x.data[x.shape.reduce((acc, d, k) => acc + (d === 1 ? 0 : idx[k + lead]!) * st[k]!, 0)]!);
}

export function zip(xs: readonly Nd[], f: (...v: number[]) => number): Nd {
  const shape = broadcastShapes(...xs.map((x) => x.shape));
  const bs = xs.map((x) => broadcastTo(x, shape));
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = f(...bs.map((b) => b.data[i]!));
  return { shape, data };
}

/** Reduces `axes` with `f` over the values of each output element (keepdims keeps them as 1). */
export function reduce(x: Nd, axes: readonly number[], keepdims: boolean, f: (vals: number[]) => number): Nd {
  const outShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const groups = globalThis.Array.from({ length: sizeOf(outShape) }, () => [] as number[]);
  const ost = stridesOf(outShape);
  for (let i = 0; i < x.data.length; i++) {
    const idx = unravel(i, x.shape).map((v, d) => (axes.includes(d) ? 0 : v));
    groups[offset(idx, ost)]!.push(x.data[i]!);
  }
  const data = Float64Array.from(groups, f);
  return { shape: keepdims ? outShape : x.shape.filter((_, i) => !axes.includes(i)), data };
}

export const sumOf = (vals: readonly number[]) => vals.reduce((a, b) => a + b, 0);

export function transpose(x: Nd, perm: readonly number[]): Nd {
  const st = stridesOf(x.shape);
  return build(perm.map((p) => x.shape[p]!), (idx) => x.data[perm.reduce((acc, p, k) => acc + idx[k]! * st[p]!, 0)]!);
}

export const reshape = (x: Nd, shape: readonly number[]): Nd => nd(shape, x.data);

export function broadcastInDim(x: Nd, shape: readonly number[], dims: readonly number[]): Nd {
  const st = stridesOf(x.shape);
  return build(shape, (idx) => x.data[dims.reduce((acc, d, k) => acc + (x.shape[k] === 1 ? 0 : idx[d]!) * st[k]!, 0)]!);
}

export function slice(x: Nd, start: readonly number[], limit: readonly number[], strides: readonly number[]): Nd {
  const st = stridesOf(x.shape);
  const shape = start.map((s, i) => Math.ceil((limit[i]! - s) / strides[i]!));
  return build(shape, (idx) => x.data[idx.reduce((acc, v, d) => acc + (start[d]! + v * strides[d]!) * st[d]!, 0)]!);
}

export function concat(xs: readonly Nd[], axis: number): Nd {
  const shape = xs[0]!.shape.map((d, i) => (i === axis ? sumOf(xs.map((x) => x.shape[axis]!)) : d));
  return build(shape, (idx) => {
    let k = idx[axis]!;
    for (const x of xs) {
      if (k < x.shape[axis]!) return x.data[offset(idx.map((v, d) => (d === axis ? k : v)), stridesOf(x.shape))]!;
      k -= x.shape[axis]!;
    }
    throw new Error("f64 concat: index out of range");
  });
}

/** lax.pad: lo/hi may be negative (cropping); interior inserts padding between elements. */
export function pad(x: Nd, value: number, lo: readonly number[], hi: readonly number[], interior: readonly number[]): Nd {
  const shape = x.shape.map((d, i) => lo[i]! + hi[i]! + d + Math.max(0, d - 1) * interior[i]!);
  const st = stridesOf(x.shape);
  return build(shape, (idx) => {
    let off = 0;
    for (let d = 0; d < idx.length; d++) {
      const rel = idx[d]! - lo[d]!;
      const step = interior[d]! + 1;
      if (rel < 0 || rel % step !== 0 || rel / step >= x.shape[d]!) return value;
      off += (rel / step) * st[d]!;
    }
    return x.data[off]!;
  });
}

export function take(x: Nd, indices: readonly number[], indexShape: readonly number[], axis: number): Nd {
  const shape = [...x.shape.slice(0, axis), ...indexShape, ...x.shape.slice(axis + 1)];
  const st = stridesOf(x.shape);
  const ist = stridesOf(indexShape);
  return build(shape, (idx) => {
    const which = indices[offset(idx.slice(axis, axis + indexShape.length), ist)]!;
    const src = [...idx.slice(0, axis), which, ...idx.slice(axis + indexShape.length)];
    return x.data[offset(src, st)]!;
  });
}

/** lax.dot_general: output axes are batch, then lhs free, then rhs free; sums over contracting axes. */
export function dotGeneral(x: Nd, y: Nd, contracting: readonly [readonly number[], readonly number[]], batch: readonly [readonly number[], readonly number[]]): Nd {
  const [lc, rc] = contracting;
  const [lb, rb] = batch;
  const lFree = x.shape.map((_, i) => i).filter((i) => !lc.includes(i) && !lb.includes(i));
  const rFree = y.shape.map((_, i) => i).filter((i) => !rc.includes(i) && !rb.includes(i));
  const shape = [...lb.map((a) => x.shape[a]!), ...lFree.map((a) => x.shape[a]!), ...rFree.map((a) => y.shape[a]!)];
  const kShape = lc.map((a) => x.shape[a]!);
  const [xs, ys] = [stridesOf(x.shape), stridesOf(y.shape)];
  return build(shape, (idx) => {
    const xi = new globalThis.Array<number>(x.shape.length).fill(0);
    const yi = new globalThis.Array<number>(y.shape.length).fill(0);
    lb.forEach((a, k) => (xi[a] = idx[k]!));
    rb.forEach((a, k) => (yi[a] = idx[k]!));
    lFree.forEach((a, k) => (xi[a] = idx[lb.length + k]!));
    rFree.forEach((a, k) => (yi[a] = idx[lb.length + lFree.length + k]!));
    let s = 0;
    for (let k = 0; k < sizeOf(kShape); k++) {
      const kk = unravel(k, kShape);
      lc.forEach((a, j) => (xi[a] = kk[j]!));
      rc.forEach((a, j) => (yi[a] = kk[j]!));
      s += x.data[offset(xi, xs)]! * y.data[offset(yi, ys)]!;
    }
    return s;
  });
}

/** NumPy matmul: 1-D operands promoted to matrices, batch axes broadcast. */
export function matmul(x: Nd, y: Nd): Nd {
  const a = x.shape.length === 1 ? reshape(x, [1, x.shape[0]!]) : x;
  const b = y.shape.length === 1 ? reshape(y, [y.shape[0]!, 1]) : y;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const ab = broadcastTo(a, [...batch, ...a.shape.slice(-2)]);
  const bb = broadcastTo(b, [...batch, ...b.shape.slice(-2)]);
  const bd = batch.map((_, i) => i);
  const out = dotGeneral(ab, bb, [[ab.shape.length - 1], [bb.shape.length - 2]], [bd, bd]);
  const shape = [...out.shape];
  if (y.shape.length === 1) shape.splice(shape.length - 1, 1);
  if (x.shape.length === 1) shape.splice(shape.length - (y.shape.length === 1 ? 1 : 2), 1);
  return reshape(out, shape);
}

/** erf by its Taylor series (used for |x| <= 3, where it converges to ~1e-14). */
export function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
