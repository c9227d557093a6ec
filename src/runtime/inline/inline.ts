/**
 * @fileoverview Inline mode (`kestrel run --inline`): one event at a time, one verdict line
 * per event, written before the next line is read. Each line is its own batch through the
 * same stages as a batch run (line stage, scanner, detect, processors, sinks) with no
 * read-ahead; the verdict is `decideVerdict`'s. Blank lines get no verdict. `seq` is the
 * event's 1-based line number in its input.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { RunMetrics } from "../bus/metrics.js";
import { InlineScanner, type Scanner } from "../bus/scanner.js";
import { Delivery } from "../delivery.js";
import { DetectStage } from "../detect/detect.js";
import { DEFAULT_INPUT_CAPACITY } from "../engine.js";
import type { FaultLog } from "../faults.js";
import type { LineBatch } from "../framing.js";
import type { StageOptions } from "../run-options.js";
import type { EventInput } from "../source.js";
import { splitLines } from "./lines.js";
import { decideVerdict, type FailMode, type Verdict } from "./verdict.js";

export interface InlineOptions extends StageOptions {
  readonly input: EventInput;
  /** Where verdict lines go. */
  readonly out: Writable;
  readonly faults: FaultLog;
  readonly failMode: FailMode;
  /** Tests pass one that fails; by default the packages' in-thread scanner. */
  readonly scanner?: Scanner;
}

export async function runInline(options: InlineOptions): Promise<RunMetrics> {
  const started = process.hrtime.bigint();
  const metrics = new RunMetrics();
  const limit = options.inputCapacity ?? DEFAULT_INPUT_CAPACITY;
  const scanner = options.scanner ?? (await InlineScanner.create(options.packages, { inputCapacity: limit }));
  const detect = new DetectStage(
    options.packages.map((p) => p.manifest),
    options.caps === undefined ? {} : { caps: options.caps },
  );
  metrics.detect = detect.counters;
  const delivery = new Delivery(options, metrics);
  const source = options.input.name;

  const judge = async (batch: LineBatch): Promise<Verdict> => {
    const mark = options.faults.count;
    const seq = batch.firstLine;
    try {
      const staged = options.lineStage === undefined ? { batch, alerts: [] } : await options.lineStage.run(batch);
      const scanned = await scanner.scan(staged.batch);
      delivery.account(scanned);
      const alerts = await delivery.deliver([...detect.stateless(scanned), ...detect.stateful(scanned), ...staged.alerts]);
      const error = scanned.malformed.length > 0 ? "malformed event line" : options.faults.since(mark);
      return decideVerdict(seq, alerts, error, options.failMode);
    } catch (e) {
      const message = `${source}:${seq}: ${e instanceof Error ? e.message : String(e)}`;
      options.faults.report(`kestrel: error judging ${message}`);
      return decideVerdict(seq, [], message, options.failMode);
    }
  };
  const write = async (v: Verdict): Promise<void> => {
    if (!options.out.write(`${JSON.stringify(v)}\n`)) await once(options.out, "drain");
  };

  try {
    metrics.inputs = 1;
    let line = 0;
    for await (const item of splitLines(options.input.open(), limit)) {
      line++;
      metrics.received++;
      if (item.kind === "oversize") {
        metrics.dropped++;
        options.warn(`${source}:${line}: event line longer than ${limit} bytes; set aside`);
        await write(decideVerdict(line, [], `event line longer than ${limit} bytes`, options.failMode));
        continue;
      }
      metrics.bytes += item.bytes.length + 1;
      if (isBlank(item.bytes)) continue;
      metrics.batches++;
      const bytes = new Uint8Array(item.bytes.length + 1);
      bytes.set(item.bytes);
      bytes[item.bytes.length] = 10;
      await write(await judge({ seq: metrics.batches - 1, source, firstLine: line, bytes }));
    }
    await delivery.deliver(detect.finish());
  } finally {
    await scanner.close();
  }
  metrics.held = detect.held();
  metrics.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return metrics;
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 32 || b === 9 || b === 13);
}
