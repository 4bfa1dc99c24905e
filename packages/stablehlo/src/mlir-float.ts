/**
 * float32 values written exactly as MLIR's printer writes them (`printFloatValue` in
 * mlir/lib/IR/AsmPrinter.cpp, on top of LLVM's `APFloat::toString`), so an exported module reads
 * back byte for byte as MLIR prints it:
 *
 * 1. `d.dddddde±XX` (6 significant digits, zero-padded) when that reads back as the same float;
 * 2. otherwise APFloat's default form (up to 9 significant digits, plain or `d.dddE±X`) when it
 *    contains a '.';
 * 3. otherwise, and for infinities and NaNs, the raw bits in hex (`0x7F800000`).
 *
 * APFloat's digit generation is reproduced step by step (drop trailing binary zeros, multiply by
 * 5^e, cut excess digits by truncation, then round half up), since a shortcut through JS's own
 * number printing would round differently in rare cases.
 */

const bitsView = new DataView(new ArrayBuffer(4));

function f32Bits(x: number): number {
  bitsView.setFloat32(0, x, true);
  return bitsView.getUint32(0, true);
}

/** Decimal digits (most significant first) and the power of ten of the last one. */
interface Digits {
  digits: string;
  exp: number;
}

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/** APFloat's AdjustToPrecision on the significand: drop whole decimal digits that exceed the precision, by truncation. */
function trimSignificand(significand: bigint, exp: number, precision: number): [bigint, number] {
  const bits = bitLength(significand);
  const bitsRequired = Math.floor((precision * 196 + 58) / 59); // 196/59 slightly over log2(10)
  if (bits <= bitsRequired) return [significand, exp];
  const removable = Math.floor(((bits - bitsRequired) * 59) / 196);
  if (removable === 0) return [significand, exp];
  return [significand / 10n ** BigInt(removable), exp + removable];
}

/** APFloat's AdjustToPrecision on the digit buffer: round half up to `precision` digits, drop trailing zeros. */
function roundDigits({ digits, exp }: Digits, precision: number): Digits {
  const n = digits.length;
  if (n <= precision) return { digits, exp };
  const dropped = n - precision;
  let kept = digits.slice(0, precision);
  if (digits[precision]! < "5") {
    const trimmed = kept.replace(/0+$/, "");
    return { digits: trimmed, exp: exp + dropped + (kept.length - trimmed.length) };
  }
  // decimal add-with-carry; the carried-through 9s become trailing zeros, which are dropped
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === "9") i--;
  if (i < 0) return { digits: "1", exp: exp + n };
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  return { digits: kept, exp: exp + dropped + (precision - 1 - i) };
}

/** The decimal digits APFloat prints for a finite, nonzero float32 magnitude at a precision. */
function decimalDigits(bits: number, precision: number): Digits {
  const biased = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  let significand = BigInt(biased === 0 ? fraction : fraction | 0x800000);
  let exp = biased === 0 ? -149 : biased - 150;
  // ignore trailing binary zeros
  while ((significand & 1n) === 0n) {
    significand >>= 1n;
    exp++;
  }
  if (exp > 0) {
    significand <<= BigInt(exp);
    exp = 0;
  } else if (exp < 0) {
    significand *= 5n ** BigInt(-exp); // N·2^-e = N·5^e·10^-e
  }
  [significand, exp] = trimSignificand(significand, exp, precision);
  let digits = significand.toString();
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return roundDigits({ digits, exp }, precision);
}

/** APFloat::toString(precision, maxPadding, truncateZero) for a finite float32. */
function apFloatToString(x: number, precision: number, maxPadding: number, truncateZero: boolean): string {
  const bits = f32Bits(x);
  const sign = bits >>> 31 ? "-" : "";
  if ((bits & 0x7fffffff) === 0) {
    if (maxPadding !== 0) return `${sign}0`;
    return truncateZero ? `${sign}0.0E+0` : `${sign}0.0${"0".repeat(Math.max(0, precision - 1))}e+00`;
  }
  const effective = precision === 0 ? 2 + Math.floor((24 * 59) / 196) : precision;
  const { digits, exp } = decimalDigits(bits & 0x7fffffff, effective);
  const n = digits.length;
  let scientific: boolean;
  if (maxPadding === 0) scientific = true;
  else if (exp >= 0) scientific = exp > maxPadding || n + exp > effective;
  else {
    const msd = exp + n - 1;
    scientific = msd >= 0 ? false : -msd > maxPadding;
  }
  if (scientific) {
    const e = exp + n - 1;
    let s = `${digits[0]}.`;
    s += n === 1 && truncateZero ? "0" : digits.slice(1);
    if (!truncateZero && effective > n - 1) s += "0".repeat(effective - n + 1);
    const expDigits = String(Math.abs(e)).padStart(truncateZero ? 1 : 2, "0");
    return `${sign}${s}${truncateZero ? "E" : "e"}${e >= 0 ? "+" : "-"}${expDigits}`;
  }
  if (exp >= 0) return sign + digits + "0".repeat(exp);
  const whole = exp + n;
  if (whole > 0) return `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
  return `${sign}0.${"0".repeat(-whole)}${digits}`;
}

/** The hex form MLIR uses for special values: the float's bits as a C literal, upper case, no padding. */
export function hexFloat(x: number): string {
  return `0x${f32Bits(x).toString(16).toUpperCase()}`;
}

/** A float32 attribute value as MLIR prints it (`1.000000e+00`, `0.99999994`, `0xFF800000`). */
export function formatF32(x: number): string {
  if (!Number.isFinite(x)) return hexFloat(x);
  const exponential = apFloatToString(x, 6, 0, false);
  if (Object.is(Math.fround(Number(exponential)), Math.fround(x))) return exponential;
  const plain = apFloatToString(x, 0, 3, true);
  return plain.includes(".") ? plain : hexFloat(x);
}
