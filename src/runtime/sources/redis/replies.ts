/**
 * @fileoverview Typed readings of the stream replies ioredis hands back untyped through
 * `call` (XREADGROUP, XAUTOCLAIM, XRANGE, XPENDING, XINFO GROUPS). An entry whose fields
 * were trimmed away arrives as null and is kept with no fields, so it can still be acked.
 */

export interface StreamEntry {
  readonly id: string;
  /** The `e` field, when the entry has one. */
  readonly fields: ReadonlyMap<string, string>;
}

const isArray = Array.isArray as (v: unknown) => v is readonly unknown[];

export function entries(reply: unknown): StreamEntry[] {
  if (!isArray(reply)) return [];
  return reply.flatMap((item): StreamEntry[] => {
    if (!isArray(item) || typeof item[0] !== "string") return [];
    const raw = item[1];
    const fields = new Map<string, string>();
    if (isArray(raw)) for (let i = 0; i + 1 < raw.length; i += 2) fields.set(String(raw[i]), String(raw[i + 1]));
    return [{ id: item[0], fields }];
  });
}

/**
 * XREADGROUP … STREAMS: stream key → its entries. RESP2 answers [[key, entries], …];
 * RESP3 (ioredis 6's default) a map, which ioredis hands over flat: [key, entries, …].
 */
export function streamsReply(reply: unknown): Map<string, StreamEntry[]> {
  const out = new Map<string, StreamEntry[]>();
  if (!isArray(reply)) return out;
  if (typeof reply[0] === "string") {
    for (let i = 0; i + 1 < reply.length; i += 2) out.set(String(reply[i]), entries(reply[i + 1]));
    return out;
  }
  for (const s of reply) if (isArray(s) && typeof s[0] === "string") out.set(s[0], entries(s[1]));
  return out;
}

/** XAUTOCLAIM: the next cursor and the claimed entries. */
export function autoclaimReply(reply: unknown): { cursor: string; claimed: StreamEntry[] } {
  if (!isArray(reply) || typeof reply[0] !== "string") return { cursor: "0-0", claimed: [] };
  return { cursor: reply[0], claimed: entries(reply[1]) };
}

/** XPENDING key group (summary form): how many, the lowest id, and per consumer. */
export interface PendingSummary {
  readonly count: number;
  readonly minId: string | undefined;
  readonly byConsumer: ReadonlyMap<string, number>;
}

export function pendingSummary(reply: unknown): PendingSummary {
  if (!isArray(reply)) return { count: 0, minId: undefined, byConsumer: new Map() };
  const byConsumer = new Map<string, number>();
  if (isArray(reply[3])) for (const c of reply[3]) if (isArray(c)) byConsumer.set(String(c[0]), Number(c[1]));
  return { count: Number(reply[0]), minId: typeof reply[1] === "string" ? reply[1] : undefined, byConsumer };
}

/** XINFO GROUPS: the named group's last delivered id and lag (Redis 7; lag may be null). */
export function groupInfo(reply: unknown, group: string): { lastDelivered: string; lag: number | undefined } | undefined {
  if (!isArray(reply)) return undefined;
  for (const g of reply) {
    if (!isArray(g)) continue;
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < g.length; i += 2) info.set(String(g[i]), g[i + 1]);
    if (info.get("name") !== group) continue;
    const lag = info.get("lag");
    return { lastDelivered: String(info.get("last-delivered-id") ?? "0-0"), lag: typeof lag === "number" ? lag : undefined };
  }
  return undefined;
}
