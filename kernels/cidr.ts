/**
 * @fileoverview IP parsing and prefix matching behind k_cidr: IPv4 dotted quads (no leading
 * zeros, as inet_pton), IPv6 with `::` compression, embedded IPv4 and an ignored `%zone`
 * suffix; IPv4 networks also match IPv4-mapped IPv6 addresses (::ffff:a.b.c.d).
 */

/** The parsed address: 4 bytes for IPv4, 16 for IPv6. */
const addr: usize = memory.data(16, 8);

const NOT_IP: u32 = 0;
const V4: u32 = 4;
const V6: u32 = 6;

/** Parses a dotted quad in [p, end) into 4 bytes at dst. */
function parseV4(p: usize, end: usize, dst: usize): bool {
  for (let i: usize = 0; i < 4; i++) {
    if (i > 0) {
      if (p >= end || load<u8>(p) != 0x2e) return false;
      p++;
    }
    const start = p;
    let v: u32 = 0;
    while (p < end && p - start < 4) {
      const d = <u32>load<u8>(p) - 0x30;
      if (d >= 10) break;
      v = v * 10 + d;
      p++;
    }
    const n = p - start;
    if (n == 0 || n > 3 || v > 255 || (n > 1 && load<u8>(start) == 0x30)) return false;
    store<u8>(dst + i, <u8>v);
  }
  return p == end;
}

@inline function hexVal(b: u32): i32 {
  if (b - 0x30 < 10) return <i32>(b - 0x30);
  const l = b | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x57);
  return -1;
}

/** Parses IPv6 text in [p, end) into 16 bytes at addr. */
function parseV6(p: usize, end: usize): bool {
  let g: usize = 0; // groups written
  let gap: isize = -1; // group index where `::` stands
  if (end - p >= 2 && load<u8>(p) == 0x3a && load<u8>(p, 1) == 0x3a) {
    gap = 0;
    p += 2;
  }
  while (p < end) {
    if (g >= 8) return false;
    const start = p;
    let v: i32 = 0;
    while (p < end && p - start < 5) {
      const h = hexVal(load<u8>(p));
      if (h < 0) break;
      v = (v << 4) | h;
      p++;
    }
    if (p < end && load<u8>(p) == 0x2e) {
      // Embedded IPv4 fills the last two groups.
      if (g > 6 || !parseV4(start, end, addr + (g << 1))) return false;
      g += 2;
      p = end;
      break;
    }
    if (p == start || p - start > 4) return false;
    store<u16>(addr + (g << 1), bswap<u16>(<u16>v));
    g++;
    if (p == end) break;
    if (load<u8>(p) != 0x3a) return false;
    p++;
    if (p < end && load<u8>(p) == 0x3a) {
      if (gap >= 0) return false;
      gap = <isize>g;
      p++;
    } else if (p == end) {
      return false;
    }
  }
  if (gap < 0) return g == 8;
  // `::` stands for at least one zero group: move the groups after it to the end.
  if (g > 7) return false;
  const tail = (g - <usize>gap) << 1;
  const from = addr + (<usize>gap << 1);
  memory.copy(addr + 16 - tail, from, tail);
  memory.fill(from, 0, 16 - (g << 1));
  return true;
}

/** Parses [p, p+n) as an address into addr; returns V4, V6 or NOT_IP. */
function parseIp(p: usize, n: usize): u32 {
  let end = p + n;
  let colon = false;
  for (let q = p; q < end; q++) {
    const b = load<u8>(q);
    if (b == 0x3a) colon = true;
    else if (b == 0x25 && colon) {
      end = q;
      break;
    }
  }
  if (!colon) return parseV4(p, end, addr) ? V4 : NOT_IP;
  return parseV6(p, end) ? V6 : NOT_IP;
}

/** Are the first `bits` bits at a and b equal? */
function prefixEq(a: usize, b: usize, bits: u32): bool {
  const whole = <usize>(bits >> 3);
  for (let i: usize = 0; i < whole; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  const rest = bits & 7;
  if (rest == 0) return true;
  const mask = <u32>(0xff00 >> rest) & 0xff;
  return ((<u32>load<u8>(a + whole) ^ <u32>load<u8>(b + whole)) & mask) == 0;
}

@inline function isMappedV4(a: usize): bool {
  return load<u64>(a) == 0 && load<u32>(a, 8) == 0xffff0000;
}

/** Is the text [p, p+n) an address inside network net/bits (v6 when isV6)? */
export function inCidr(p: usize, n: usize, net: usize, bits: u32, isV6: bool): bool {
  const kind = parseIp(p, n);
  if (isV6) return kind == V6 && prefixEq(addr, net, bits > 128 ? 128 : bits);
  const b = bits > 32 ? 32 : bits;
  if (kind == V4) return prefixEq(addr, net, b);
  return kind == V6 && isMappedV4(addr) && prefixEq(addr + 12, net, b);
}
