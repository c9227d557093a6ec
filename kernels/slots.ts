/**
 * @fileoverview Slot and element-record layout (package ABI "Slots"): tags, field offsets,
 * the setters the JSON scanner uses, and the readers the predicate kernels use, including the
 * element range of an ARRAY for any-element semantics.
 */
import { slotBase, arenaBase, REC_SIZE } from "./layout";

import { TAG_STRING, TAG_NUMBER, TAG_ARRAY } from "./abi";
export { TAG_MISSING, TAG_NULL, TAG_STRING, TAG_NUMBER, TAG_TRUE, TAG_FALSE, TAG_ARRAY, TAG_OBJECT } from "./abi";

/** Flags bit 0: the NUMBER is an integer that fits i64 (value at offset 24). */
export const FLAG_INT: u32 = 1;

// Byte offsets inside a 32-byte record. Offset 12 is unused by the ABI; for an ARRAY we keep
// there the element count including nested containers and dropped elements (for k_len).
// tag 0, flags 1, ptr 4, len 8, total 12, f64 16, i64 24.

@inline export function slotAt(slot: u32): usize {
  return slotBase + <usize>slot * REC_SIZE;
}

@inline export function tagOf(rec: usize): u32 {
  return load<u8>(rec);
}

@inline export function ptrOf(rec: usize): usize {
  return load<u32>(rec, 4);
}

@inline export function lenOf(rec: usize): usize {
  return load<u32>(rec, 8);
}

@inline export function isInt(rec: usize): bool {
  return (load<u8>(rec, 1) & FLAG_INT) != 0;
}

@inline export function f64Of(rec: usize): f64 {
  return load<f64>(rec, 16);
}

@inline export function i64Of(rec: usize): i64 {
  return load<i64>(rec, 24);
}

/** Element count of an ARRAY as JSON sees it (nested containers and dropped ones included). */
@inline export function totalOf(rec: usize): u32 {
  return load<u32>(rec, 12);
}

/** First element record of an ARRAY. */
@inline export function elemFirst(rec: usize): usize {
  return arenaBase + <usize>load<u32>(rec, 4) * REC_SIZE;
}

/** Just past the last stored element record of an ARRAY. */
@inline export function elemEnd(rec: usize): usize {
  return elemFirst(rec) + <usize>load<u32>(rec, 8) * REC_SIZE;
}

/** STRING and NUMBER have text (a NUMBER's is its raw JSON text). */
@inline export function hasText(tag: u32): bool {
  return tag == TAG_STRING || tag == TAG_NUMBER;
}

/** Stores tag, ptr and len; also used for NULL/TRUE/FALSE (ptr/len unused). */
@inline export function setSpan(rec: usize, tag: u32, ptr: usize, len: usize): void {
  store<u8>(rec, <u8>tag);
  store<u8>(rec, 0, 1);
  store<u32>(rec, <u32>ptr, 4);
  store<u32>(rec, <u32>len, 8);
}

@inline export function setArray(rec: usize, first: u32, stored: u32, total: u32): void {
  setSpan(rec, TAG_ARRAY, first, stored);
  store<u32>(rec, total, 12);
}

@inline export function setNumber(rec: usize, ptr: usize, len: usize, f: f64, i: i64, int: bool): void {
  setSpan(rec, TAG_NUMBER, ptr, len);
  store<u8>(rec, int ? <u8>FLAG_INT : 0, 1);
  store<f64>(rec, f, 16);
  store<i64>(rec, i, 24);
}
