/**
 * @fileoverview CIDR text → the IR's canonical form (host bits cleared, IPv6 in RFC 5952
 * form, e.g. `10.1.2.3/8` → `10.0.0.0/8`), or undefined when invalid. A bare address is
 * a /32 or /128. IPv4 must be dotted four-part decimal, as Elasticsearch and Python's
 * `ipaddress` (pySigma) require. Shared by EQL's `cidrMatch`, Sigma's `cidr` modifier and
 * JSON rules' `cidr` op; each reports K1011 itself.
 */
import ipaddr from "ipaddr.js";

export function canonicalCidr(text: string): string | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  const addr = m?.[1] ?? "";
  const v6 = addr.includes(":");
  const valid = v6 ? ipaddr.IPv6.isValid(addr) : ipaddr.IPv4.isValidFourPartDecimal(addr);
  const max = v6 ? 128 : 32;
  const bits = m?.[2] === undefined ? max : Number(m[2]);
  if (!valid || bits > max) return undefined;
  const family = v6 ? ipaddr.IPv6 : ipaddr.IPv4;
  return `${family.networkAddressFromCIDR(`${addr}/${bits}`).toString()}/${bits}`;
}
