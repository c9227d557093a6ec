/**
 * @fileoverview A source that hands the pipeline batches of whole NDJSON lines and wants
 * to hear when each batch is done (its alerts accepted by every sink), so it can
 * acknowledge it upstream: at-least-once delivery from a log such as Redis Streams, or a
 * Kafka plugin later. File and stdin inputs (source.ts) stay plain byte streams; this is
 * the second, acknowledging kind. A source names the partition each batch came from:
 * stateful detection keeps one state (and one event-time clock) per partition name, and
 * `fresh` drops it, for a partition that just changed hands and rebuilds from a replay.
 */

export interface SourceBatch {
  /** The partition the lines came from, as alerts' origins name it. */
  readonly source: string;
  /** Whole lines, each ending in \n. */
  readonly lines: Uint8Array;
  /**
   * "live": new input; "replay": input whose alerts were delivered before, read again only
   * to rebuild detection state, so its alerts are dropped and nothing is acknowledged.
   */
  readonly mode: "live" | "replay";
  /** The partition's detection state starts afresh with this batch. */
  readonly fresh: boolean;
  /** Called once, in batch order, after every sink has accepted the batch's alerts. */
  accepted(): Promise<void>;
}

/** A malformed line, as the pipeline hands it back to be set aside. */
export interface RejectedLine {
  readonly source: string;
  /** The line number the framing stage gave it (per source, from 1). */
  readonly line: number;
  readonly bytes: Uint8Array;
}

export interface BatchSource {
  /** For the run summary, e.g. the Redis URL without credentials. */
  readonly name: string;
  /** Ends when the source is stopped, or idle for its configured time. */
  batches(): AsyncIterable<SourceBatch>;
  /** Sets a malformed line aside (e.g. in a dead-letter stream) before its batch is accepted. */
  setAside(bad: RejectedLine): Promise<void>;
  /** Asks the source to stop reading; `batches` then ends after the batch in hand. */
  stop(): void;
  /** After the pipeline drained: releases what the source holds (leases, connections). */
  close(): Promise<void>;
  /** The source's own metrics, for the summary and --json. */
  report(): SourceReport;
}

export interface SourceReport {
  /** One line per partition for the text summary. */
  readonly lines: readonly string[];
  readonly json: Readonly<Record<string, unknown>>;
}
