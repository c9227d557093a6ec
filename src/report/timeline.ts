/**
 * @fileoverview Alerts over time: buckets of a round width (1 s … 1 week) chosen so the
 * run's time span fits in at most MAX_BUCKETS, counted per severity, so the page draws
 * a stacked bar chart on a plain category axis (no date adapter to inline). Labels are
 * UTC, like the alerts' @timestamp.
 */
import type { Severity } from "../../compiler/ir/nodes.js";

export const MAX_BUCKETS = 60;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WIDTHS = [SECOND, 10 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY] as const;

export interface Timeline {
  readonly bucketMs: number;
  /** Bucket starts, ISO UTC without milliseconds. */
  readonly labels: readonly string[];
  /** Severity → count per bucket. */
  readonly series: Readonly<Record<Severity, readonly number[]>>;
}

/** The narrowest round width that fits the span in MAX_BUCKETS; whole weeks past that. */
export function bucketWidth(spanMs: number): number {
  for (const w of WIDTHS) if (Math.floor(spanMs / w) + 1 <= MAX_BUCKETS) return w;
  return Math.ceil((spanMs + 1) / MAX_BUCKETS / (7 * DAY)) * 7 * DAY;
}

/** One value per severity; written out so the record type needs no cast. */
function perSeverity<T>(make: () => T): Record<Severity, T> {
  return { informational: make(), low: make(), medium: make(), high: make(), critical: make() };
}

export function timeline(points: readonly { readonly timeMs: number; readonly severity: Severity }[]): Timeline {
  if (points.length === 0) return { bucketMs: 0, labels: [], series: perSeverity(() => []) };
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    min = Math.min(min, p.timeMs);
    max = Math.max(max, p.timeMs);
  }
  const width = bucketWidth(max - min);
  const start = Math.floor(min / width) * width;
  const n = Math.floor((max - start) / width) + 1;
  const series = perSeverity(() => new Array<number>(n).fill(0));
  for (const p of points) {
    const i = Math.floor((p.timeMs - start) / width);
    series[p.severity][i] = (series[p.severity][i] ?? 0) + 1;
  }
  const labels = Array.from({ length: n }, (_, i) => new Date(start + i * width).toISOString().replace(".000Z", "Z"));
  return { bucketMs: width, labels, series };
}
