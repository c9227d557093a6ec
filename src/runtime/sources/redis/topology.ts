/**
 * @fileoverview The keys of one partitioned event stream under its prefix, and its
 * metadata hash: `ingest` records the partition count and partition key there once, and
 * consumers read them, so only the producer needs `--partitions`.
 *   <prefix>:meta                 hash {partitions, key (JSON array of field paths)}
 *   <prefix>:<p>                  the event stream of partition p (field `e`: one NDJSON line)
 *   <prefix>:dead                 malformed entries set aside (dead letters)
 *   <prefix>:<group>:lease:<p>    which consumer of the group owns partition p (TTL)
 *   <prefix>:<group>:members      live consumers of the group (sorted set, score = expiry ms)
 */
import type { Redis } from "ioredis";

export const EVENT_FIELD = "e";

export interface Topology {
  readonly prefix: string;
  readonly partitions: number;
  /** Field paths whose values, hashed, choose an event's partition. */
  readonly key: readonly string[];
}

export const streamKey = (prefix: string, p: number): string => `${prefix}:${p}`;
export const deadLetterKey = (prefix: string): string => `${prefix}:dead`;
export const leaseKey = (prefix: string, group: string, p: number): string => `${prefix}:${group}:lease:${p}`;
export const membersKey = (prefix: string, group: string): string => `${prefix}:${group}:members`;
const metaKey = (prefix: string): string => `${prefix}:meta`;

/** Records the topology, or checks it against the one recorded (a stream keeps its partitioning). */
export async function recordTopology(redis: Redis, t: Topology): Promise<void> {
  const key = metaKey(t.prefix);
  await redis.hsetnx(key, "partitions", String(t.partitions));
  await redis.hsetnx(key, "key", JSON.stringify(t.key));
  const found = await readTopology(redis, t.prefix);
  if (found === undefined || found.partitions !== t.partitions || JSON.stringify(found.key) !== JSON.stringify(t.key)) {
    throw new Error(`${t.prefix} is already partitioned ${describe(found)}; ingest with the same partitions and key, or use another prefix`);
  }
}

export async function readTopology(redis: Redis, prefix: string): Promise<Topology | undefined> {
  const meta = await redis.hgetall(metaKey(prefix));
  const partitions = Number(meta["partitions"]);
  const keyText = meta["key"];
  if (!Number.isInteger(partitions) || partitions < 1 || keyText === undefined) return undefined;
  const key: unknown = JSON.parse(keyText);
  if (!Array.isArray(key) || !key.every((k): k is string => typeof k === "string")) return undefined;
  return { prefix, partitions, key };
}

function describe(t: Topology | undefined): string {
  return t === undefined ? "in an unreadable way" : `into ${t.partitions} by [${t.key.join(", ")}]`;
}
