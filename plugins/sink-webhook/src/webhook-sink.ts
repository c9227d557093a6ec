/**
 * @fileoverview The webhook sink: each `write` is cut into POSTs of at most `batch`
 * alerts, sent one after another with Node's fetch as NDJSON (one canonical alert per
 * line, `Content-Type: application/x-ndjson`), and resolves only when every POST was
 * answered 2xx or its alerts were appended to the dead-letter file, so a slow or failing
 * endpoint slows the run instead of piling alerts up in memory. Every attempt of a batch
 * carries the same `Idempotency-Key` (sha256 of the batch's alert ids), and every line
 * its alert `id`, so a receiver can drop what a timed-out attempt already delivered.
 */
import { createHash } from "node:crypto";
import { appendFile } from "node:fs/promises";
import type { AlertLike, Sink, SinkReport } from "./contract.js";
import type { WebhookOptions } from "./options.js";
import { retryAfterMs, retryDelay, retryableStatus } from "./retry.js";

type Outcome = { readonly delivered: true } | { readonly delivered: false; readonly retryable: boolean; readonly waitMs?: number; readonly reason: string };

export class WebhookSink<A extends AlertLike> implements Sink<A> {
  readonly name = "webhook";
  private deadLettered = 0;
  private deadBatches = 0;
  private lastReason = "";

  constructor(
    private readonly options: WebhookOptions,
    private readonly format: (alert: A) => string,
  ) {}

  async write(batch: readonly A[]): Promise<void> {
    for (let i = 0; i < batch.length; i += this.options.batch) await this.deliver(batch.slice(i, i + this.options.batch));
  }

  /** Nothing is held between writes, so there is nothing to flush. */
  async close(): Promise<void> {}

  report(): SinkReport | undefined {
    if (this.deadLettered === 0) return undefined;
    return {
      undelivered: this.deadLettered,
      message:
        `sink webhook: ${this.deadLettered} alert(s) in ${this.deadBatches} batch(es) not delivered to ${this.options.url.origin} ` +
        `(last error: ${this.lastReason}); written to dead-letter file ${this.options.deadLetter ?? ""}`,
    };
  }

  private async deliver(alerts: readonly A[]): Promise<void> {
    const body = alerts.map((a) => `${this.format(a)}\n`).join("");
    const key = createHash("sha256").update(alerts.map((a) => a.id).join("\n")).digest("hex");
    const attempts = this.options.retries + 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const outcome = await this.post(body, key, alerts.length);
      if (outcome.delivered) return;
      this.lastReason = outcome.reason;
      if (!outcome.retryable || attempt === attempts - 1) break;
      await sleep(retryDelay(attempt, this.options, outcome.waitMs));
    }
    await this.setAside(body, alerts.length);
  }

  private async post(body: string, key: string, count: number): Promise<Outcome> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: "POST",
        headers: { ...this.options.headers, "content-type": "application/x-ndjson", "idempotency-key": key, "kestrel-alert-count": String(count) },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel();
    } catch (e) {
      return { delivered: false, retryable: true, reason: networkReason(e, this.options.timeoutMs) };
    }
    if (response.ok) return { delivered: true };
    const waitMs = retryAfterMs(response.headers.get("retry-after"));
    const reason = `HTTP ${response.status}${response.statusText === "" ? "" : ` ${response.statusText}`}`;
    return { delivered: false, retryable: retryableStatus(response.status), reason, ...(waitMs === undefined ? {} : { waitMs }) };
  }

  private async setAside(body: string, count: number): Promise<void> {
    const path = this.options.deadLetter;
    if (path === undefined) {
      throw new Error(
        `sink webhook: ${count} alert(s) could not be delivered to ${this.options.url.origin} (${this.lastReason}) ` +
          `and no dead-letter file is set; give --sink-opt dead-letter=PATH to set such batches aside and go on`,
      );
    }
    await appendFile(path, body);
    this.deadLettered += count;
    this.deadBatches++;
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no response within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
