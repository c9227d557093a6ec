/**
 * @fileoverview Run metrics: what the bus received and processed, what matched, what was
 * malformed or dropped, alerts per rule, and the detect stage's state counters. `--stats`
 * and the end-of-run summary print them; `--json` prints `toJSON()` as one object.
 */
import { readFileSync } from "node:fs";
import type { DetectCounters } from "../detect/detect.js";

/**
 * Peak RSS of this process (workers are threads of it) in MB. Linux's VmHWM belongs to this
 * program alone; getrusage's maxRSS also counts the parent's memory at fork, so it is only
 * the fallback elsewhere.
 */
function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (hwm !== undefined) return Math.round(Number(hwm) / 1024);
  } catch {
    // Not Linux.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Map entries, most first, ties by key, so every listing of them is stable. */
export function ranked(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export class RunMetrics {
  inputs = 0;
  /** Lines framed, and their bytes. */
  received = 0;
  bytes = 0;
  batches = 0;
  /** Lines scanned by the engines. */
  processed = 0;
  /** Match records, before detection. */
  matched = 0;
  malformed = 0;
  /** Lines set aside unscanned (longer than the input region). */
  dropped = 0;
  alerts = 0;
  /** Lines read again only to rebuild detection state (a partition that changed hands). */
  replayed = 0;
  /** Rule id → match records. */
  readonly perRule = new Map<string, number>();
  /** Rule id → alerts. */
  readonly alertsPerRule = new Map<string, number>();
  /** Severity → alerts. */
  readonly alertsPerSeverity = new Map<string, number>();
  detect: DetectCounters | undefined;
  held = { keys: 0, entries: 0 };
  seconds = 0;
  workers = 1;

  countRule(map: Map<string, number>, id: string, n = 1): void {
    map.set(id, (map.get(id) ?? 0) + n);
  }

  toJSON(): Record<string, unknown> {
    const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries(ranked(m));
    return {
      inputs: this.inputs,
      workers: this.workers,
      received: this.received,
      processed: this.processed,
      bytes: this.bytes,
      batches: this.batches,
      matched: this.matched,
      malformed: this.malformed,
      dropped: this.dropped,
      alerts: this.alerts,
      ...(this.replayed === 0 ? {} : { replayed: this.replayed }),
      seconds: Number(this.seconds.toFixed(3)),
      eventsPerSecond: this.seconds > 0 ? Math.round(this.processed / this.seconds) : 0,
      peakRssMB: peakRssMB(),
      state: { ...this.detect, heldKeys: this.held.keys, heldEntries: this.held.entries },
      matchesPerRule: sorted(this.perRule),
      alertsPerRule: sorted(this.alertsPerRule),
      alertsPerSeverity: sorted(this.alertsPerSeverity),
    };
  }
}
