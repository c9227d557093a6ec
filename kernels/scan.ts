/**
 * @fileoverview k_scan: splits input[start, end) into NDJSON lines, scans each with the JSON
 * scanner, runs rules_eval on well-formed lines and writes match records (package ABI "Match
 * records"): a 32-byte header with the line, the (rule, step) of the emit, the event time,
 * then the emit's captures. The host frames whole lines, so a last line without `\n` is a
 * line too. Lines are found by the parser itself: \n is never JSON whitespace here and is a
 * control character inside strings, so a well-formed line's scan stops right at its end.
 */
import { rules_eval } from "./imports";
import { inputBase, inputCap, outBase, outBytes, lineRecordBytes, timeSlot, emitTable, emitCount, captureList, REC_SIZE, slotBase } from "./layout";
import {
  MALFORMED_BIT, TIME_MISSING, EMIT_BYTES, RECORD_BYTES, CAPTURE_BYTES, CAPTURE_FOLD,
  REC_LINE_START, REC_LINE_LEN, REC_LINE_INDEX, REC_RULE, REC_TIME, REC_STEP, REC_TIME_STATUS, REC_CAPTURES,
  CAP_HASH, CAP_PTR, CAP_LEN, CAP_TAG,
} from "./abi";
import { errPos } from "./fail";
import { beginLine, scanObject, skipWs } from "./json";
import { textOp } from "./text";
import { readLineTime, timeNs, timeStatus } from "./time";
import { valueHash, pinString, hasSpan, resetCaptures } from "./capture";
import { tagOf, ptrOf, lenOf } from "./slots";

/** Bytes of records written by the last k_scan, and their count. */
let outUsed: u32 = 0;
let recordCount: u32 = 0;
let lineCount: u32 = 0;
/** The line being evaluated, as k_emit reports it. */
let curStart: u32 = 0;
let curLen: u32 = 0;
let curIndex: u32 = 0;
/** The current line's time is read at its first emit. */
let timeRead = false;

/** k_str's text ops on the current line's raw bytes (Sigma keyword searches). */
export function k_raw(op: u32, pat: u32, plen: u32, ci: u32): i32 {
  return <i32>textOp(inputBase + <usize>curStart, <usize>curLen, op, pat, plen, ci != 0);
}

/** First \n in [p, end), or end. Only malformed lines need this search. */
function findNewline(p: usize, end: usize): usize {
  while (p < end && load<u8>(p) != 0x0a) p++;
  return p;
}

/** Writes a record header for the current line; returns its address. k_scan guarantees the room. */
function header(rule: u32, step: u32, captures: u32): usize {
  const r = outBase + <usize>outUsed;
  store<u32>(r, curStart, REC_LINE_START);
  store<u32>(r, curLen, REC_LINE_LEN);
  store<u32>(r, curIndex, REC_LINE_INDEX);
  store<u32>(r, rule, REC_RULE);
  store<u16>(r, <u16>step, REC_STEP);
  store<u8>(r, <u8>captures, REC_CAPTURES);
  store<u32>(r, 0, REC_CAPTURES + 1);
  outUsed += RECORD_BYTES + captures * CAPTURE_BYTES;
  recordCount++;
  return r;
}

/** Appends the match record of emit-table entry `e` for the current line. */
export function k_emit(e: u32): void {
  if (e >= emitCount) return;
  const entry = emitTable + <usize>e * EMIT_BYTES;
  const first = load<u32>(entry, 8);
  const count = load<u32>(entry, 12);
  if (!timeRead) {
    if (timeSlot != 0) readLineTime();
    timeRead = true;
  }
  const r = header(load<u32>(entry), load<u32>(entry, 4), count);
  store<i64>(r, timeSlot != 0 ? timeNs : 0, REC_TIME);
  store<u8>(r, <u8>(timeSlot != 0 ? timeStatus : TIME_MISSING), REC_TIME_STATUS);
  for (let i: u32 = 0; i < count; i++) {
    const spec = load<u32>(captureList + (<usize>(first + i) << 2));
    const slot = slotBase + <usize>(spec & 0xffffff) * REC_SIZE;
    pinString(slot);
    const tag = tagOf(slot);
    const c = r + RECORD_BYTES + <usize>i * CAPTURE_BYTES;
    store<u64>(c, valueHash(slot, ((spec >> 24) & CAPTURE_FOLD) != 0), CAP_HASH);
    const span = hasSpan(tag);
    store<u32>(c, span ? <u32>ptrOf(slot) : 0, CAP_PTR);
    store<u32>(c, span ? <u32>lenOf(slot) : 0, CAP_LEN);
    store<u64>(c, <u64>tag, CAP_TAG);
  }
}

/**
 * Handles the line starting at p: returns the address after it (past its \n, or end for a
 * last line without one).
 */
function scanLine(p: usize, end: usize, index: u32): usize {
  beginLine();
  timeRead = false;
  const q = skipWs(p, end);
  if (q >= end) return end;
  if (load<u8>(q) == 0x0a) return q + 1;
  let bad = true;
  let at = q;
  let nl = end;
  if (load<u8>(q) == 0x7b) {
    const r = scanObject(q + 1, end, 1, 0, 0, true);
    if (r == 0) {
      at = errPos;
    } else {
      nl = skipWs(r, end);
      bad = nl < end && load<u8>(nl) != 0x0a;
      at = nl;
    }
  }
  if (bad) nl = findNewline(at, end);
  let lineEnd = nl;
  if (lineEnd > p && load<u8>(lineEnd - 1) == 0x0d) lineEnd--;
  curStart = <u32>(p - inputBase);
  curLen = <u32>(lineEnd - p);
  curIndex = index;
  if (bad) {
    const off = (at < lineEnd ? at : lineEnd) - p;
    const r = header(MALFORMED_BIT | <u32>off, 0, 0);
    store<i64>(r, 0, REC_TIME);
    store<u8>(r, <u8>TIME_MISSING, REC_TIME_STATUS);
  } else {
    rules_eval();
  }
  return nl < end ? nl + 1 : end;
}

/**
 * Scans the lines of input[start, end); returns the offset just past the last line handled.
 * Stops at a line boundary when less than one line's worst case of record room is left, so
 * a line's records are never cut short; the host calls again from the returned offset.
 */
export function k_scan(start: u32, end: u32): u32 {
  if (end > inputCap) end = inputCap;
  const stop = inputBase + <usize>end;
  let p = inputBase + <usize>start;
  let lines: u32 = 0;
  outUsed = 0;
  recordCount = 0;
  resetCaptures();
  while (p < stop && outBytes - outUsed >= lineRecordBytes) {
    p = scanLine(p, stop, lines);
    lines++;
  }
  lineCount = lines;
  return <u32>(p - inputBase);
}

/** Records written by the last k_scan. */
export function k_match_count(): u32 {
  return recordCount;
}

/** Lines consumed by the last k_scan, blank ones included. */
export function k_lines(): u32 {
  return lineCount;
}
