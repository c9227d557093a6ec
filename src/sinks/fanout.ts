/**
 * @fileoverview Several sinks as one: every batch goes to every sink, and `write`
 * resolves when the slowest has taken it, so the slowest sink sets the pace of the run
 * (backpressure) and none falls behind unboundedly. A failing sink does not cut the
 * others short: all settle first, then the first error is raised.
 */
import type { Alert } from "../runtime/alert.js";
import type { Sink, SinkReport } from "./sink.js";

export class FanoutSink implements Sink {
  readonly name: string;
  private reports: SinkReport[] = [];

  constructor(
    private readonly sinks: readonly Sink[],
    /** Where each sink's after-close report goes (stderr in the CLI). */
    private readonly note: (message: string) => void,
  ) {
    this.name = sinks.map((s) => s.name).join("+");
  }

  async write(batch: readonly Alert[]): Promise<void> {
    await settleAll(this.sinks.map((s) => s.write(batch)));
  }

  async close(): Promise<void> {
    await settleAll(this.sinks.map((s) => s.close()));
    this.reports = this.sinks.flatMap((s) => s.report?.() ?? []);
    for (const r of this.reports) this.note(`kestrel: ${r.message}`);
  }

  /** After close: the alerts no sink delivered (each was set aside by its sink). */
  get undelivered(): number {
    return this.reports.reduce((n, r) => n + r.undelivered, 0);
  }

  report(): SinkReport | undefined {
    if (this.reports.length === 0) return undefined;
    return { undelivered: this.undelivered, message: this.reports.map((r) => r.message).join("; ") };
  }
}

async function settleAll(work: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === "rejected");
  if (failed !== undefined) throw failed.reason;
}
