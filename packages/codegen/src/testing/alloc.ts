/** The typed-array constructors generated code could use. */
const names = ["Float32Array", "Float64Array", "Int32Array", "Uint32Array", "Uint8Array"] as const;

type Ctor = new (...args: never[]) => object;

/**
 * Counts typed arrays constructed while `body` runs, by replacing the global constructors
 * with counting subclasses (generated code names them as globals), then restoring them.
 */
export function countTypedArrays<T>(body: () => T): { result: T; count: number } {
  const g = globalThis as unknown as Record<string, Ctor>;
  const saved = names.map((n) => g[n]!);
  let count = 0;
  names.forEach((n, i) => {
    const Base = saved[i]!;
    g[n] = class extends Base {
      constructor(...args: never[]) {
        super(...args);
        count++;
      }
    };
  });
  try {
    return { result: body(), count };
  } finally {
    names.forEach((n, i) => (g[n] = saved[i]!));
  }
}
