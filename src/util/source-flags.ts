/**
 * @fileoverview `kestrel run --source redis://host:port/<prefix>` and its flags: the
 * consumer-group reading of a partitioned Redis stream (runtime/sources/redis/). Here
 * the flags become a source, SIGINT/SIGTERM become a graceful stop, and stateful rules
 * whose key is not the stream's partition key are named before the run.
 */
import { Errors, Flags } from "@oclif/core";
import { hostname } from "node:os";
import type { Manifest } from "../../compiler/package/manifest.js";
import type { RunMetrics } from "../runtime/bus/metrics.js";
import type { RedisStreamSource } from "../runtime/sources/redis/consumer.js";
import { offPartitionRules, type OffPartitionRule } from "../runtime/sources/redis/key-check.js";
import { parseRedisUrl, RedisUrlError } from "../runtime/sources/redis/url.js";
import { durationFlag } from "./duration.js";

export const sourceFlags = {
  source: Flags.string({
    summary: "Read events from a partitioned Redis stream (redis://host:port/<prefix>, written by `kestrel ingest`) as one consumer of --group.",
    description:
      "Partitions are leased to one consumer at a time and shared fairly among live consumers; entries are acked only after every sink accepted their alerts; a dead consumer's partitions and pending entries are taken over after --lease-ttl and --claim-idle, and their detection state rebuilt by replaying --rebuild-entries entries. SIGINT/SIGTERM drain, ack, release and exit 0.",
  }),
  group: Flags.string({ summary: "Consumer group name (with --source).", default: "kestrel" }),
  consumer: Flags.string({ summary: "This consumer's id in the group (with --source; default: host name and pid)." }),
  "until-idle": durationFlag({ summary: "With --source: exit (as on SIGTERM) once every owned partition has been empty this long, e.g. 5s." }),
  "lease-ttl": durationFlag({ summary: "With --source: partition lease lifetime, renewed every third of it (default 10s).", default: 10_000 }),
  "claim-idle": durationFlag({ summary: "With --source: reclaim a dead consumer's pending entries idle this long (default: half the lease TTL)." }),
  "rebuild-entries": Flags.integer({ summary: "With --source: entries before a taken-over partition's position replayed to rebuild its detection state (default 10000).", min: 0, default: 10_000 }),
  "read-batch": Flags.integer({ summary: "With --source: entries per read, per partition (default 500).", min: 1, default: 500 }),
};

export interface SourceFlagValues {
  readonly source: string | undefined;
  readonly group: string;
  readonly consumer: string | undefined;
  readonly "until-idle": number | undefined;
  readonly "lease-ttl": number;
  readonly "claim-idle": number | undefined;
  readonly "rebuild-entries": number;
  readonly "read-batch": number;
  readonly stats: boolean;
}

/** The Redis source the flags ask for, with SIGINT/SIGTERM wired to its graceful stop. */
export async function openRedisSource(flags: SourceFlagValues & { source: string }, note: (message: string) => void): Promise<RedisStreamSource> {
  let url;
  try {
    url = parseRedisUrl(flags.source);
  } catch (e) {
    if (e instanceof RedisUrlError) throw new Errors.CLIError(e.message, { exit: 2 });
    throw e;
  }
  const untilIdle = flags["until-idle"];
  // Loaded here, not at start-up (every command's imports load with the CLI): ioredis.
  const { RedisStreamSource } = await import("../runtime/sources/redis/consumer.js");
  const source = await RedisStreamSource.open({
    url,
    group: flags.group,
    consumer: flags.consumer ?? `${hostname()}-${process.pid}`,
    batchSize: flags["read-batch"],
    leaseTtlMs: flags["lease-ttl"],
    claimIdleMs: flags["claim-idle"] ?? Math.floor(flags["lease-ttl"] / 2),
    rebuildEntries: flags["rebuild-entries"],
    ...(untilIdle === undefined ? {} : { untilIdleMs: untilIdle }),
    ...(flags.stats ? { statsEveryMs: 5000 } : {}),
    note,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => source.stop());
  return source;
}

/** Names, before the run, the stateful rules whose state the stream's partitioning can split. */
export function warnOffPartition(manifests: readonly Manifest[], source: RedisStreamSource, note: (message: string) => void): OffPartitionRule[] {
  // One partition holds every entity: nothing can be split.
  const off = source.topology.partitions === 1 ? [] : offPartitionRules(manifests, source.topology.key);
  for (const r of off) {
    note(`kestrel: warning: stateful rule ${r.id} is keyed by [${r.key.join(", ")}], not by the stream's partition key [${source.topology.key.join(", ")}]: its events can reach different consumers, so it can miss matches; its match records are counted (ingest with --partition-key ${r.key.join(",") || "<fields>"} to keep it exact)`);
  }
  return off;
}

/** What the source adds to the summary: per-partition lines and the off-partition rules' match count. */
export function sourceSummary(source: RedisStreamSource, off: readonly OffPartitionRule[], metrics: RunMetrics): { lines: string[]; json: Record<string, unknown> } {
  const report = source.report();
  const offMatches = off.reduce((n, r) => n + (metrics.perRule.get(r.id) ?? 0), 0);
  const lines = [...report.lines];
  if (off.length > 0) lines.push(`kestrel: ${offMatches} match record(s) of ${off.length} stateful rule(s) not keyed by the partition key; their alerts can be incomplete`);
  return { lines, json: { source: { ...report.json, offPartitionRules: off.map((r) => r.id), offPartitionMatches: offMatches } } };
}
