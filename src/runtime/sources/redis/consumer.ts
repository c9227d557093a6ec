/**
 * @fileoverview The Redis Streams source: one consumer of a consumer group over every
 * partition stream `<prefix>:<p>`. A timer heartbeats, renews the leases held, gives up
 * partitions beyond the fair share and takes unowned ones up to it (lease.ts); the read
 * loop rebuilds, reclaims, then reads each owned partition with XREADGROUP in batches.
 * Each batch is XACKed only when the pipeline accepts it (every sink took its alerts).
 * With `untilIdle` the source ends once every owned partition has had nothing for that
 * long, no entries are in flight, and no other partition is unowned with work left.
 */
import { Redis } from "ioredis";
import { assertNever } from "../../../../compiler/util/assert-never.js";
import type { BatchSource, RejectedLine, SourceBatch, SourceReport } from "../batch-source.js";
import { addDeadLetter, unusableEntry } from "./dead-letter.js";
import { fairShare, Leases } from "./lease.js";
import { PartitionStats } from "./metrics.js";
import { OwnedPartition } from "./owned.js";
import { fnv1a } from "./partition-key.js";
import { autoclaimReply, entries, groupInfo, pendingSummary, streamsReply, type StreamEntry } from "./replies.js";
import { EVENT_FIELD, readTopology, streamKey, type Topology } from "./topology.js";
import type { RedisStreamUrl } from "./url.js";

export interface RedisSourceOptions {
  readonly url: RedisStreamUrl;
  readonly group: string;
  readonly consumer: string;
  /** Entries per read, per partition. */
  readonly batchSize: number;
  readonly leaseTtlMs: number;
  /** A dead consumer's pending entries are reclaimed once idle this long. */
  readonly claimIdleMs: number;
  /** Entries before the group's position replayed to rebuild a taken-over partition's state. */
  readonly rebuildEntries: number;
  readonly untilIdleMs?: number;
  /** With --stats: per-partition lines every this many ms. */
  readonly statsEveryMs?: number;
  readonly note: (message: string) => void;
}

/** How long one blocking read waits, so a stop or a new partition is noticed soon. */
const BLOCK_MS = 200;

export function connect(url: RedisStreamUrl): Redis {
  return new Redis({ host: url.host, port: url.port, ...(url.username === undefined ? {} : { username: url.username }), ...(url.password === undefined ? {} : { password: url.password }), maxRetriesPerRequest: 3, lazyConnect: false });
}

export class RedisStreamSource implements BatchSource {
  readonly name: string;
  private readonly owned = new Map<number, OwnedPartition>();
  private readonly stats: PartitionStats[];
  private readonly lines = new Map<number, number>();
  private readonly leases: Leases;
  private stopping = false;
  private idle = false;
  private desired: number;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();

  private constructor(
    readonly topology: Topology,
    private readonly options: RedisSourceOptions,
    /** Blocking reads. */
    private readonly reader: Redis,
    /** Acks, leases, dead letters and metrics, never blocked behind a read. */
    private readonly control: Redis,
  ) {
    this.name = options.url.display;
    this.stats = Array.from({ length: topology.partitions }, (_, p) => new PartitionStats(p));
    this.leases = new Leases(control, topology.prefix, options.group, options.consumer, options.leaseTtlMs);
    this.desired = topology.partitions;
  }

  /** Connects, reads the stream's topology (written by `kestrel ingest`) and joins the group on every partition. */
  static async open(options: RedisSourceOptions): Promise<RedisStreamSource> {
    const control = connect(options.url);
    const topology = await readTopology(control, options.url.prefix);
    if (topology === undefined) {
      control.disconnect();
      throw new Error(`${options.url.display}: no partitioned stream here (no ${options.url.prefix}:meta); publish events with \`kestrel ingest --to ${options.url.display} --partitions N\` first`);
    }
    for (let p = 0; p < topology.partitions; p++) {
      try {
        await control.xgroup("CREATE", streamKey(topology.prefix, p), options.group, "0", "MKSTREAM");
      } catch (e) {
        if (!String(e).includes("BUSYGROUP")) throw e;
      }
    }
    return new RedisStreamSource(topology, options, connect(options.url), control);
  }

  async *batches(): AsyncIterable<SourceBatch> {
    await this.tick();
    this.schedule();
    if (this.options.statsEveryMs !== undefined) this.statsTimer = setInterval(() => this.printStats(), this.options.statsEveryMs).unref();
    while (!this.stopping && !this.idle) {
      for (const o of [...this.owned.values()]) {
        const b = await this.prepare(o);
        if (b !== undefined) yield b;
      }
      const live = [...this.owned.values()].filter((o) => o.phase === "live");
      if (live.length === 0) {
        await sleep(50);
        continue;
      }
      const reply = await this.reader.call("XREADGROUP", "GROUP", this.options.group, this.options.consumer, "COUNT", this.options.batchSize, "BLOCK", BLOCK_MS, "STREAMS", ...live.map((o) => o.stream), ...live.map(() => ">"));
      for (const [stream, got] of streamsReply(reply)) {
        const o = live.find((x) => x.stream === stream);
        if (o === undefined || got.length === 0) continue;
        this.statsOf(o.partition).read += got.length;
        yield await this.batchOf(o, got, "live");
      }
    }
  }

  /** A partition's work before it reads new entries: the state-rebuilding replay, then the reclaim of what a dead consumer left pending. */
  private async prepare(o: OwnedPartition): Promise<SourceBatch | undefined> {
    switch (o.phase) {
      case "rebuild": {
        o.phase = "reclaim";
        const got = await this.replayEntries(o);
        if (got.length === 0) return undefined;
        this.statsOf(o.partition).replayed += got.length;
        return this.batchOf(o, got, "replay");
      }
      case "reclaim":
        return this.reclaim(o);
      case "live":
      case "releasing":
        return undefined;
      default:
        return assertNever(o.phase);
    }
  }

  /**
   * The last `rebuildEntries` entries before the first one not yet acked: already alerted
   * on, read again only for state. When there were more before them (or none may be
   * replayed), partial matches that began earlier are lost: that is reported and counted.
   */
  private async replayEntries(o: OwnedPartition): Promise<StreamEntry[]> {
    const pending = pendingSummary(await this.control.call("XPENDING", o.stream, this.options.group));
    const info = groupInfo(await this.control.call("XINFO", "GROUPS", o.stream), this.options.group);
    const end = pending.minId !== undefined ? `(${pending.minId}` : (info?.lastDelivered ?? "0-0");
    if (end === "0-0") return [];
    const limit = this.options.rebuildEntries;
    const got = limit === 0 ? [] : entries(await this.reader.call("XREVRANGE", o.stream, end, "-", "COUNT", limit)).reverse();
    if (limit === 0 || got.length === limit) {
      this.statsOf(o.partition).rebuildsCut++;
      const what = limit === 0 ? "without rebuilding its detection state (--rebuild-entries 0)" : `rebuilding its detection state from only the last ${limit} entries (--rebuild-entries)`;
      this.options.note(`kestrel: ${o.stream}: taken over ${what}; partial sequences and windows that began before are lost`);
    }
    return got;
  }

  /** One XAUTOCLAIM step; live once no entry is pending that this consumer does not hold in flight. */
  private async reclaim(o: OwnedPartition): Promise<SourceBatch | undefined> {
    if (o.cursor === "0-0") {
      if (o.inFlight > 0) return undefined;
      const pending = pendingSummary(await this.control.call("XPENDING", o.stream, this.options.group));
      if (pending.count === 0) {
        o.phase = "live";
        return undefined;
      }
    }
    const { cursor, claimed } = autoclaimReply(await this.reader.call("XAUTOCLAIM", o.stream, this.options.group, this.options.consumer, this.options.claimIdleMs, o.cursor, "COUNT", this.options.batchSize));
    o.cursor = cursor;
    if (claimed.length === 0) return undefined;
    this.statsOf(o.partition).claimed += claimed.length;
    return this.batchOf(o, claimed, "live");
  }

  private async batchOf(o: OwnedPartition, got: readonly StreamEntry[], mode: SourceBatch["mode"]): Promise<SourceBatch> {
    this.lastActivity = Date.now();
    const texts: string[] = [];
    const lineIds: string[] = [];
    const ackIds = got.map((e) => e.id);
    for (const e of got) {
      const data = e.fields.get(EVENT_FIELD);
      const why = unusableEntry(data);
      if (why === undefined && data !== undefined) {
        texts.push(data);
        lineIds.push(e.id);
      } else if (mode === "live") await this.deadLetter(o, e.id, why ?? "", data ?? JSON.stringify(Object.fromEntries(e.fields)));
    }
    const firstLine = (this.lines.get(o.partition) ?? 0) + 1;
    this.lines.set(o.partition, firstLine - 1 + texts.length);
    const fresh = o.fresh;
    o.fresh = false;
    const inFlight = { firstLine, lineIds };
    if (mode === "live") {
      o.inFlight += ackIds.length;
      o.batches.push(inFlight);
    }
    return {
      source: o.stream,
      lines: Buffer.from(texts.length === 0 ? "" : `${texts.join("\n")}\n`),
      mode,
      fresh,
      accepted: async () => {
        await this.control.xack(o.stream, this.options.group, ...ackIds);
        this.statsOf(o.partition).acked += ackIds.length;
        o.inFlight -= ackIds.length;
        o.batches.splice(o.batches.indexOf(inFlight), 1);
        if (o.phase === "releasing" && o.inFlight === 0) await this.release(o);
      },
    };
  }

  private statsOf(p: number): PartitionStats {
    const s = this.stats[p];
    if (s === undefined) throw new Error(`internal: no partition ${p}`);
    return s;
  }

  async setAside(bad: RejectedLine): Promise<void> {
    const o = [...this.owned.values()].find((x) => x.stream === bad.source);
    const id = o?.idOfLine(bad.line) ?? "?";
    await this.deadLetter(o ?? { partition: -1, stream: bad.source }, id, "malformed event line", Buffer.from(bad.bytes).toString("utf8"));
  }

  private async deadLetter(o: { partition: number; stream: string }, id: string, reason: string, data: string): Promise<void> {
    await addDeadLetter(this.control, this.topology.prefix, { stream: o.stream, id, reason, data });
    if (o.partition >= 0) this.statsOf(o.partition).deadLettered++;
  }

  stop(): void {
    this.stopping = true;
  }

  async close(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.statsTimer);
    await this.ticking;
    for (const o of [...this.owned.values()]) await this.release(o);
    await this.leases.leave();
    this.reader.disconnect();
    await this.control.quit();
  }

  report(): SourceReport {
    const touched = this.stats.filter((s) => s.read + s.claimed + s.replayed + s.acked + s.deadLettered + s.acquired > 0);
    return {
      lines: touched.map((s) => `kestrel: ${this.topology.prefix}:${s.line()}`),
      json: { url: this.name, group: this.options.group, consumer: this.options.consumer, partitions: touched.map((s) => s.toJSON()) },
    };
  }

  /** --stats: each owned partition's line, its lag and pending sampled now rather than at the last tick. */
  private printStats(): void {
    this.sample().then(
      () => {
        for (const s of this.stats) if (this.owned.has(s.partition)) this.options.note(`kestrel: ${this.topology.prefix}:${s.line()}`);
      },
      () => undefined,
    );
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.ticking = this.tick().then(
        () => {
          if (!this.stopping) this.schedule();
        },
        (e: unknown) => {
          this.options.note(`kestrel: ${this.name}: lease upkeep failed: ${String(e)}; stopping`);
          this.stopping = true;
        },
      );
    }, Math.max(50, Math.floor(this.options.leaseTtlMs / 3))).unref();
  }

  /** Heartbeat, renew, rebalance, sample metrics, and decide whether the run is idle. */
  private async tick(): Promise<void> {
    const live = await this.leases.heartbeat();
    for (const o of [...this.owned.values()]) {
      if (await this.leases.renew(o.partition)) continue;
      this.owned.delete(o.partition);
      this.options.note(`kestrel: ${this.name}: lost the lease of partition ${o.partition} (renewal came too late); another consumer owns it now`);
    }
    this.desired = fairShare(this.topology.partitions, live);
    const holding = [...this.owned.values()].filter((o) => o.phase !== "releasing");
    for (const o of holding.slice(this.desired)) {
      o.phase = "releasing";
      if (o.inFlight === 0) await this.release(o);
    }
    if (!this.stopping) await this.acquire();
    await this.sample();
    if (this.options.untilIdleMs !== undefined && Date.now() - this.lastActivity >= this.options.untilIdleMs) this.idle = await this.quiet();
  }

  private async acquire(): Promise<void> {
    const n = this.topology.partitions;
    const start = fnv1a(this.options.consumer) % n;
    for (let i = 0; i < n && this.owned.size < this.desired; i++) {
      const p = (start + i) % n;
      if (this.owned.has(p) || !(await this.leases.tryAcquire(p))) continue;
      this.owned.set(p, new OwnedPartition(p, streamKey(this.topology.prefix, p)));
      this.statsOf(p).acquired++;
      this.lastActivity = Date.now();
    }
  }

  private async release(o: OwnedPartition): Promise<void> {
    if (this.owned.get(o.partition) !== o) return;
    // Its last lag and pending as this consumer leaves it, not as it was at the last tick.
    await this.sampleOne(o);
    this.owned.delete(o.partition);
    await this.leases.release(o.partition);
  }

  /** Lag and pending of every owned partition. */
  private async sample(): Promise<void> {
    for (const o of this.owned.values()) await this.sampleOne(o);
  }

  private async sampleOne(o: OwnedPartition): Promise<void> {
    const s = this.statsOf(o.partition);
    s.pending = pendingSummary(await this.control.call("XPENDING", o.stream, this.options.group)).count;
    s.lag = groupInfo(await this.control.call("XINFO", "GROUPS", o.stream), this.options.group)?.lag;
  }

  /**
   * Idle: everything owned is read and acked, and no unowned partition has work left (one
   * with work is taken up to the fair share first). Holding less than the share is no
   * reason to wait: with more consumers than partitions, some hold none.
   */
  private async quiet(): Promise<boolean> {
    const owned = [...this.owned.values()];
    if (owned.some((o) => o.phase !== "live" || o.inFlight > 0)) return false;
    if (owned.some((o) => (this.statsOf(o.partition).lag ?? 0) > 0)) return false;
    for (let p = 0; p < this.topology.partitions; p++) {
      if (this.owned.has(p) || (await this.leases.holder(p)) !== null) continue;
      const stream = streamKey(this.topology.prefix, p);
      const pending = pendingSummary(await this.control.call("XPENDING", stream, this.options.group)).count;
      const lag = groupInfo(await this.control.call("XINFO", "GROUPS", stream), this.options.group)?.lag ?? 0;
      if (pending > 0 || lag > 0) return false;
    }
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

