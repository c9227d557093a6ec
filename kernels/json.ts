/**
 * @fileoverview The validating JSON scanner for one line's top-level object. Keys are hashed
 * as dotted paths while read (nested objects continue their parent's hash with "."), and only
 * values whose path is in the field table are stored into slots; everything else is validated
 * and skipped. Arrays of a referenced path put their scalar elements in the element arena.
 */
import { fail } from "./fail";
import { fieldCount, slotBase, arenaBase, ARENA_CAP, REC_SIZE } from "./layout";
import { MAX_DEPTH } from "./abi";
import { FNV_BASIS, fnvByte, lookupField } from "./fields";
import { readKey, readString, skipString, resetScratch, keyHash, keyLen } from "./strings";
import { readNumber } from "./numparse";
import { setSpan, setArray, TAG_NULL, TAG_TRUE, TAG_FALSE, TAG_OBJECT } from "./slots";

/** Element records used on this line. */
let arenaCount: u32 = 0;

/** Clears per-line state: every slot to MISSING, the arena and the scratch region. */
export function beginLine(): void {
  const end = slotBase + <usize>fieldCount * REC_SIZE;
  for (let s = slotBase; s < end; s += REC_SIZE) store<u8>(s, 0);
  arenaCount = 0;
  resetScratch();
}

/** JSON whitespace except \n, which always ends the line. */
@inline export function skipWs(p: usize, end: usize): usize {
  while (p < end) {
    const b = load<u8>(p);
    if (b != 0x20 && b != 0x09 && b != 0x0d) break;
    p++;
  }
  return p;
}

/**
 * Scans an object's members (p just past `{`) at nesting depth `depth`. When `hashing`, keys
 * extend path hash h (length n; depth 1 is the top level) and referenced values are stored.
 */
export function scanObject(p: usize, end: usize, depth: u32, h: u64, n: u32, hashing: bool): usize {
  p = skipWs(p, end);
  if (p < end && load<u8>(p) == 0x7d) return p + 1;
  while (true) {
    if (p >= end || load<u8>(p) != 0x22) return fail(p);
    let rec: usize = 0;
    let kh: u64 = 0;
    let kn: u32 = 0;
    if (hashing) {
      p = depth == 1 ? readKey(p + 1, end, FNV_BASIS, 0) : readKey(p + 1, end, fnvByte(h, 0x2e), n + 1);
      if (p == 0) return 0;
      kh = keyHash;
      kn = keyLen;
      rec = lookupField(kh, kn);
    } else {
      p = skipString(p + 1, end);
      if (p == 0) return 0;
    }
    p = skipWs(p, end);
    if (p >= end || load<u8>(p) != 0x3a) return fail(p);
    p = readValue(skipWs(p + 1, end), end, depth, rec, kh, kn, hashing);
    if (p == 0) return 0;
    p = skipWs(p, end);
    if (p >= end) return fail(p);
    const b = load<u8>(p);
    if (b == 0x7d) return p + 1;
    if (b != 0x2c) return fail(p);
    p = skipWs(p + 1, end);
  }
}

/**
 * Scans an array's elements (p just past `[`). With rec != 0, scalar elements are stored in
 * the arena while it has room; nested objects and arrays are only validated.
 */
function scanArray(p: usize, end: usize, depth: u32, rec: usize): usize {
  const first = arenaCount;
  let total: u32 = 0;
  p = skipWs(p, end);
  if (p < end && load<u8>(p) == 0x5d) {
    if (rec != 0) setArray(rec, first, 0, 0);
    return p + 1;
  }
  while (true) {
    if (p >= end) return fail(p);
    const b = load<u8>(p);
    let elem: usize = 0;
    if (rec != 0 && b != 0x7b && b != 0x5b && arenaCount < ARENA_CAP) {
      elem = arenaBase + <usize>arenaCount * REC_SIZE;
      arenaCount++;
    }
    p = readValue(p, end, depth, elem, 0, 0, false);
    if (p == 0) return 0;
    total++;
    p = skipWs(p, end);
    if (p >= end) return fail(p);
    const c = load<u8>(p);
    if (c == 0x5d) break;
    if (c != 0x2c) return fail(p);
    p = skipWs(p + 1, end);
  }
  if (rec != 0) setArray(rec, first, arenaCount - first, total);
  return p + 1;
}

/**
 * Reads one value at p inside a container at depth `depth`, storing it into rec when rec != 0.
 * h/n/hashing are the value's own path, passed on to a nested object.
 */
export function readValue(p: usize, end: usize, depth: u32, rec: usize, h: u64, n: u32, hashing: bool): usize {
  if (p >= end) return fail(p);
  const b = <u32>load<u8>(p);
  if (b == 0x22) return rec != 0 ? readString(p + 1, end, rec) : skipString(p + 1, end);
  if (b - 0x30 < 10 || b == 0x2d) return readNumber(p, end, rec);
  if (b == 0x7b) {
    if (depth >= MAX_DEPTH) return fail(p);
    const q = scanObject(p + 1, end, depth + 1, h, n, hashing);
    if (rec != 0 && q != 0) setSpan(rec, TAG_OBJECT, p, q - p);
    return q;
  }
  if (b == 0x5b) {
    if (depth >= MAX_DEPTH) return fail(p);
    return scanArray(p + 1, end, depth + 1, rec);
  }
  let tag: u32;
  let len: usize = 4;
  // Literals compared as one little-endian u32: "true", "null", and "alse" after the f.
  if (b == 0x74 && p + 4 <= end && load<u32>(p) == 0x65757274) tag = TAG_TRUE;
  else if (b == 0x6e && p + 4 <= end && load<u32>(p) == 0x6c6c756e) tag = TAG_NULL;
  else if (b == 0x66 && p + 5 <= end && load<u32>(p, 1) == 0x65736c61) {
    tag = TAG_FALSE;
    len = 5;
  } else return fail(p);
  if (rec != 0) setSpan(rec, tag, p, len);
  return p + len;
}
