/**
 * @fileoverview k_scan: splits the input region into NDJSON lines, scans each with the JSON
 * scanner, runs rules_eval on well-formed lines and writes 16-byte match records (package ABI
 * "Match records"). Lines are found by the parser itself: \n is never JSON whitespace here and
 * is a control character inside strings, so a well-formed line's scan stops right at its end.
 */
import { rules_eval } from "./imports";
import { inputBase, inputCap, outBase, outCap, ruleCount, MATCH_SIZE } from "./layout";
import { errPos } from "./fail";
import { beginLine, scanObject, skipWs } from "./json";
import { textOp } from "./text";

const MALFORMED: u32 = 0x80000000;

let matchCount: u32 = 0;
let lineCount: u32 = 0;
/** The line being evaluated, as k_emit reports it. */
let curStart: u32 = 0;
let curLen: u32 = 0;
let curIndex: u32 = 0;

/** k_str's text ops on the current line's raw bytes (Sigma keyword searches). */
export function k_raw(op: u32, pat: u32, plen: u32, ci: u32): i32 {
  return <i32>textOp(inputBase + <usize>curStart, <usize>curLen, op, pat, plen, ci != 0);
}

/** First \n in [p, end), or end. Only malformed lines need this search. */
function findNewline(p: usize, end: usize): usize {
  while (p < end && load<u8>(p) != 0x0a) p++;
  return p;
}

/** Appends a match record for the current line; drops it if the output region is full. */
export function k_emit(rule: u32): void {
  if (matchCount >= outCap) return;
  const r = outBase + <usize>matchCount * MATCH_SIZE;
  store<u32>(r, curStart);
  store<u32>(r, curLen, 4);
  store<u32>(r, curIndex, 8);
  store<u32>(r, rule, 12);
  matchCount++;
}

/**
 * Handles the line starting at p: returns the address after it (past its \n, or end for an
 * unterminated last line when `final`), or 0 when the line is incomplete and must wait.
 */
function scanLine(p: usize, end: usize, final: bool, index: u32): usize {
  beginLine();
  const q = skipWs(p, end);
  if (q >= end) return final ? end : 0;
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
  if (nl >= end && !final) return 0;
  let lineEnd = nl;
  if (lineEnd > p && load<u8>(lineEnd - 1) == 0x0d) lineEnd--;
  curStart = <u32>(p - inputBase);
  curLen = <u32>(lineEnd - p);
  curIndex = index;
  if (bad) {
    const off = (at < lineEnd ? at : lineEnd) - p;
    k_emit(MALFORMED | <u32>off);
  } else {
    rules_eval();
  }
  return nl < end ? nl + 1 : end;
}

/**
 * Scans len input bytes; returns the bytes consumed. Stops at a line boundary when fewer than
 * ruleCount + 1 records of room are left, so a line's records are never cut short.
 */
export function k_scan(len: u32, final: u32): u32 {
  if (len > inputCap) len = inputCap;
  const end = inputBase + <usize>len;
  const need = ruleCount + 1;
  let p = inputBase;
  let lines: u32 = 0;
  matchCount = 0;
  while (p < end && outCap - matchCount >= need) {
    const next = scanLine(p, end, final != 0, lines);
    if (next == 0) break;
    p = next;
    lines++;
  }
  lineCount = lines;
  return <u32>(p - inputBase);
}

/** Records written by the last k_scan. */
export function k_match_count(): u32 {
  return matchCount;
}

/** Lines consumed by the last k_scan, blank ones included. */
export function k_lines(): u32 {
  return lineCount;
}
