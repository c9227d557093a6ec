/**
 * @fileoverview Composes the runtime stages for one run:
 * source → framing → [line stage: Lua enrich/detect] → engine (EventBus over the scanner) →
 * detect → alerts → processors → sinks.
 * Malformed lines are counted, reported with their line number (in input order) and set
 * aside, optionally into a rejects stream; over-long lines are reported and dropped; the
 * run goes on. Every stage waits for the next, so a slow sink slows the reader.
 */
import type { Alert } from "./alert.js";
import { EventBus } from "./bus/event-bus.js";
import { RunMetrics } from "./bus/metrics.js";
import { createScanner } from "./bus/scanner.js";
import { Delivery } from "./delivery.js";
import { DetectStage } from "./detect/detect.js";
import { DEFAULT_INPUT_CAPACITY } from "./engine.js";
import { Framer, type LineBatch } from "./framing.js";
import type { StageOptions } from "./run-options.js";
import type { EventInput } from "./source.js";

export interface RunOptions extends StageOptions {
  readonly inputs: readonly EventInput[];
  /** Scanning threads; 1 scans in this thread. */
  readonly workers?: number;
  /** Deliver every alert in input order, as --workers 1 does. */
  readonly ordered?: boolean;
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
  const detect = new DetectStage(
    options.packages.map((p) => p.manifest),
    { partitions: workers, ...(options.caps === undefined ? {} : { caps: options.caps }) },
  );
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
        if (!ordered) await deliver(detect.stateless(batch));
      },
      inOrder: async (batch) => {
        delivery.account(batch);
        const own = stagedOf(batch.seq);
        await deliver(ordered ? [...detect.stateless(batch), ...detect.stateful(batch), ...own] : [...detect.stateful(batch), ...own]);
      },
    },
    workers * 4,
  );
  try {
    for (const input of options.inputs) {
      metrics.inputs++;
      const batches: LineBatch[] = [];
      const framer = new Framer(input.name, frameLimit, () => bus.seq(), {
        batch: (b) => batches.push(b),
        oversize: (source, line, max) => {
          metrics.dropped++;
          options.warn(`${source}:${line}: event line longer than ${max} bytes; set aside`);
        },
      });
      const submitAll = async (): Promise<void> => {
        for (const b of batches.splice(0)) {
          metrics.batches++;
          if (options.lineStage === undefined) {
            await bus.submit(b);
            continue;
          }
          const s = await options.lineStage.run(b);
          if (s.alerts.length > 0) staged.set(b.seq, s.alerts);
          await bus.submit(s.batch);
        }
      };
      for await (const chunk of input.open()) {
        framer.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        await submitAll();
      }
      framer.end();
      await submitAll();
      metrics.received += framer.lines;
      metrics.bytes += framer.bytes;
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
