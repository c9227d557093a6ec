/**
 * @fileoverview Where alerts go: the last runtime stage. A sink takes batches of typed
 * alerts; `write` resolves when the batch is accepted, so a slow sink slows the reader
 * (backpressure) instead of buffering without bound. Built-in sinks live beside this
 * file; others come from oclif plugins answering the `kestrel:sink` hook (src/hooks/).
 */
import type { Alert } from "../runtime/alert.js";

export interface Sink {
  readonly name: string;
  /** Resolves once the batch is delivered or durably set aside; rejects only on a fatal error. */
  write(batch: readonly Alert[]): Promise<void>;
  /**
   * Hands on what `write` buffered, resolving once it is delivered; an acknowledging
   * source (Redis Streams) calls it before acknowledging. Sinks that hold nothing omit it.
   */
  flush?(): Promise<void>;
  /** Flushes what is pending and releases resources. */
  close(): Promise<void>;
  /** After close: alerts the sink could not deliver and set aside (a dead-letter file), if any. */
  report?(): SinkReport | undefined;
}

/** What a sink tells the run summary after close; plain data so plugins can build it. */
export interface SinkReport {
  /** Alerts not delivered to the destination (they were set aside, e.g. dead-lettered). */
  readonly undelivered: number;
  /** One line for stderr saying what happened and where the alerts went. */
  readonly message: string;
}

/**
 * What `kestrel run --sink NAME --sink-opt k=v` asks a plugin for. A plugin answers only
 * for its own names (undefined otherwise) and throws an Error for bad options.
 */
export interface SinkRequest {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  /** The canonical NDJSON form of an alert, so plugins need not import Kestrel. */
  readonly format: (alert: Alert) => string;
}
