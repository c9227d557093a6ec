/**
 * @fileoverview Byte-string predicates behind k_str: equality, prefix, suffix, substring
 * search and the `* ? \` wildcard matcher, each optionally folding ASCII A-Z of the value (the
 * pattern arrives lowercased). Non-ASCII bytes are compared as they are.
 */

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

@inline export function fold(b: u32): u32 {
  return b - 0x41 < 26 ? b | 0x20 : b;
}

/** Lowercases the ASCII letters among 8 bytes at once. */
@inline function fold8(x: u64): u64 {
  const low7 = x & ~HIGHS;
  const geA = low7 + ONES * (0x80 - 0x41);
  const gtZ = low7 + ONES * (0x80 - 0x5b);
  const upper = (geA ^ gtZ) & ~x & HIGHS;
  return x | (upper >> 2);
}

/** Do n bytes at a (folded when ci) equal n bytes at b? */
export function eqAt(a: usize, b: usize, n: usize, ci: bool): bool {
  let i: usize = 0;
  if (ci) {
    for (; i + 8 <= n; i += 8) if (fold8(load<u64>(a + i)) != load<u64>(b + i)) return false;
    for (; i < n; i++) if (fold(load<u8>(a + i)) != <u32>load<u8>(b + i)) return false;
  } else {
    for (; i + 8 <= n; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
    for (; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  }
  return true;
}

/** First index in [i, n) of v whose byte is x or y, or n. */
@inline function findByte2(v: usize, i: usize, n: usize, x: u32, y: u32): usize {
  const mx = ONES * <u64>x;
  const my = ONES * <u64>y;
  for (; i + 8 <= n; i += 8) {
    const w = load<u64>(v + i);
    const a = w ^ mx;
    const b = w ^ my;
    const t = (((a - ONES) & ~a) | ((b - ONES) & ~b)) & HIGHS;
    if (t != 0) return i + <usize>(ctz(t) >> 3);
  }
  for (; i < n; i++) {
    const c = <u32>load<u8>(v + i);
    if (c == x || c == y) return i;
  }
  return n;
}

/** Does v (n bytes) contain p (m bytes)? */
export function contains(v: usize, n: usize, p: usize, m: usize, ci: bool): bool {
  if (m == 0) return true;
  if (m > n) return false;
  const first = <u32>load<u8>(p);
  // With ci, a lowercase pattern letter also matches its uppercase form in the value.
  const alt = ci && first - 0x61 < 26 ? first - 0x20 : first;
  const last = n - m;
  let i: usize = 0;
  while (true) {
    i = findByte2(v, i, last + 1, first, alt);
    if (i > last) return false;
    if (eqAt(v + i + 1, p + 1, m - 1, ci)) return true;
    i++;
  }
}

/** Byte length of the UTF-8 character at v, never more than rem. */
@inline function charLen(v: usize, rem: usize): usize {
  let k: usize = 1;
  while (k < rem && (load<u8>(v + k) & 0xc0) == 0x80) k++;
  return k;
}

/**
 * Wildcard match of v against p: `*` any run, `?` one UTF-8 character, `\` makes the next
 * byte literal (a trailing `\` is itself literal). Iterative: on a mismatch, the last `*`
 * absorbs one more character and matching resumes after it.
 */
export function wildcard(v: usize, n: usize, p: usize, m: usize, ci: bool): bool {
  let vi: usize = 0;
  let pi: usize = 0;
  let star = false;
  let starP: usize = 0;
  let starV: usize = 0;
  while (vi < n) {
    if (pi < m) {
      let c = <u32>load<u8>(p + pi);
      if (c == 0x2a) {
        pi++;
        star = true;
        starP = pi;
        starV = vi;
        continue;
      }
      if (c == 0x3f) {
        vi += charLen(v + vi, n - vi);
        pi++;
        continue;
      }
      let step: usize = 1;
      if (c == 0x5c && pi + 1 < m) {
        c = load<u8>(p + pi + 1);
        step = 2;
      }
      let b = <u32>load<u8>(v + vi);
      if (ci) b = fold(b);
      if (b == c) {
        vi++;
        pi += step;
        continue;
      }
    }
    if (!star) return false;
    starV += charLen(v + starV, n - starV);
    vi = starV;
    pi = starP;
  }
  while (pi < m && load<u8>(p + pi) == 0x2a) pi++;
  return pi == m;
}

/** k_str's op on one text: 0 eq, 1 prefix, 2 suffix, 3 contains, 4 wildcard, 5 lt, 6 le, 7 gt, 8 ge. */
export function textOp(v: usize, n: usize, op: u32, p: usize, m: usize, ci: bool): bool {
  switch (op) {
    case 0: return n == m && eqAt(v, p, m, ci);
    case 1: return n >= m && eqAt(v, p, m, ci);
    case 2: return n >= m && eqAt(v + n - m, p, m, ci);
    case 3: return contains(v, n, p, m, ci);
    case 4: return wildcard(v, n, p, m, ci);
    case 5: return compareTexts(v, n, p, m, ci) < 0;
    case 6: return compareTexts(v, n, p, m, ci) <= 0;
    case 7: return compareTexts(v, n, p, m, ci) > 0;
    case 8: return compareTexts(v, n, p, m, ci) >= 0;
    default: return false;
  }
}

/** The bytes of `true` (at +0, 4 long) and `false` (at +4, 5 long), for texts of booleans. */
export const TRUE_FALSE: usize = memory.data<u8>([0x74, 0x72, 0x75, 0x65, 0x66, 0x61, 0x6c, 0x73, 0x65]);

/**
 * Whether v (n bytes) starts with (op 1), ends with (2) or contains (3) p (m bytes), folding
 * ASCII on both sides when ci: for patterns computed per line, which are not lowercased ahead.
 */
export function textOpBothFolded(v: usize, n: usize, op: u32, p: usize, m: usize, ci: bool): bool {
  if (m > n) return false;
  if (op == 1) return compareTexts(v, m, p, m, ci) == 0;
  if (op == 2) return compareTexts(v + n - m, m, p, m, ci) == 0;
  if (op != 3) return false;
  if (!ci) return contains(v, n, p, m, false);
  for (let i: usize = 0; i + m <= n; i++) if (compareTexts(v + i, m, p, m, true) == 0) return true;
  return false;
}

/** Number of UTF-8 code points in n bytes at v (continuation bytes not counted). */
export function codePoints(v: usize, n: usize): u32 {
  let c: u32 = 0;
  for (let i: usize = 0; i < n; i++) if ((load<u8>(v + i) & 0xc0) != 0x80) c++;
  return c;
}

/**
 * Byte-wise order of two texts, folding ASCII A-Z on both sides when ci: -1, 0 or 1. For
 * k_str's ordering ops the pattern is already lowercase, so folding it changes nothing.
 */
export function compareTexts(a: usize, n: usize, b: usize, m: usize, ci: bool): i32 {
  const k = n < m ? n : m;
  for (let i: usize = 0; i < k; i++) {
    let x = <u32>load<u8>(a + i);
    let y = <u32>load<u8>(b + i);
    if (ci) {
      x = fold(x);
      y = fold(y);
    }
    if (x != y) return x < y ? -1 : 1;
  }
  return n == m ? 0 : n < m ? -1 : 1;
}
