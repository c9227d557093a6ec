/**
 * @fileoverview The end-of-run summary (src/util/run-summary.ts) as exact lines: the
 * totals, then alerts by level, most severe first, and the ten busiest rules.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RunMetrics } from "../../../src/runtime/bus/metrics.js";
import { summaryLines } from "../../../src/util/run-summary.js";

function metrics(): RunMetrics {
  const m = new RunMetrics();
  Object.assign(m, { inputs: 2, processed: 1000, bytes: 2_500_000, seconds: 2, malformed: 3, dropped: 1, workers: 1 });
  m.detect = { evictedKeys: 4, evictedEntries: 5 } as RunMetrics["detect"];
  return m;
}

test("no alerts: one line of totals", () => {
  assert.equal(summaryLines(metrics(), 7), [
    "kestrel: 7 rule(s), 2 input(s), 1000 line(s), 0 alert(s), 3 malformed line(s) set aside, 1 over-long line(s) dropped, 9 state eviction(s), 2.5 MB in 2.00 s (500 lines/s, 1 worker(s))",
  ]);
});

test("alerts by level (most severe first) and by rule (top 10, ties by id)", () => {
  const m = metrics();
  for (let i = 0; i < 12; i++) m.countRule(m.alertsPerRule, `rule-${String(i).padStart(2, "0")}`, i === 3 ? 5 : 1);
  m.alerts = 16;
  m.countRule(m.alertsPerSeverity, "low", 10);
  m.countRule(m.alertsPerSeverity, "critical", 6);
  const lines = summaryLines(m, 12);
  assert.equal(lines.slice(1), [
    "kestrel: alerts by level: critical 6, low 10",
    "kestrel: alerts by rule (top 10 of 12):",
    "         5  rule-03",
    "         1  rule-00",
    "         1  rule-01",
    "         1  rule-02",
    "         1  rule-04",
    "         1  rule-05",
    "         1  rule-06",
    "         1  rule-07",
    "         1  rule-08",
    "         1  rule-09",
  ]);
});

test.run();
