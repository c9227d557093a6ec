/**
 * @fileoverview The end-of-run summary `kestrel run` prints on stderr: one line of totals
 * (events, bytes, time, rate, set-aside lines, state evictions), then, when there were
 * alerts, alerts by level (most severe first) and by rule (the ten busiest). Pure text
 * from RunMetrics, so it is unit-tested with exact lines.
 */
import { severities } from "../../compiler/ir/nodes.js";
import { ranked, type RunMetrics } from "../runtime/bus/metrics.js";

const TOP_RULES = 10;

export function summaryLines(m: RunMetrics, rules: number): string[] {
  const mb = m.bytes / 1e6;
  const rate = m.seconds > 0 ? Math.round(m.processed / m.seconds) : 0;
  const evicted = (m.detect?.evictedKeys ?? 0) + (m.detect?.evictedEntries ?? 0);
  const totals =
    `kestrel: ${rules} rule(s), ${m.inputs} input(s), ${m.processed} line(s), ${m.alerts} alert(s), ` +
    `${m.malformed} malformed line(s) set aside, ${m.dropped} over-long line(s) dropped, ${evicted} state eviction(s), ` +
    `${mb.toFixed(1)} MB in ${m.seconds.toFixed(2)} s (${rate} lines/s, ${m.workers} worker(s))`;
  if (m.alerts === 0) return [totals];
  const levels = [...severities]
    .reverse()
    .filter((s) => (m.alertsPerSeverity.get(s) ?? 0) > 0)
    .map((s) => `${s} ${m.alertsPerSeverity.get(s) ?? 0}`);
  const byRule = ranked(m.alertsPerRule);
  const of = byRule.length > TOP_RULES ? ` (top ${TOP_RULES} of ${byRule.length})` : "";
  return [
    totals,
    `kestrel: alerts by level: ${levels.join(", ")}`,
    `kestrel: alerts by rule${of}:`,
    ...byRule.slice(0, TOP_RULES).map(([id, n]) => `  ${String(n).padStart(8)}  ${id}`),
  ];
}
