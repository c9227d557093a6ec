/**
 * @fileoverview Composes the runtime stages for one run:
 * source → framing → engine (EventBus over the scanner) → detect → alerts → processors → sinks.
 * Malformed lines are counted, reported with their line number (in input order) and set
 * aside, optionally into a rejects stream; over-long lines are reported and dropped; the
 * run goes on. Every stage waits for the next, so a slow sink slows the reader.
 */
import type { Writable } from "node:stream";
import { abi } from "../../compiler/package/abi.js";
import type { Sink } from "../sinks/sink.js";
import type { Alert } from "./alert.js";
import { EventBus } from "./bus/event-bus.js";
import { RunMetrics } from "./bus/metrics.js";
import type { CompiledPackage } from "./bus/scan-batch.js";
import { createScanner } from "./bus/scanner.js";
import { DetectStage } from "./detect/detect.js";
import type { StoreCaps } from "./detect/window-store.js";
import { DEFAULT_INPUT_CAPACITY } from "./engine.js";
import { Framer, type LineBatch } from "./framing.js";
import { applyProcessors, type Processor } from "./processors/processor.js";
import type { ScannedBatch } from "./records.js";
import type { EventInput } from "./source.js";

export interface RunOptions {
  readonly packages: readonly CompiledPackage[];
  readonly inputs: readonly EventInput[];
  readonly sink: Sink;
  readonly processors?: readonly Processor[];
  /** Scanning threads; 1 scans in this thread. */
  readonly workers?: number;
  /** Deliver every alert in input order, as --workers 1 does. */
  readonly ordered?: boolean;
  readonly caps?: StoreCaps;
  /** The longest line, and the largest batch. */
  readonly inputCapacity?: number;
  /** Human-readable problems with input (malformed lines); one call per line. */
  readonly warn: (message: string) => void;
  readonly rejects?: Writable;
  /** Stop listing malformed lines one by one after this many (they are still counted). */
  readonly maxWarnings?: number;
  /** Called after each chunk read: bytes read and events scanned so far (e.g. for a progress bar). */
  readonly progress?: (done: { readonly bytes: number; readonly events: number }) => void;
}

export async function runPipeline(options: RunOptions): Promise<RunMetrics> {
  const started = process.hrtime.bigint();
  const metrics = new RunMetrics();
  const workers = Math.max(1, options.workers ?? 1);
  metrics.workers = workers;
  const limit = options.inputCapacity ?? DEFAULT_INPUT_CAPACITY;
  const scanner = await createScanner(workers, options.packages, { inputCapacity: limit });
  const detect = new DetectStage(
    options.packages.map((p) => p.manifest),
    { partitions: workers, ...(options.caps === undefined ? {} : { caps: options.caps }) },
  );
  metrics.detect = detect.counters;
  const maxWarnings = options.maxWarnings ?? 100;
  const ruleId = (pkg: number, rule: number): string => options.packages[pkg]?.manifest.rules[rule]?.id ?? `${pkg}/${rule}`;

  const deliver = async (alerts: readonly Alert[]): Promise<void> => {
    const out = await applyProcessors(options.processors ?? [], alerts);
    if (out.length === 0) return;
    metrics.alerts += out.length;
    for (const a of out) {
      metrics.countRule(metrics.alertsPerRule, a.rule.id);
      metrics.countRule(metrics.alertsPerSeverity, a.rule.severity);
    }
    await options.sink.write(out);
  };
  const account = (batch: ScannedBatch): void => {
    metrics.processed += batch.lines;
    metrics.matched += batch.matches.length;
    for (const m of batch.matches) metrics.countRule(metrics.perRule, ruleId(m.pkg, m.rule));
    for (const bad of batch.malformed) {
      metrics.malformed++;
      if (metrics.malformed <= maxWarnings) options.warn(`${batch.source}:${bad.line}:${bad.offset + 1}: malformed event line (invalid JSON, nested deeper than ${abi.MAX_DEPTH}, or not a JSON object); set aside`);
      else if (metrics.malformed === maxWarnings + 1) options.warn("further malformed lines are counted but not listed");
      options.rejects?.write(Buffer.concat([bad.bytes, Buffer.from("\n")]));
    }
  };
  const ordered = options.ordered === true || workers === 1;
  const bus = new EventBus(
    scanner,
    {
      early: async (batch) => {
        if (!ordered) await deliver(detect.stateless(batch));
      },
      inOrder: async (batch) => {
        account(batch);
        await deliver(ordered ? [...detect.stateless(batch), ...detect.stateful(batch)] : detect.stateful(batch));
      },
    },
    workers * 4,
  );
  try {
    for (const input of options.inputs) {
      metrics.inputs++;
      const batches: LineBatch[] = [];
      const framer = new Framer(input.name, limit, () => bus.seq(), {
        batch: (b) => batches.push(b),
        oversize: (source, line, max) => {
          metrics.dropped++;
          options.warn(`${source}:${line}: event line longer than ${max} bytes; set aside`);
        },
      });
      const submitAll = async (): Promise<void> => {
        for (const b of batches.splice(0)) {
          metrics.batches++;
          await bus.submit(b);
        }
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
    await bus.drain();
    await deliver(detect.finish());
  } finally {
    await scanner.close();
  }
  metrics.held = detect.held();
  metrics.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return metrics;
}
