/**
 * @fileoverview Composes the runtime stages for one run:
 * source → framing → [line stage: Lua enrich/detect] → engine (EventBus over the scanner) →
 * detect → alerts → processors → sinks.
 * Malformed lines are counted, reported with their line number (in input order) and set
 * aside, optionally into a rejects stream; over-long lines are reported and dropped; the
 * run goes on. Every stage waits for the next, so a slow sink slows the reader.
 * Events come from byte inputs (files, stdin) or from one acknowledging batch source
 * (Redis Streams): each of its batches is accepted back, in order, once the sinks took
 * its alerts; it keeps detection state per partition, and its replayed batches rebuild
 * state without alerting again.
 */
import type { Alert } from "./alert.js";
import { EventBus } from "./bus/event-bus.js";
import { RunMetrics } from "./bus/metrics.js";
import { createScanner } from "./bus/scanner.js";
import { Delivery } from "./delivery.js";
import { DetectBySource } from "./detect/by-source.js";
import { DEFAULT_INPUT_CAPACITY } from "./engine.js";
import { Framer, type LineBatch } from "./framing.js";
import type { StageOptions } from "./run-options.js";
import type { BatchSource, SourceBatch } from "./sources/batch-source.js";
import type { EventInput } from "./source.js";

export interface RunOptions extends StageOptions {
  readonly inputs: readonly EventInput[];
  /** Read this acknowledging source after the inputs (the CLI gives one or the other). */
  readonly batchSource?: BatchSource;
  /** Scanning threads; 1 scans in this thread. */
  readonly workers?: number;
  /** Deliver every alert in input order, as --workers 1 does. */
  readonly ordered?: boolean;
  /** Called after each chunk read: bytes read and events scanned so far (e.g. for a progress bar). */
  readonly progress?: (done: { readonly bytes: number; readonly events: number }) => void;
}

export async function runPipeline(options: RunOptions): Promise<RunMetrics> {
  const started = process.hrtime.bigint();
  const metrics = new RunMetrics();
  const workers = Math.max(1, options.workers ?? 1);
  metrics.workers = workers;
  const limit = options.inputCapacity ?? DEFAULT_INPUT_CAPACITY;
  // Half-size batches leave enrichment room to grow them within the input region.
  const frameLimit = options.lineStage === undefined ? limit : Math.floor(limit / 2);
  const scanner = await createScanner(workers, options.packages, { inputCapacity: limit });
  const detect = new DetectBySource(
    options.packages.map((p) => p.manifest),
    { partitions: workers, ...(options.caps === undefined ? {} : { caps: options.caps }) },
    options.batchSource !== undefined,
  );
  /** What a batch source asked for its line batches, by bus sequence number. */
  const tags = new Map<number, BatchTag>();
  metrics.detect = detect.counters;
  const delivery = new Delivery(options, metrics);
  const deliver = async (alerts: readonly Alert[]): Promise<void> => {
    await delivery.deliver(alerts);
  };
  /** The line stage's alerts by batch seq, delivered in order with that batch's. */
  const staged = new Map<number, readonly Alert[]>();
  const stagedOf = (seq: number): readonly Alert[] => {
    const alerts = staged.get(seq) ?? [];
    staged.delete(seq);
    return alerts;
  };
  const ordered = options.ordered === true || workers === 1;
  const bus = new EventBus(
    scanner,
    {
      early: async (batch) => {
        if (!ordered && tags.get(batch.seq)?.replay !== true) await deliver(detect.stateless(batch));
      },
      inOrder: async (batch) => {
        const tag = tags.get(batch.seq);
        tags.delete(batch.seq);
        if (tag?.fresh === true) detect.reset(batch.source);
        const own = stagedOf(batch.seq);
        if (tag?.replay === true) {
          // Rebuilding state: these alerts went out before the partition changed hands.
          detect.stateful(batch);
          metrics.replayed += batch.lines;
        } else {
          delivery.account(batch);
          for (const bad of batch.malformed) await options.batchSource?.setAside({ source: batch.source, line: bad.line, bytes: bad.bytes });
          await deliver(ordered ? [...detect.stateless(batch), ...detect.stateful(batch), ...own] : [...detect.stateful(batch), ...own]);
        }
        if (tag?.accepted !== undefined) {
          await options.sink.flush?.();
          await tag.accepted();
        }
      },
    },
    workers * 4,
  );
  const oversize = (source: string, line: number, max: number, head: Uint8Array): void => {
    metrics.dropped++;
    options.warn(`${source}:${line}: event line longer than ${max} bytes; set aside`);
    options.deadLetter?.({ source, line, reason: `longer than ${max} bytes`, bytes: head, truncated: true });
  };
  /** A framed batch on to the bus, through the line stage when there is one. */
  const submit = async (b: LineBatch): Promise<void> => {
    metrics.batches++;
    if (options.lineStage === undefined) return bus.submit(b);
    const s = await options.lineStage.run(b);
    if (s.alerts.length > 0) staged.set(b.seq, s.alerts);
    await bus.submit(s.batch);
  };
  try {
    for (const input of options.inputs) {
      metrics.inputs++;
      const batches: LineBatch[] = [];
      const framer = new Framer(input.name, frameLimit, () => bus.seq(), { batch: (b) => batches.push(b), oversize });
      const submitAll = async (): Promise<void> => {
        for (const b of batches.splice(0)) await submit(b);
      };
      for await (const chunk of input.open()) {
        framer.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        await submitAll();
        options.progress?.({ bytes: metrics.bytes + framer.bytes, events: metrics.processed });
      }
      framer.end();
      await submitAll();
      metrics.received += framer.lines;
      metrics.bytes += framer.bytes;
    }
    if (options.batchSource !== undefined) {
      await readBatchSource(options.batchSource, bus, tags, metrics, submit, (name, batch) => new Framer(name, frameLimit, () => bus.seq(), { batch, oversize }));
    }
    await bus.drain();
    await deliver(detect.finish());
  } finally {
    await scanner.close();
  }
  metrics.held = detect.held();
  metrics.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return metrics;
}

/** What a batch source's batch asks of the line batches framed from it. */
interface BatchTag {
  readonly replay: boolean;
  readonly fresh: boolean;
  readonly accepted?: () => Promise<void>;
}

/**
 * Frames each batch of the source on its partition's framer (so line numbers run on per
 * partition) and tags the line batches: the first drops the partition's state when the
 * batch is fresh, the last accepts it. A batch whose every line was over-long frames to
 * nothing; it is accepted once the bus has drained what came before it, and its
 * freshness passes to the partition's next batch.
 */
async function readBatchSource(
  source: BatchSource,
  bus: EventBus,
  tags: Map<number, BatchTag>,
  metrics: RunMetrics,
  submit: (b: LineBatch) => Promise<void>,
  newFramer: (name: string, batch: (b: LineBatch) => void) => Framer,
): Promise<void> {
  const framers = new Map<string, Framer>();
  const framed: LineBatch[] = [];
  const owedFresh = new Set<string>();
  for await (const batch of source.batches()) {
    let framer = framers.get(batch.source);
    if (framer === undefined) {
      framers.set(batch.source, (framer = newFramer(batch.source, (b) => framed.push(b))));
      metrics.inputs++;
    }
    const before = framer.lines;
    framer.push(batch.lines);
    if (batch.mode === "live") {
      metrics.received += framer.lines - before;
      metrics.bytes += batch.lines.length;
    }
    const lineBatches = framed.splice(0);
    const fresh = batch.fresh || owedFresh.delete(batch.source);
    if (lineBatches.length === 0) {
      if (fresh) owedFresh.add(batch.source);
      await bus.drain();
      if (batch.mode === "live") await batch.accepted();
      continue;
    }
    await submitTagged(batch, fresh, lineBatches, tags, submit);
  }
}

async function submitTagged(batch: SourceBatch, fresh: boolean, lineBatches: readonly LineBatch[], tags: Map<number, BatchTag>, submit: (b: LineBatch) => Promise<void>): Promise<void> {
  const replay = batch.mode === "replay";
  for (const [i, b] of lineBatches.entries()) {
    const last = i === lineBatches.length - 1;
    tags.set(b.seq, { replay, fresh: fresh && i === 0, ...(last && !replay ? { accepted: () => batch.accepted() } : {}) });
    await submit(b);
  }
}
