/**
 * @fileoverview Captures (package ABI "Captures"): a slot's value as a 64-bit FNV-1a hash of
 * its canonical form plus a span of its exact bytes, so the host can group and join events
 * by value without parsing the line. Canonical forms: a STRING is "s" + its decoded UTF-8
 * bytes (ASCII folded to lower case with CAPTURE_FOLD); a NUMBER is its exact decimal value
 * (numberHash), so 10, 10.0 and 1e1 are one key; TRUE "T", FALSE "F", NULL "N"; an ARRAY "a" + the
 * hashes of its stored elements; an OBJECT "o"; MISSING hashes to 0. A decoded STRING that
 * lives in the per-line scratch region is copied once per line to the capture arena, so its
 * span stays valid until the next k_scan.
 */
import { TAG_MISSING, TAG_NULL, TAG_STRING, TAG_NUMBER, TAG_TRUE, TAG_FALSE, TAG_ARRAY, SLOT_BYTES } from "./abi";
import { FNV_BASIS, fnvByte } from "./fields";
import { captureBase, scratchBase, inputCap } from "./layout";
import { tagOf, ptrOf, lenOf, elemFirst, elemEnd } from "./slots";
import { fold } from "./text";
import { parseDecimal, scaleToI64, decNeg, decMant, decExp, decValue } from "./decimal";

/** Next free capture-arena byte; reset by every k_scan. */
let captureTop: usize = 0;

export function resetCaptures(): void {
  captureTop = captureBase;
}

function hashBytes(h: u64, p: usize, n: usize, ci: bool): u64 {
  for (let i: usize = 0; i < n; i++) {
    const b = <u32>load<u8>(p + i);
    h = fnvByte(h, ci ? fold(b) : b);
  }
  return h;
}

function hashU64(h: u64, v: u64): u64 {
  for (let i: u64 = 0; i < 64; i += 8) h = fnvByte(h, <u32>((v >> i) & 0xff));
  return h;
}

/**
 * A NUMBER's canonical form: its exact decimal value (decimal.ts); "i" + the i64 when that
 * value is an integer that fits i64, else "d" + sign byte + significand (u64) + exponent (i32).
 */
function numberHash(p: usize, n: usize): u64 {
  parseDecimal(p, n);
  if (decMant == 0) return hashU64(fnvByte(FNV_BASIS, 0x69), 0);
  if (decExp >= 0 && scaleToI64(decNeg, decMant, decExp)) return hashU64(fnvByte(FNV_BASIS, 0x69), <u64>decValue);
  let h = fnvByte(fnvByte(FNV_BASIS, 0x64), decNeg ? 1 : 0);
  h = hashU64(h, decMant);
  for (let i: u32 = 0; i < 32; i += 8) h = fnvByte(h, (<u32>decExp >> i) & 0xff);
  return h;
}

/** Hash of the canonical form of the value in record rec. */
export function valueHash(rec: usize, ci: bool): u64 {
  const tag = tagOf(rec);
  switch (tag) {
    case TAG_MISSING:
      return 0;
    case TAG_STRING:
      return hashBytes(fnvByte(FNV_BASIS, 0x73), ptrOf(rec), lenOf(rec), ci);
    case TAG_NUMBER:
      return numberHash(ptrOf(rec), lenOf(rec));
    case TAG_TRUE:
      return fnvByte(FNV_BASIS, 0x54);
    case TAG_FALSE:
      return fnvByte(FNV_BASIS, 0x46);
    case TAG_NULL:
      return fnvByte(FNV_BASIS, 0x4e);
    case TAG_ARRAY: {
      let h = fnvByte(FNV_BASIS, 0x61);
      for (let e = elemFirst(rec), end = elemEnd(rec); e < end; e += SLOT_BYTES) h = hashU64(h, valueHash(e, ci));
      return h;
    }
    default:
      return fnvByte(FNV_BASIS, 0x6f);
  }
}

/** Makes a STRING slot's bytes outlive the line: copies them out of scratch once. */
export function pinString(rec: usize): void {
  if (tagOf(rec) != TAG_STRING) return;
  const p = ptrOf(rec);
  if (p < scratchBase || p >= scratchBase + <usize>inputCap) return;
  const n = lenOf(rec);
  memory.copy(captureTop, p, n);
  store<u32>(rec, <u32>captureTop, 4);
  captureTop += n;
}

/** Span of the capture's bytes: STRING decoded text, NUMBER raw text, else empty. */
export function hasSpan(tag: u32): bool {
  return tag == TAG_STRING || tag == TAG_NUMBER;
}
