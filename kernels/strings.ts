/**
 * @fileoverview JSON strings: find the closing quote 8 bytes at a time, validate escapes,
 * decode escaped strings (\uXXXX and surrogate pairs to UTF-8) into the per-line scratch
 * region, and hash object keys as they are read. Bytes >= 0x80 must form well-formed
 * UTF-8 (no overlongs, surrogates or code points past U+10FFFF), else the line is malformed.
 */
import { fail } from "./fail";
import { scratchBase } from "./layout";
import { fnvByte } from "./fields";
import { setSpan, TAG_STRING } from "./slots";

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/** Next free scratch byte; reset for every line. */
let scratchTop: usize = 0;
/** Bytes the last decodeEscape wrote. */
let escLen: usize = 0;
/** Where escapes go when only validating or hashing. */
const escTmp: usize = memory.data(8, 8);

/** Hash and byte length of the path of the last key hashed by readKey. */
export let keyHash: u64 = 0;
export let keyLen: u32 = 0;

export function resetScratch(): void {
  scratchTop = scratchBase;
}

/** First byte in [p, end) that is `"`, `\`, a control character or not ASCII; end when none. */
@inline function findByte(p: usize, end: usize): usize {
  while (p + 8 <= end) {
    const x = load<u64>(p);
    const q = x ^ 0x2222222222222222;
    const s = x ^ 0x5c5c5c5c5c5c5c5c;
    // Per-byte "is zero" / "is below 0x20" / "high bit set" tests; the lowest flagged byte is always exact.
    const t = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((x - 0x2020202020202020) & ~x) | x) & HIGHS;
    if (t != 0) return p + <usize>(ctz(t) >> 3);
    p += 8;
  }
  while (p < end) {
    const b = <u32>load<u8>(p);
    if (b == 0x22 || b == 0x5c || b < 0x20 || b >= 0x80) return p;
    p++;
  }
  return end;
}

/**
 * The address after the well-formed UTF-8 sequence whose lead byte (>= 0x80) is at p, or 0
 * when it is not one (Unicode's table of well-formed byte sequences).
 */
export function utf8Sequence(p: usize, end: usize): usize {
  const b = <u32>load<u8>(p);
  let n: usize;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 2;
    if (b == 0xe0) lo = 0xa0;
    else if (b == 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 3;
    if (b == 0xf0) lo = 0x90;
    else if (b == 0xf4) hi = 0x8f;
  } else return 0;
  if (p + n >= end) return 0;
  const second = <u32>load<u8>(p + 1);
  if (second < lo || second > hi) return 0;
  for (let i: usize = 2; i <= n; i++) {
    if ((<u32>load<u8>(p + i) & 0xc0) != 0x80) return 0;
  }
  return p + n + 1;
}

/**
 * First byte in [p, end) that is `"`, `\` or a control character, past well-formed UTF-8;
 * end when none. At malformed UTF-8 it stops on the bad byte, which every caller, expecting
 * a quote or a backslash there, fails the line at.
 */
@inline export function findSpecial(p: usize, end: usize): usize {
  while (true) {
    p = findByte(p, end);
    if (p >= end || <u32>load<u8>(p) < 0x80) return p;
    const next = utf8Sequence(p, end);
    if (next == 0) return p;
    p = next;
  }
}

@inline function hexVal(b: u32): i32 {
  if (b - 0x30 < 10) return <i32>(b - 0x30);
  const l = b | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x57);
  return -1;
}

/** Value of 4 hex digits at p (caller checked bounds), or -1. */
function hex4(p: usize): i32 {
  let v: i32 = 0;
  for (let i: usize = 0; i < 4; i++) {
    const h = hexVal(load<u8>(p + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

/** Writes code point cp as UTF-8 at dst; returns the byte count. */
function writeUtf8(dst: usize, cp: u32): usize {
  if (cp < 0x80) {
    store<u8>(dst, <u8>cp);
    return 1;
  }
  if (cp < 0x800) {
    store<u8>(dst, <u8>(0xc0 | (cp >> 6)));
    store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 1);
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(dst, <u8>(0xe0 | (cp >> 12)));
    store<u8>(dst, <u8>(0x80 | ((cp >> 6) & 0x3f)), 1);
    store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 2);
    return 3;
  }
  store<u8>(dst, <u8>(0xf0 | (cp >> 18)));
  store<u8>(dst, <u8>(0x80 | ((cp >> 12) & 0x3f)), 1);
  store<u8>(dst, <u8>(0x80 | ((cp >> 6) & 0x3f)), 2);
  store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 3);
  return 4;
}

/**
 * Decodes \uXXXX (p just past the `u`). A high surrogate followed by \u + low surrogate is one
 * code point; a lone surrogate becomes U+FFFD, as TextEncoder would encode it.
 */
function decodeUnicode(p: usize, end: usize, dst: usize): usize {
  if (p + 4 > end) return fail(p - 2);
  let cp = hex4(p);
  if (cp < 0) return fail(p - 2);
  p += 4;
  if ((cp & 0xfc00) == 0xd800) {
    const lo = p + 6 <= end && load<u8>(p) == 0x5c && load<u8>(p, 1) == 0x75 ? hex4(p + 2) : -1;
    if ((lo & 0xfc00) == 0xdc00) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      p += 6;
    } else {
      cp = 0xfffd;
    }
  } else if ((cp & 0xfc00) == 0xdc00) {
    cp = 0xfffd;
  }
  escLen = writeUtf8(dst, <u32>cp);
  return p;
}

/** Decodes the escape whose backslash is at p - 1 into dst; returns the address after it. */
function decodeEscape(p: usize, end: usize, dst: usize): usize {
  if (p >= end) return fail(p);
  let c: u32 = load<u8>(p);
  switch (c) {
    case 0x22: case 0x5c: case 0x2f: break;
    case 0x62: c = 0x08; break;
    case 0x66: c = 0x0c; break;
    case 0x6e: c = 0x0a; break;
    case 0x72: c = 0x0d; break;
    case 0x74: c = 0x09; break;
    case 0x75: return decodeUnicode(p + 1, end, dst);
    default: return fail(p - 1);
  }
  store<u8>(dst, <u8>c);
  escLen = 1;
  return p + 1;
}

/** Validates a string (p just past the opening quote); returns the address after it. */
export function skipString(p: usize, end: usize): usize {
  while (true) {
    p = findSpecial(p, end);
    if (p >= end) return fail(end);
    const b = load<u8>(p);
    if (b == 0x22) return p + 1;
    if (b != 0x5c) return fail(p);
    p = decodeEscape(p + 1, end, escTmp);
    if (p == 0) return 0;
  }
}

/** Reads a string into rec: in place when it has no escapes, else decoded into scratch. */
export function readString(p: usize, end: usize, rec: usize): usize {
  const s = findSpecial(p, end);
  if (s >= end) return fail(end);
  const b = load<u8>(s);
  if (b == 0x22) {
    setSpan(rec, TAG_STRING, p, s - p);
    return s + 1;
  }
  if (b != 0x5c) return fail(s);
  const out = scratchTop;
  let o = out + (s - p);
  memory.copy(out, p, s - p);
  p = s;
  while (true) {
    // p is at a backslash here.
    p = decodeEscape(p + 1, end, o);
    if (p == 0) return 0;
    o += escLen;
    const q = findSpecial(p, end);
    if (q >= end) return fail(end);
    memory.copy(o, p, q - p);
    o += q - p;
    p = q;
    const c = load<u8>(p);
    if (c == 0x22) break;
    if (c != 0x5c) return fail(p);
  }
  scratchTop = o;
  setSpan(rec, TAG_STRING, out, o - out);
  return p + 1;
}

/**
 * Reads a key (p just past the opening quote), continuing hash h of a path of length n with
 * the key's decoded bytes; leaves the result in keyHash/keyLen.
 */
export function readKey(p: usize, end: usize, h: u64, n: u32): usize {
  while (true) {
    if (p >= end) return fail(end);
    const b = <u32>load<u8>(p);
    if (b == 0x22) break;
    if (b == 0x5c) {
      p = decodeEscape(p + 1, end, escTmp);
      if (p == 0) return 0;
      for (let i: usize = 0; i < escLen; i++) h = fnvByte(h, load<u8>(escTmp + i));
      n += <u32>escLen;
      continue;
    }
    if (b < 0x20) return fail(p);
    if (b >= 0x80) {
      const next = utf8Sequence(p, end);
      if (next == 0) return fail(p);
      n += <u32>(next - p);
      for (; p < next; p++) h = fnvByte(h, load<u8>(p));
      continue;
    }
    h = fnvByte(h, b);
    n++;
    p++;
  }
  keyHash = h;
  keyLen = n;
  return p + 1;
}
