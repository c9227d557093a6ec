/**
 * @fileoverview Numeric comparison behind k_int, k_float and k_len: op 0 eq, 1 ne, 2 lt, 3 le,
 * 4 gt, 5 ge; integers compare as i64, everything else as f64; a STRING that is exactly a
 * JSON number is compared as that number.
 */
import { readNumber } from "./numparse";
import { TAG_NUMBER, TAG_STRING, tagOf, ptrOf, lenOf, isInt, f64Of, i64Of } from "./slots";

/** Where a numeric STRING is parsed to (one record; kernels run one at a time). */
const coerced: usize = memory.data(32, 8);

@inline export function cmpI64(a: i64, op: u32, b: i64): bool {
  switch (op) {
    case 0: return a == b;
    case 1: return a != b;
    case 2: return a < b;
    case 3: return a <= b;
    case 4: return a > b;
    case 5: return a >= b;
    default: return false;
  }
}

@inline export function cmpF64(a: f64, op: u32, b: f64): bool {
  switch (op) {
    case 0: return a == b;
    case 1: return a != b;
    case 2: return a < b;
    case 3: return a <= b;
    case 4: return a > b;
    case 5: return a >= b;
    default: return false;
  }
}

/** The NUMBER record rec stands for: rec itself, a parsed numeric STRING, or 0. */
export function numberRec(rec: usize): usize {
  const tag = tagOf(rec);
  if (tag == TAG_NUMBER) return rec;
  if (tag != TAG_STRING) return 0;
  const p = ptrOf(rec);
  const end = p + lenOf(rec);
  if (p == end) return 0;
  return readNumber(p, end, coerced) == end ? coerced : 0;
}

/** k_int on one record. */
export function intOne(rec: usize, op: u32, value: i64): bool {
  const r = numberRec(rec);
  if (r == 0) return false;
  return isInt(r) ? cmpI64(i64Of(r), op, value) : cmpF64(f64Of(r), op, <f64>value);
}

/** k_float on one record. */
export function floatOne(rec: usize, op: u32, value: f64): bool {
  const r = numberRec(rec);
  return r != 0 && cmpF64(f64Of(r), op, value);
}
