/**
 * @fileoverview A sink writing NDJSON alerts to a Node stream (stdout by default),
 * batched and respecting backpressure; `kestrel query` formats alerts as their events.
 */
import type { Writable } from "node:stream";
import { alertToJson, type Alert } from "../runtime/alert.js";
import type { Sink } from "./sink.js";

export class StreamSink implements Sink {
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    readonly name: string,
    private readonly out: Writable,
    private readonly closeStream = false,
    /** An alert as text (one line, or several joined by newlines). */
    private readonly format: (alert: Alert) => string = alertToJson,
  ) {}

  async write(batch: readonly Alert[]): Promise<void> {
    for (const alert of batch) {
      const line = this.format(alert);
      this.pending.push(line);
      this.pendingBytes += line.length;
    }
    if (this.pendingBytes > 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join("\n") + "\n";
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once("drain", resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.closeStream) await new Promise<void>((resolve) => this.out.end(resolve));
  }
}
