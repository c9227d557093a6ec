/**
 * @fileoverview Event time as the runtime carries it: signed nanoseconds since the Unix
 * epoch (the Wasm scanner parses it; see docs/package-abi.md), and its ISO-8601 text
 * with as many fraction digits as the value needs.
 */
export function timestampToIso(ns: bigint): string {
  const ms = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
  const iso = new Date(Number(ms)).toISOString();
  const sub = ns - ms * 1_000_000n;
  const digits = sub.toString().padStart(6, "0").replace(/0+$/, "");
  return digits === "" ? iso : iso.replace("Z", `${digits}Z`);
}
