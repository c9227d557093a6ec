/**
 * @fileoverview Exact decimal reading of a JSON number's text, for the places where float
 * rounding must not decide the answer (capture keys, event time): the value as a sign, a
 * significand of the first 19 significant digits with trailing zeros dropped, and a decimal
 * exponent; and that value times a power of ten as an i64, rounded half away from zero.
 */

export let decNeg = false;
export let decMant: u64 = 0;
export let decExp: i32 = 0;
/** The i64 scaleToI64 produced. */
export let decValue: i64 = 0;

/** Reads the JSON number text at p (validated by the scanner) into decNeg/decMant/decExp. */
export function parseDecimal(p: usize, n: usize): void {
  const end = p + n;
  let neg = false;
  if (p < end && load<u8>(p) == 0x2d) {
    neg = true;
    p++;
  }
  let mant: u64 = 0;
  let digits: u32 = 0;
  let dexp: i32 = 0;
  let frac = false;
  for (; p < end; p++) {
    const b = <u32>load<u8>(p);
    if (b == 0x2e) {
      frac = true;
      continue;
    }
    if ((b | 0x20) == 0x65) break;
    const d = b - 0x30;
    if (digits == 0 && d == 0) {
      if (frac) dexp--;
    } else if (digits < 19) {
      mant = mant * 10 + <u64>d;
      digits++;
      if (frac) dexp--;
    } else if (!frac) {
      dexp++;
    }
  }
  if (p < end) {
    p++;
    let eneg = false;
    if (p < end && (load<u8>(p) == 0x2d || load<u8>(p) == 0x2b)) eneg = load<u8>(p++) == 0x2d;
    let e: i32 = 0;
    for (; p < end; p++) if (e < 100000) e = e * 10 + <i32>(load<u8>(p) - 0x30);
    dexp += eneg ? -e : e;
  }
  if (mant != 0) {
    while (mant % 10 == 0) {
      mant /= 10;
      dexp++;
    }
  }
  decNeg = neg;
  decMant = mant;
  decExp = mant == 0 ? 0 : dexp;
}

/**
 * decValue = ±mant × 10^e, rounded half away from zero when e < 0; false when it does not
 * fit i64 (|value| <= 2^63 - 1, or 2^63 when negative).
 */
export function scaleToI64(neg: bool, mant: u64, e: i32): bool {
  const limit: u64 = neg ? 0x8000000000000000 : 0x7fffffffffffffff;
  let v = mant;
  if (e >= 0) {
    for (let i = 0; i < e; i++) {
      if (v > limit / 10) return false;
      v *= 10;
    }
  } else if (e < -19) {
    v = 0;
  } else {
    let p: u64 = 1;
    for (let i = 0; i < -e; i++) p *= 10;
    const r = v % p;
    v /= p;
    if (r >= p - r) v++;
  }
  if (v > limit) return false;
  decValue = neg ? -(<i64>v) : <i64>v;
  return true;
}
