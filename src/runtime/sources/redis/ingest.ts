/**
 * @fileoverview `kestrel ingest`'s work: NDJSON lines from files or stdin, each added to
 * the stream of its partition (partition-key.ts) as one entry `{e: line}`, in pipelined
 * batches with a few in flight, so the producer is bound by Redis rather than by round
 * trips. The stream's topology is recorded first (topology.ts), and a stream already
 * partitioned differently is refused, since consumers would then split entities.
 */
import type { ChainableCommander } from "ioredis";
import { Framer } from "../../framing.js";
import type { EventInput } from "../../source.js";
import { connect } from "./consumer.js";
import { partitionOf } from "./partition-key.js";
import { EVENT_FIELD, recordTopology, streamKey } from "./topology.js";
import type { RedisStreamUrl } from "./url.js";

export interface IngestOptions {
  readonly url: RedisStreamUrl;
  readonly partitions: number;
  /** Field paths of the partition key (the schema's entity key by default). */
  readonly key: readonly string[];
  readonly inputs: readonly EventInput[];
  /** Entries per pipelined batch. */
  readonly batchSize: number;
  readonly warn: (message: string) => void;
}

export interface IngestResult {
  readonly events: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Entries added per partition. */
  readonly perPartition: readonly number[];
}

const MAX_LINE = 1 << 20;
const PIPELINES_IN_FLIGHT = 4;

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const started = process.hrtime.bigint();
  const redis = connect(options.url);
  const perPartition = new Array<number>(options.partitions).fill(0);
  let events = 0;
  let bytes = 0;
  try {
    await recordTopology(redis, { prefix: options.url.prefix, partitions: options.partitions, key: options.key });
    const inFlight: Promise<unknown>[] = [];
    let batch: ChainableCommander = redis.pipeline();
    let queued = 0;
    const send = async (): Promise<void> => {
      if (queued === 0) return;
      inFlight.push(batch.exec().then(failOnError));
      batch = redis.pipeline();
      queued = 0;
      if (inFlight.length >= PIPELINES_IN_FLIGHT) await inFlight.shift();
    };
    for (const input of options.inputs) {
      const lines: string[] = [];
      let seq = 0;
      const framer = new Framer(input.name, MAX_LINE, () => seq++, {
        batch: (b) => lines.push(...Buffer.from(b.bytes).toString("utf8").split("\n")),
        oversize: (source, line, max) => options.warn(`${source}:${line}: event line longer than ${max} bytes; not published`),
      });
      const publish = async (): Promise<void> => {
        for (const line of lines.splice(0)) {
          if (line.trim() === "") continue;
          const p = partitionOf(line, options.key, options.partitions);
          batch.xadd(streamKey(options.url.prefix, p), "*", EVENT_FIELD, line);
          perPartition[p] = (perPartition[p] ?? 0) + 1;
          events++;
          bytes += line.length + 1;
          if (++queued >= options.batchSize) await send();
        }
      };
      for await (const chunk of input.open()) {
        framer.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        await publish();
      }
      framer.end();
      await publish();
    }
    await send();
    await Promise.all(inFlight);
  } finally {
    await redis.quit();
  }
  return { events, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9, perPartition };
}

/** A pipeline's replies: the first command error, if any, fails the ingest. */
function failOnError(replies: [Error | null, unknown][] | null): void {
  const failed = replies?.find(([e]) => e !== null)?.[0];
  if (failed !== undefined && failed !== null) throw failed;
}
