/**
 * @fileoverview CIDR text → the IR's canonical form (host bits cleared, shortest
 * address spelling, e.g. `10.1.2.3/8` → `10.0.0.0/8`), or undefined when invalid.
 * Shared by Sigma's `cidr` modifier and JSON rules' `cidr` op.
 */
import ipaddr from "ipaddr.js";

export function canonicalCidr(text: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text.trim());
  } catch {
    return undefined;
  }
  const [addr, bits] = parsed;
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return `${ipaddr.fromByteArray(bytes).toString()}/${bits}`;
}
