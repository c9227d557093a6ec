/**
 * @fileoverview A line batch as events for Lua: each line's number, bytes and parsed
 * object (undefined for blank, malformed or non-object lines, which plugins never see and
 * which pass to the engine unchanged). After enrichment, `rebuild` re-serialises only
 * the changed events; every other line keeps its exact bytes, and the batch keeps its
 * line count, so line numbers and origins stay right.
 */
import type { LineBatch } from "../framing.js";
import type { Patch } from "./patches.js";
import { isObject } from "./patches.js";

export interface BatchEvent {
  readonly line: number;
  readonly bytes: Uint8Array;
  readonly value: Patch | undefined;
  changed: boolean;
}

const decoder = new TextDecoder();

export function batchEvents(batch: LineBatch): BatchEvent[] {
  const events: BatchEvent[] = [];
  let line = batch.firstLine;
  for (let start = 0; start < batch.bytes.length; line++) {
    let end = batch.bytes.indexOf(10, start);
    if (end < 0) end = batch.bytes.length;
    const bytes = batch.bytes.subarray(start, end);
    events.push({ line, bytes, value: parseObject(bytes), changed: false });
    start = end + 1;
  }
  return events;
}

function parseObject(bytes: Uint8Array): Patch | undefined {
  try {
    const v: unknown = JSON.parse(decoder.decode(bytes));
    return isObject(v as Patch) ? (v as Patch) : undefined;
  } catch {
    return undefined;
  }
}

/** The event's line as it is now: re-serialised when changed. */
export function eventText(e: BatchEvent): string {
  return e.changed && e.value !== undefined ? JSON.stringify(e.value) : decoder.decode(e.bytes);
}

export function rebuild(batch: LineBatch, events: readonly BatchEvent[]): LineBatch {
  if (!events.some((e) => e.changed)) return batch;
  const encoder = new TextEncoder();
  const parts = events.map((e) => (e.changed ? encoder.encode(eventText(e)) : e.bytes));
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.length;
    bytes[off++] = 10;
  }
  return { ...batch, bytes };
}
