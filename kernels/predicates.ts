/**
 * @fileoverview The predicate kernels generated rule code calls (package ABI "Predicate
 * kernels"). Each tests one record and, for an ARRAY, is true when any stored element passes;
 * MISSING and NULL never pass.
 */
import { regex_test } from "./imports";
import { REC_SIZE } from "./layout";
import {
  TAG_MISSING, TAG_NULL, TAG_STRING, TAG_TRUE, TAG_FALSE, TAG_ARRAY,
  slotAt, tagOf, ptrOf, lenOf, totalOf, elemFirst, elemEnd, hasText,
} from "./slots";
import { textOp, codePoints, eqAt, TRUE_FALSE } from "./text";
import { intOne, floatOne, cmpI64 } from "./number";
import { inCidr } from "./cidr";

/** "true" and "false" in lowercase, compared with ci against a STRING. */

export function k_exists(slot: u32): i32 {
  const rec = slotAt(slot);
  const tag = tagOf(rec);
  if (tag != TAG_ARRAY) return <i32>(tag != TAG_MISSING && tag != TAG_NULL);
  // Like Elasticsearch's exists: [] and [null, …] do not count as present.
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (tagOf(e) != TAG_NULL) return 1;
  }
  return <i32>(totalOf(rec) > <u32>lenOf(rec));
}

@inline function strOne(rec: usize, op: u32, pat: usize, plen: usize, ci: bool): bool {
  return hasText(tagOf(rec)) && textOp(ptrOf(rec), lenOf(rec), op, pat, plen, ci);
}

export function k_str(slot: u32, op: u32, pat: u32, plen: u32, ci: u32): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>strOne(rec, op, pat, plen, ci != 0);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (strOne(e, op, pat, plen, ci != 0)) return 1;
  }
  return 0;
}

export function k_int(slot: u32, op: u32, value: i64): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>intOne(rec, op, value);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (intOne(e, op, value)) return 1;
  }
  return 0;
}

export function k_float(slot: u32, op: u32, value: f64): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>floatOne(rec, op, value);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (floatOne(e, op, value)) return 1;
  }
  return 0;
}

@inline function boolOne(rec: usize, want: bool): bool {
  const tag = tagOf(rec);
  if (tag == TAG_TRUE) return want;
  if (tag == TAG_FALSE) return !want;
  if (tag != TAG_STRING) return false;
  const n = lenOf(rec);
  if (n == 4) return want && eqAt(ptrOf(rec), TRUE_FALSE, 4, true);
  return n == 5 && !want && eqAt(ptrOf(rec), TRUE_FALSE + 4, 5, true);
}

export function k_bool(slot: u32, value: u32): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>boolOne(rec, value != 0);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (boolOne(e, value != 0)) return 1;
  }
  return 0;
}

@inline function cidrOne(rec: usize, net: usize, bits: u32, v6: bool): bool {
  return tagOf(rec) == TAG_STRING && inCidr(ptrOf(rec), lenOf(rec), net, bits, v6);
}

export function k_cidr(slot: u32, net: u32, bits: u32, isV6: u32): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>cidrOne(rec, net, bits, isV6 != 0);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (cidrOne(e, net, bits, isV6 != 0)) return 1;
  }
  return 0;
}

/** STRING: code points; ARRAY: its element count as JSON sees it. Other tags: false. */
export function k_len(slot: u32, op: u32, value: i64): i32 {
  const rec = slotAt(slot);
  const tag = tagOf(rec);
  if (tag == TAG_STRING) return <i32>cmpI64(codePoints(ptrOf(rec), lenOf(rec)), op, value);
  if (tag == TAG_ARRAY) return <i32>cmpI64(totalOf(rec), op, value);
  return 0;
}

@inline function regexOne(rec: usize, idx: u32): bool {
  return hasText(tagOf(rec)) && regex_test(idx, ptrOf(rec), lenOf(rec)) != 0;
}

export function k_regex(slot: u32, idx: u32): i32 {
  const rec = slotAt(slot);
  if (tagOf(rec) != TAG_ARRAY) return <i32>regexOne(rec, idx);
  for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += REC_SIZE) {
    if (regexOne(e, idx)) return 1;
  }
  return 0;
}
