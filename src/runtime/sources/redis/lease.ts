/**
 * @fileoverview Partition leases of a consumer group: a partition is owned by the one
 * consumer whose id is in its lease key, set with NX and a TTL and renewed while the
 * owner lives, so sequence and correlation state for an entity stays in one process. A
 * lease is renewed and released only by its owner (compare-and-set in Lua). Live
 * consumers heartbeat into a sorted set scored by expiry, and each aims at its fair
 * share, ceil(partitions / live consumers), so a second consumer gets half the
 * partitions and a survivor takes over a dead one's when its heartbeat and leases lapse.
 */
import type { Redis } from "ioredis";
import { leaseKey, membersKey } from "./topology.js";

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class Leases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly group: string,
    readonly consumer: string,
    private readonly ttlMs: number,
  ) {}

  /** Marks this consumer live for another TTL and returns how many consumers are live. */
  async heartbeat(): Promise<number> {
    const key = membersKey(this.prefix, this.group);
    const now = Date.now();
    const [, , live] = (await this.redis
      .multi()
      .zadd(key, now + this.ttlMs, this.consumer)
      .zremrangebyscore(key, "-inf", now)
      .zcard(key)
      .exec()) ?? [];
    return Math.max(1, Number(live?.[1] ?? 1));
  }

  async leave(): Promise<void> {
    await this.redis.zrem(membersKey(this.prefix, this.group), this.consumer);
  }

  async tryAcquire(p: number): Promise<boolean> {
    return (await this.redis.set(this.key(p), this.consumer, "PX", this.ttlMs, "NX")) === "OK";
  }

  /** False when the lease lapsed and is gone or someone else's. */
  async renew(p: number): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, this.key(p), this.consumer, this.ttlMs)) === 1;
  }

  async release(p: number): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(p), this.consumer);
  }

  async holder(p: number): Promise<string | null> {
    return this.redis.get(this.key(p));
  }

  private key(p: number): string {
    return leaseKey(this.prefix, this.group, p);
  }
}

export function fairShare(partitions: number, liveConsumers: number): number {
  return Math.ceil(partitions / Math.max(1, liveConsumers));
}
