import { jnp, type Array, type DType } from "@kiln/core";

/** An Array as JSON: float specials and -0 as strings ("NaN", "Infinity", "-Infinity", "-0"), which Number() reads back. */
export interface ArrayJson {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: readonly (number | string)[];
}

export function toJson(a: Array): ArrayJson {
  const data = [...a.toTypedArray()].map((v) => (Object.is(v, -0) ? "-0" : Number.isFinite(v) ? v : String(v)));
  return { dtype: a.dtype, shape: [...a.shape], data };
}

export function fromJson(j: ArrayJson): Array {
  const values = j.data.map((v) => (typeof v === "string" ? Number(v) : v));
  return jnp.reshape(jnp.array(values, j.dtype), j.shape);
}
