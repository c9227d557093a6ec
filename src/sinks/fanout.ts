/**
 * @fileoverview Several sinks as one: every batch goes to every sink, and `write`
 * resolves when the slowest has taken it, so the slowest sink sets the pace of the run
 * (backpressure) and none falls behind unboundedly. A sink's rejection is fatal to the
 * run, but it does not cut the others short: all settle, all are closed (so what they
 * buffer is flushed and their reports are noted), then the first error is raised.
 */
import type { Alert } from "../runtime/alert.js";
import type { Sink, SinkReport } from "./sink.js";

export class FanoutSink implements Sink {
  readonly name: string;
  private reports: SinkReport[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    private readonly sinks: readonly Sink[],
    /** Where each sink's after-close report goes (stderr in the CLI). */
    private readonly note: (message: string) => void,
  ) {
    this.name = sinks.map((s) => s.name).join("+");
  }

  async write(batch: readonly Alert[]): Promise<void> {
    const failed = await firstFailure(this.sinks.map((s) => s.write(batch)));
    if (failed === undefined) return;
    await this.close().catch(() => {});
    throw failed.reason;
  }

  async flush(): Promise<void> {
    const failed = await firstFailure(this.sinks.map(async (s) => s.flush?.()));
    if (failed !== undefined) throw failed.reason;
  }

  /** Closes every sink once; later calls wait for the same close. */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    const failed = await firstFailure(this.sinks.map((s) => s.close()));
    this.reports = this.sinks.flatMap((s) => s.report?.() ?? []);
    for (const r of this.reports) this.note(`kestrel: ${r.message}`);
    if (failed !== undefined) throw failed.reason;
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

async function firstFailure(work: readonly Promise<void>[]): Promise<PromiseRejectedResult | undefined> {
  return (await Promise.allSettled(work)).find((r) => r.status === "rejected");
}
