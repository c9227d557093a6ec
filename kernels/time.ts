/**
 * @fileoverview Event time (package ABI "Event time"): the schema's timestamp field, read from
 * its slot, as signed nanoseconds since the Unix epoch. ISO-8601 text (date, optional time,
 * fraction to 9 digits, `Z` or a ±hh:mm offset; no offset means UTC), epoch seconds,
 * milliseconds or nanoseconds and Windows FILETIME (numbers or numeric strings), the numbers
 * scaled exactly from their decimal text and rounded half away from zero (FILETIME to its
 * 100 ns tick first). A missing or null field is TIME_MISSING; anything else that does not
 * parse, or overflows i64, is TIME_UNPARSEABLE. Nothing is guessed.
 */
import { TIME_OK, TIME_MISSING, TIME_UNPARSEABLE, TIME_ISO8601, TIME_EPOCH_S, TIME_EPOCH_MS, TIME_EPOCH_NS, TIME_FILETIME, TAG_MISSING, TAG_NULL, TAG_STRING, TIME_SOURCE_BYTES, SLOT_BYTES } from "./abi";
import { numberRec } from "./number";
import { tagOf, ptrOf, lenOf } from "./slots";
import { timeSlot, timeFormat, timeFallbacks, timeFallbackCount, slotBase } from "./layout";
import { parseDecimal, scaleToI64, decNeg, decMant, decExp, decValue } from "./decimal";

export let timeNs: i64 = 0;
export let timeStatus: u32 = TIME_MISSING;

const FILETIME_UNIX: i64 = 116444736000000000;

/**
 * Reads the current line's time into timeNs/timeStatus: the primary time slot, or when it is
 * missing or null, the first fallback source that is present.
 */
export function readLineTime(): void {
  readTime(timeSlot, timeFormat);
  for (let i: u32 = 0; i < timeFallbackCount && timeStatus == TIME_MISSING; i++) {
    const source = timeFallbacks + <usize>i * TIME_SOURCE_BYTES;
    readTime(slotBase + <usize>(load<u32>(source) - 1) * SLOT_BYTES, load<u32>(source, 4));
  }
}

/** Reads a time from `rec` in `format` into timeNs/timeStatus. */
export function readTime(rec: usize, format: u32): void {
  timeNs = 0;
  const tag = tagOf(rec);
  if (tag == TAG_MISSING || tag == TAG_NULL) {
    timeStatus = TIME_MISSING;
    return;
  }
  timeStatus = TIME_UNPARSEABLE;
  if (format == TIME_ISO8601) {
    if (tag == TAG_STRING && parseIso(ptrOf(rec), ptrOf(rec) + lenOf(rec))) timeStatus = TIME_OK;
    return;
  }
  const n = numberRec(rec);
  if (n == 0) return;
  if (format == TIME_EPOCH_S) scaled(n, 9);
  else if (format == TIME_EPOCH_MS) scaled(n, 6);
  else if (format == TIME_EPOCH_NS) scaled(n, 0);
  else if (format == TIME_FILETIME) {
    scaled(n, 0);
    if (timeStatus != TIME_OK) return;
    const since = timeNs - FILETIME_UNIX;
    if (since > 92233720368547758 || since < -92233720368547758) timeStatus = TIME_UNPARSEABLE;
    else timeNs = since * 100;
  }
}

/** timeNs = the number at n times 10^unitExp, exactly (decimal.ts), rounded half away from zero. */
function scaled(n: usize, unitExp: i32): void {
  parseDecimal(ptrOf(n), lenOf(n));
  if (!scaleToI64(decNeg, decMant, decExp + unitExp)) return;
  timeNs = decValue;
  timeStatus = TIME_OK;
}

let at: usize = 0;
let stop: usize = 0;

/** Reads exactly `count` digits as a number, or -1. */
function digits(count: u32): i32 {
  if (at + count > stop) return -1;
  let v: i32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const d = <u32>load<u8>(at + i) - 0x30;
    if (d > 9) return -1;
    v = v * 10 + <i32>d;
  }
  at += count;
  return v;
}

@inline function peek(): u32 {
  return at < stop ? <u32>load<u8>(at) : 0;
}

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
export function daysFromCivil(y: i64, m: i64, d: i64): i64 {
  if (m <= 2) y -= 1;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (153 * mp + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)f+]]][Z|z|(+|-)hh[:]mm|(+|-)hh]; the whole text, into timeNs. */
export function parseIso(p: usize, end: usize): bool {
  at = p;
  stop = end;
  const y = digits(4);
  if (y < 0 || peek() != 0x2d) return false;
  at++;
  const mo = digits(2);
  if (mo < 1 || mo > 12 || peek() != 0x2d) return false;
  at++;
  const d = digits(2);
  if (d < 1 || d > daysInMonth(y, mo)) return false;
  let secs: i64 = daysFromCivil(y, mo, d) * 86400;
  let frac: i64 = 0;
  const sep = peek();
  if (sep == 0x54 || sep == 0x74 || sep == 0x20) {
    at++;
    const h = digits(2);
    if (h < 0 || h > 23 || peek() != 0x3a) return false;
    at++;
    const mi = digits(2);
    if (mi < 0 || mi > 59) return false;
    let s: i32 = 0;
    if (peek() == 0x3a) {
      at++;
      s = digits(2);
      if (s < 0 || s > 59) return false;
      const dot = peek();
      if (dot == 0x2e || dot == 0x2c) {
        at++;
        let n: u32 = 0;
        while (at < stop && <u32>load<u8>(at) - 0x30 <= 9) {
          if (n < 9) frac = frac * 10 + <i64>(load<u8>(at) - 0x30);
          n++;
          at++;
        }
        if (n == 0) return false;
        for (; n < 9; n++) frac *= 10;
      }
    }
    secs += <i64>(h * 3600 + mi * 60 + s);
    const z = peek();
    if (z == 0x5a || z == 0x7a) at++;
    else if (z == 0x2b || z == 0x2d) {
      at++;
      const oh = digits(2);
      if (oh < 0 || oh > 23) return false;
      let om: i32 = 0;
      if (peek() == 0x3a) at++;
      if (at < stop || load<u8>(at - 1) == 0x3a) {
        om = digits(2);
        if (om < 0 || om > 59) return false;
      }
      const off = <i64>(oh * 3600 + om * 60);
      secs = z == 0x2b ? secs - off : secs + off;
    }
  }
  // i64 nanoseconds reach from 1677 to 2262.
  if (at != stop || secs > 9223372035 || secs < -9223372035) return false;
  timeNs = secs * 1000000000 + frac;
  return true;
}
