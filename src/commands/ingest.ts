/**
 * @fileoverview `kestrel ingest`: publish NDJSON events into a partitioned Redis stream
 * for `kestrel run --source` consumers; the work is in runtime/sources/redis/ingest.ts.
 */
import { Command, Flags } from "@oclif/core";
import { parseRedisUrl } from "../runtime/sources/redis/url.js";
import { DEFAULT_SCHEMA } from "../util/bundled.js";
import { eventInputs } from "../util/event-inputs.js";

export default class Ingest extends Command {
  static override summary = "Publish NDJSON events into a partitioned Redis stream.";
  static override description =
    "Each event goes to the stream <prefix>:<p> of its partition p, chosen by a stable hash (FNV-1a) of its partition key: the schema's entity key unless --partition-key names fields. Events of one entity so always meet in one consumer. The partition count and key are recorded under <prefix>:meta; a stream partitioned otherwise is refused. Prints events/s on stderr.";
  static override examples = [
    "<%= config.bin %> ingest logs/*.ndjson --to redis://127.0.0.1:6379/events --partitions 4",
    "cat events.ndjson | <%= config.bin %> ingest --to redis://127.0.0.1:6379/events --partitions 4 --partition-key Hostname",
  ];
  static override strict = false;
  static override enableJsonFlag = true;
  static override flags = {
    to: Flags.string({ summary: "The stream: redis://host:port/<prefix>.", required: true }),
    partitions: Flags.integer({ char: "p", summary: "Partition streams (<prefix>:0 … <prefix>:N-1).", min: 1, max: 1024, default: 4 }),
    schema: Flags.string({ char: "s", summary: "Event schema whose entity key partitions the events: ecs, windows, endgame or a schema file.", default: DEFAULT_SCHEMA }),
    "partition-key": Flags.string({ summary: "Partition by these fields (comma-separated) instead of the schema's entity key; rules keyed by them then keep exact state." }),
    batch: Flags.integer({ summary: "Entries per pipelined batch.", min: 1, default: 1000 }),
    quiet: Flags.boolean({ char: "q", summary: "Do not print the summary." }),
  };

  async run(): Promise<{ events: number; bytes: number; seconds: number; eventsPerSecond: number; perPartition: readonly number[] }> {
    const { argv, flags } = await this.parse(Ingest);
    const inputs = await eventInputs(this, argv as string[], () => this.error("no events: give event files, folders or globs, or pipe NDJSON on stdin", { exit: 2 }));
    const url = parseRedisUrl(flags.to);
    // Loaded here, not at start-up (every command's imports load with the CLI): the schema validator and ioredis.
    const given = flags["partition-key"]?.split(",").map((f) => f.trim()).filter((f) => f !== "");
    const key = given ?? (await import("../../compiler/schema/load.js")).loadSchema(flags.schema).entityKey;
    const { ingest } = await import("../runtime/sources/redis/ingest.js");
    const r = await ingest({ url, partitions: flags.partitions, key, inputs, batchSize: flags.batch, warn: (m) => this.logToStderr(m) });
    const rate = r.seconds > 0 ? Math.round(r.events / r.seconds) : 0;
    const result = { events: r.events, bytes: r.bytes, seconds: r.seconds, eventsPerSecond: rate, perPartition: r.perPartition };
    if (flags.quiet || this.jsonEnabled()) return result;
    this.logToStderr(`kestrel: ingested ${r.events} event(s) (${(r.bytes / 1e6).toFixed(1)} MB) into ${url.display}:0..${flags.partitions - 1} by [${key.join(", ")}] in ${r.seconds.toFixed(2)} s (${rate} events/s); per partition: ${r.perPartition.join(" ")}`);
    return result;
  }
}
