/**
 * @fileoverview The tail every run shares, batch or inline: a scanned batch is counted into
 * the run's metrics (malformed lines reported, up to a limit, and set aside), and a batch
 * of alerts goes through the processors to the sink. Both `runPipeline` and `runInline`
 * use it, so the two modes count and deliver alike.
 */
import type { Writable } from "node:stream";
import type { SetAside } from "./dead-letter.js";
import { setAsideReason } from "./set-aside-reason.js";
import type { Sink } from "../sinks/sink.js";
import type { Alert } from "./alert.js";
import type { RunMetrics } from "./bus/metrics.js";
import type { CompiledPackage } from "./bus/scan-batch.js";
import { applyProcessors, type Processor } from "./processors/processor.js";
import type { ScannedBatch } from "./records.js";

export interface DeliveryOptions {
  readonly packages: readonly CompiledPackage[];
  readonly sink: Sink;
  readonly processors?: readonly Processor[];
  readonly warn: (message: string) => void;
  readonly rejects?: Writable;
  /** Every line set aside (malformed or over-long), with its reason (--dead-letter). */
  readonly deadLetter?: (e: SetAside) => void;
  /** Stop listing malformed lines one by one after this many (they are still counted). */
  readonly maxWarnings?: number;
}

export class Delivery {
  constructor(
    private readonly options: DeliveryOptions,
    private readonly metrics: RunMetrics,
  ) {}

  /** Alerts through the processors to the sink; returns what was delivered. */
  async deliver(alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const out = await applyProcessors(this.options.processors ?? [], alerts);
    if (out.length === 0) return out;
    this.metrics.alerts += out.length;
    for (const a of out) {
      this.metrics.countRule(this.metrics.alertsPerRule, a.rule.id);
      this.metrics.countRule(this.metrics.alertsPerSeverity, a.rule.severity);
    }
    await this.options.sink.write(out);
    return out;
  }

  /** Counts a scanned batch; reports and sets aside its malformed lines. */
  account(batch: ScannedBatch): void {
    const m = this.metrics;
    const maxWarnings = this.options.maxWarnings ?? 100;
    m.processed += batch.lines;
    m.matched += batch.matches.length;
    for (const r of batch.matches) m.countRule(m.perRule, this.ruleId(r.pkg, r.rule));
    for (const bad of batch.malformed) {
      m.malformed++;
      const listed = m.malformed <= maxWarnings;
      // The reason costs a second look at the line: only for lines someone will read about.
      const reason = listed || this.options.deadLetter !== undefined ? setAsideReason(bad.bytes, bad.offset) : "";
      if (listed) this.options.warn(`${batch.source}:${bad.line}:${bad.offset + 1}: malformed event line (${reason}); set aside`);
      else if (m.malformed === maxWarnings + 1) this.options.warn("further malformed lines are counted but not listed");
      this.options.rejects?.write(Buffer.concat([bad.bytes, Buffer.from("\n")]));
      this.options.deadLetter?.({ source: batch.source, line: bad.line, reason, bytes: bad.bytes });
    }
  }

  private ruleId(pkg: number, rule: number): string {
    return this.options.packages[pkg]?.manifest.rules[rule]?.id ?? `${pkg}/${rule}`;
  }
}
