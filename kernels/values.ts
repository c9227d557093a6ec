/**
 * @fileoverview Computed values (compiler/ir/value.ts gives the semantics; docs/package-abi.md
 * the calling convention). Generated code evaluates one value leaf as calls: v_begin, then
 * each node after its arguments, arguments in consecutive cells from the node's own cell,
 * the result written over the first; v_true reads the answer. Texts point into the line,
 * decode scratch or rule constants; only concat and string write new text, into the arena.
 */
import { valueCellBase, valueTextBase } from "./layout";
import { VALUE_CELL_BYTES, VALUE_TEXT_BYTES, VALUE_NULL, VALUE_BOOL, VALUE_INT, VALUE_FLOAT, VALUE_STRING, DATE_MINUTE, DATE_HOUR, DATE_DAY, DATE_WEEK, DATE_MONTH, DATE_YEAR } from "./abi";
import { daysFromCivil, parseIso, timeNs } from "./time";
import { TAG_STRING, TAG_NUMBER, TAG_TRUE, TAG_FALSE, slotAt, tagOf, ptrOf, lenOf, isInt, f64Of, i64Of } from "./slots";
import { compareTexts, wildcard, fold, codePoints, textOpBothFolded, TRUE_FALSE } from "./text";
import { readNumber } from "./numparse";
import { dtoa_buffered } from "util/number";

let textTop: usize = 0;
/** Scratch for readNumber's record and dtoa's UTF-16 digits. */
const numRec: usize = memory.data(32, 8);
const dtoaBuf: usize = memory.data(64, 8);

@inline function cell(c: u32): usize {
  return valueCellBase + <usize>c * VALUE_CELL_BYTES;
}
@inline function tag(c: u32): u32 {
  return load<u8>(cell(c));
}
@inline function ptr(c: u32): usize {
  return load<u32>(cell(c), 4);
}
@inline function len(c: u32): usize {
  return load<u32>(cell(c), 8);
}
@inline function int(c: u32): i64 {
  return load<i64>(cell(c), 16);
}
@inline function flt(c: u32): f64 {
  return tag(c) == VALUE_INT ? <f64>int(c) : load<f64>(cell(c), 16);
}
@inline function isNum(c: u32): bool {
  return tag(c) == VALUE_INT || tag(c) == VALUE_FLOAT;
}

function setNull(c: u32): void {
  store<u8>(cell(c), <u8>VALUE_NULL);
}
function setBool(c: u32, b: bool): void {
  store<u8>(cell(c), <u8>VALUE_BOOL);
  store<i64>(cell(c), b ? 1 : 0, 16);
}
function setInt(c: u32, x: i64): void {
  store<u8>(cell(c), <u8>VALUE_INT);
  store<i64>(cell(c), x, 16);
}
function setFloat(c: u32, x: f64): void {
  store<u8>(cell(c), <u8>VALUE_FLOAT);
  store<f64>(cell(c), x, 16);
}
function setStr(c: u32, p: usize, n: usize): void {
  store<u8>(cell(c), <u8>VALUE_STRING);
  store<u32>(cell(c), <u32>p, 4);
  store<u32>(cell(c), <u32>n, 8);
}

/** Is any of n cells from c null? Most functions are null then. */
function anyNull(c: u32, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) if (tag(c + i) == VALUE_NULL) return true;
  return false;
}

export function v_begin(): void {
  textTop = valueTextBase;
}
export function v_null(c: u32): void {
  setNull(c);
}
export function v_bool(c: u32, b: u32): void {
  setBool(c, b != 0);
}
export function v_int(c: u32, x: i64): void {
  setInt(c, x);
}
export function v_float(c: u32, x: f64): void {
  setFloat(c, x);
}
export function v_str(c: u32, p: u32, n: u32): void {
  setStr(c, p, n);
}

/** A field's scalar; missing, null, arrays and objects are null. */
export function v_field(c: u32, slot: u32): void {
  const rec = slotAt(slot);
  const t = tagOf(rec);
  if (t == TAG_STRING) setStr(c, ptrOf(rec), lenOf(rec));
  else if (t == TAG_NUMBER) {
    if (isInt(rec)) setInt(c, i64Of(rec));
    else setFloat(c, f64Of(rec));
  } else if (t == TAG_TRUE || t == TAG_FALSE) setBool(c, t == TAG_TRUE);
  else setNull(c);
}

/** 0 add, 1 subtract, 2 multiply, 3 divide, 4 modulo, 5 true_divide, 6 floor_modulo, 7 floor_divide, of cells c and c+1. */
export function v_arith(c: u32, op: u32): void {
  if (!isNum(c) || !isNum(c + 1)) return setNull(c);
  const divides = op >= 3;
  if (divides && flt(c + 1) == 0) return setNull(c);
  if (tag(c) == VALUE_INT && tag(c + 1) == VALUE_INT && op != 5) {
    const x = int(c);
    const y = int(c + 1);
    // i64.MIN / -1 traps in Wasm; wrapping gives i64.MIN (and remainder 0).
    if (op >= 3 && y == -1) return setInt(c, op == 3 || op == 7 ? -x : 0);
    if (op == 0) return setInt(c, x + y);
    if (op == 1) return setInt(c, x - y);
    if (op == 2) return setInt(c, x * y);
    if (op == 3) return setInt(c, x / y);
    const r = x % y;
    if (op == 7) return setInt(c, x / y - (r != 0 && (r < 0) != (y < 0) ? 1 : 0));
    if (op == 6 && r != 0 && (r < 0) != (y < 0)) return setInt(c, r + y);
    return setInt(c, r);
  }
  const p = flt(c);
  const q = flt(c + 1);
  if (op == 0) return setFloat(c, p + q);
  if (op == 1) return setFloat(c, p - q);
  if (op == 2) return setFloat(c, p * q);
  if (op == 3 || op == 5) return setFloat(c, p / q);
  if (op == 7) return setFloat(c, p / q);
  const r = p % q;
  if (op == 6 && r != 0 && (r < 0) != (q < 0)) return setFloat(c, r + q);
  setFloat(c, r);
}

export function v_neg(c: u32): void {
  if (tag(c) == VALUE_INT) setInt(c, -int(c));
  else if (tag(c) == VALUE_FLOAT) setFloat(c, -flt(c));
  else setNull(c);
}

/** Order of c and c+1 (-1, 0, 1), or 2 when they do not order. */
function order(c: u32, ci: bool): i32 {
  if (isNum(c) && isNum(c + 1)) {
    if (tag(c) == VALUE_INT && tag(c + 1) == VALUE_INT) return int(c) < int(c + 1) ? -1 : int(c) > int(c + 1) ? 1 : 0;
    const p = flt(c);
    const q = flt(c + 1);
    return p < q ? -1 : p > q ? 1 : p == q ? 0 : 2;
  }
  if (tag(c) == VALUE_STRING && tag(c + 1) == VALUE_STRING) return compareTexts(ptr(c), len(c), ptr(c + 1), len(c + 1), ci);
  if (tag(c) == VALUE_BOOL && tag(c + 1) == VALUE_BOOL) return int(c) == int(c + 1) ? 0 : 3;
  return 2;
}

/** 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge: null when either is null, or (ordering) they do not order. */
export function v_cmp(c: u32, op: u32, ci: u32): void {
  if (anyNull(c, 2) || (op > 1 && tag(c) == VALUE_BOOL)) return setNull(c);
  const o = order(c, ci != 0);
  if (op <= 1) return setBool(c, (o == 0) == (op == 0));
  if (o > 1) return setNull(c);
  setBool(c, op == 2 ? o < 0 : op == 3 ? o <= 0 : op == 4 ? o > 0 : o >= 0);
}

export function v_isnull(c: u32): void {
  setBool(c, tag(c) == VALUE_NULL);
}

/** Kleene and (op 0) / or (op 1) of n cells. */
export function v_logic(c: u32, n: u32, op: u32): void {
  const decisive = op == 1;
  let unknown = false;
  for (let i: u32 = 0; i < n; i++) {
    if (tag(c + i) != VALUE_BOOL) unknown = true;
    else if ((int(c + i) != 0) == decisive) return setBool(c, decisive);
  }
  if (unknown) setNull(c);
  else setBool(c, !decisive);
}

export function v_not(c: u32): void {
  if (tag(c) == VALUE_BOOL) setBool(c, int(c) == 0);
  else setNull(c);
}

/** Appends n bytes at p to the arena; false when they do not fit. */
function put(p: usize, n: usize): bool {
  if (textTop + n > valueTextBase + VALUE_TEXT_BYTES) return false;
  memory.copy(textTop, p, n);
  textTop += n;
  return true;
}

function putByte(b: u32): bool {
  if (textTop + 1 > valueTextBase + VALUE_TEXT_BYTES) return false;
  store<u8>(textTop++, <u8>b);
  return true;
}

/** Appends cell c's text (value.ts: numbers as JSON writes them, `.0` on whole floats). */
function putText(c: u32): bool {
  const t = tag(c);
  if (t == VALUE_STRING) return put(ptr(c), len(c));
  if (t == VALUE_BOOL) return int(c) != 0 ? put(TRUE_FALSE, 4) : put(TRUE_FALSE + 4, 5);
  if (t == VALUE_INT) return putInt(int(c));
  if (t != VALUE_FLOAT) return true;
  const n = dtoa_buffered(dtoaBuf, flt(c));
  let plain = true;
  for (let i: u32 = 0; i < n; i++) {
    const ch = <u32>load<u16>(dtoaBuf + (<usize>i << 1));
    if (ch == 0x2e || ch == 0x65 || ch == 0x4e || ch == 0x49) plain = false;
    if (!putByte(ch)) return false;
  }
  return !plain || (putByte(0x2e) && putByte(0x30));
}

function putInt(x: i64): bool {
  if (x < 0 && !putByte(0x2d)) return false;
  // Digits of |x| as u64, so i64.MIN works.
  let u: u64 = x < 0 ? <u64>0 - <u64>x : <u64>x;
  let digits: u32 = 1;
  for (let t = u; t >= 10; t /= 10) digits++;
  if (textTop + digits > valueTextBase + VALUE_TEXT_BYTES) return false;
  for (let i = digits; i > 0; i--) {
    store<u8>(textTop + i - 1, <u8>(0x30 + u % 10));
    u /= 10;
  }
  textTop += digits;
  return true;
}

/** The concatenated texts of n cells into c; null when any is null or the arena is full. */
export function v_concat(c: u32, n: u32): void {
  if (anyNull(c, n)) return setNull(c);
  const start = textTop;
  for (let i: u32 = 0; i < n; i++) {
    if (!putText(c + i)) return setNull(c);
  }
  setStr(c, start, textTop - start);
}

export function v_string(c: u32): void {
  v_concat(c, 1);
}

/** number(s[, base]). */
export function v_number(c: u32, n: u32): void {
  if (n > 1 && tag(c + 1) == VALUE_NULL) n = 1;
  if (anyNull(c, n)) return setNull(c);
  if (isNum(c)) return;
  if (tag(c) != VALUE_STRING) return setNull(c);
  let p = ptr(c);
  let m = len(c);
  const hex = m >= 2 && load<u8>(p) == 0x30 && load<u8>(p + 1) == 0x78;
  let base: i64 = hex ? 16 : 10;
  if (n > 1) {
    if (tag(c + 1) != VALUE_INT || int(c + 1) < 2 || int(c + 1) > 36) return setNull(c);
    base = int(c + 1);
  }
  if (hex && base == 16) {
    p += 2;
    m -= 2;
  }
  if (base == 10) {
    if (m == 0 || readNumber(p, p + m, numRec) != p + m) return setNull(c);
    if (isInt(numRec)) setInt(c, i64Of(numRec));
    else setFloat(c, f64Of(numRec));
    return;
  }
  parseRadix(c, p, m, <u64>base);
}

/** An integer in base 2–36 (optional `-`, letters either case); null on a bad digit or overflow. */
function parseRadix(c: u32, p: usize, m: usize, base: u64): void {
  const neg = m > 0 && load<u8>(p) == 0x2d;
  let i: usize = neg ? 1 : 0;
  if (i == m) return setNull(c);
  let v: u64 = 0;
  const limit: u64 = neg ? 0x8000000000000000 : 0x7fffffffffffffff;
  for (; i < m; i++) {
    const b = fold(load<u8>(p + i));
    const d: u64 = b - 0x30 < 10 ? <u64>(b - 0x30) : b - 0x61 < 26 ? <u64>(b - 0x61 + 10) : 99;
    if (d >= base || v > (limit - d) / base) return setNull(c);
    v = v * base + d;
  }
  setInt(c, neg ? <i64>(<u64>0 - v) : <i64>v);
}

/** Code points in n bytes at p. */
@inline function chars(p: usize, n: usize): i64 {
  return <i64>codePoints(p, n);
}

/** Byte offset of code point k (k <= chars). */
function byteOf(p: usize, n: usize, k: i64): usize {
  let i: usize = 0;
  while (k > 0 && i < n) {
    i++;
    while (i < n && (load<u8>(p + i) & 0xc0) == 0x80) i++;
    k--;
  }
  return i;
}

/** Days since 1970-01-01 → proleptic Gregorian year, month and day (Howard Hinnant's civil_from_days). */
function civil(days: i64, part: u32): i64 {
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const d = doy - (153 * mp + 2) / 5 + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return part == DATE_DAY ? d : part == DATE_MONTH ? m : y;
}

/** ISO-8601 week number (1–53) of a day: the week holding its Thursday, counted in that Thursday's year. */
function isoWeek(days: i64): i64 {
  const weekday = ((days + 3) % 7 + 7) % 7; // 0 = Monday; 1970-01-01 was a Thursday
  const thursday = days - weekday + 3;
  const year = civil(thursday, DATE_YEAR);
  const jan1 = daysFromCivil(year, 1, 1);
  return (thursday - jan1) / 7 + 1;
}

/** minute/hour/day/week/month/year of an ISO-8601 string, in UTC; anything else is null. */
export function v_datepart(c: u32, part: u32): void {
  if (tag(c) != VALUE_STRING || !parseIso(ptr(c), ptr(c) + len(c))) return setNull(c);
  const ns = timeNs;
  const secs = ns >= 0 ? ns / 1_000_000_000 : (ns - 999_999_999) / 1_000_000_000;
  const days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const inDay = secs - days * 86400;
  if (part == DATE_MINUTE) return setInt(c, (inDay / 60) % 60);
  if (part == DATE_HOUR) return setInt(c, inDay / 3600);
  if (part == DATE_WEEK) return setInt(c, isoWeek(days));
  setInt(c, civil(days, part));
}

export function v_length(c: u32): void {
  if (tag(c) != VALUE_STRING) return setNull(c);
  setInt(c, chars(ptr(c), len(c)));
}

/** Python's slice bound: negative counts from the end; clamped to [0, n]. */
function bound(x: i64, n: i64): i64 {
  if (x < 0) x += n;
  return x < 0 ? 0 : x > n ? n : x;
}

/** substring(s[, start[, end]]). */
export function v_substring(c: u32, n: u32): void {
  if (anyNull(c, n) || tag(c) != VALUE_STRING) return setNull(c);
  for (let i: u32 = 1; i < n; i++) if (tag(c + i) != VALUE_INT) return setNull(c);
  const p = ptr(c);
  const m = len(c);
  const total = chars(p, m);
  const start = n > 1 ? bound(int(c + 1), total) : 0;
  const end = n > 2 ? bound(int(c + 2), total) : total;
  if (start >= end) return setStr(c, p, 0);
  const from = byteOf(p, m, start);
  setStr(c, p + from, byteOf(p, m, end) - from);
}

/** First byte index ≥ from where n bytes at q occur in m bytes at p (ASCII folded both sides when ci), or -1. */
function find(p: usize, m: usize, from: usize, q: usize, n: usize, ci: bool): isize {
  for (let i = from; i + n <= m; i++) if (compareTexts(p + i, n, q, n, ci) == 0) return <isize>i;
  return -1;
}

/** Last such index, or -1. */
function findLast(p: usize, m: usize, from: usize, q: usize, n: usize, ci: bool): isize {
  if (n > m) return -1;
  for (let i = <isize>(m - n); i >= <isize>from; i--) if (compareTexts(p + <usize>i, n, q, n, ci) == 0) return i;
  return -1;
}

/** between(s, left, right[, greedy]). */
export function v_between(c: u32, n: u32, ci: u32): void {
  if (anyNull(c, n) || tag(c) != VALUE_STRING || tag(c + 1) != VALUE_STRING || tag(c + 2) != VALUE_STRING) return setNull(c);
  if (n > 3 && tag(c + 3) != VALUE_BOOL) return setNull(c);
  const greedy = n > 3 && int(c + 3) != 0;
  const p = ptr(c);
  const m = len(c);
  const folds = ci != 0;
  const i = find(p, m, 0, ptr(c + 1), len(c + 1), folds);
  if (i < 0) return setStr(c, p, 0);
  const from = <usize>i + len(c + 1);
  const j = greedy ? findLast(p, m, from, ptr(c + 2), len(c + 2), folds) : find(p, m, from, ptr(c + 2), len(c + 2), folds);
  if (j < 0) return setStr(c, p, 0);
  setStr(c, p + from, <usize>j - from);
}

/** index_of(s, sub[, start]): a code-point index, or null. */
export function v_indexof(c: u32, n: u32, ci: u32): void {
  if (anyNull(c, n) || tag(c) != VALUE_STRING || tag(c + 1) != VALUE_STRING) return setNull(c);
  if (n > 2 && tag(c + 2) != VALUE_INT) return setNull(c);
  const p = ptr(c);
  const m = len(c);
  const total = chars(p, m);
  let start: i64 = n > 2 ? int(c + 2) : 0;
  if (start < 0) start = 0;
  if (start > total) return setNull(c);
  const i = find(p, m, byteOf(p, m, start), ptr(c + 1), len(c + 1), ci != 0);
  if (i < 0) return setNull(c);
  setInt(c, chars(p, <usize>i));
}

/** 1 starts_with, 2 ends_with, 3 contains, 4 wildcard (whole string) of c by c+1. */
export function v_text(c: u32, op: u32, ci: u32): void {
  if (tag(c) != VALUE_STRING || tag(c + 1) != VALUE_STRING) return setNull(c);
  const v = ptr(c);
  const n = len(c);
  const folds = ci != 0;
  if (op != 4) return setBool(c, textOpBothFolded(v, n, op, ptr(c + 1), len(c + 1), folds));
  // The wildcard matcher folds only the value: fold the pattern into the arena first.
  let p = ptr(c + 1);
  const m = len(c + 1);
  if (folds) {
    const start = textTop;
    for (let i: usize = 0; i < m; i++) if (!putByte(fold(load<u8>(p + i)))) return setNull(c);
    p = start;
  }
  setBool(c, wildcard(v, n, p, m, folds));
}

/** Is cell c boolean true? */
export function v_true(c: u32): i32 {
  return <i32>(tag(c) == VALUE_BOOL && int(c) != 0);
}
