/**
 * @fileoverview Stateful differential test for Sigma correlations: every correlation type
 * (with ranges, aliases and rules that overlap, so one event passes several steps) over
 * generated event streams (fast-check: a few users, hosts and addresses, numbers, numeric
 * and other strings as values, times that run forward with jumps back, missing and bad
 * times, missing group-by values) through the real runtime (framing, Wasm engine with
 * per-step group and value captures, detect stage over the keyed window store), in this
 * thread and on two worker threads, against the independent oracle in
 * test/reference/correlation.ts on the IR after and before the passes. Alerts must match,
 * with the same evidence lines, in the same order. Then examples whose alerts are spelled
 * out, so a shared misreading of the semantics shows too.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Alert } from "../../../src/runtime/alert.js";
import { inlineRules } from "../../helpers/rule-texts.js";
import { statefulProperties } from "../../helpers/stateful-property.js";
import { referenceCorrelations } from "../../reference/correlation.js";

const test = suite("runtime: Sigma correlations, runtime vs oracle (property)");

const base = (name: string, detection: string): string =>
  `title: ${name}\nname: ${name}\nlogsource:\n  product: windows\n  service: security\ndetection:\n  selection:\n    ${detection}\n  condition: selection\n`;
const correlation = (title: string, body: string): string => `title: ${title}\nid: ${title}\ncorrelation:\n${body}`;

const RULES: Record<string, string> = {
  "base.yml": [base("failed", "EventID: 4625"), base("ok", "EventID: 4624"), base("wks01", "Hostname: WKS01")].join("---\n"),
  "counts.yml": [
    correlation("c-event-count", "  type: event_count\n  rules: [failed, wks01]\n  group-by: [TargetUserName]\n  timespan: 10s\n  condition: {gte: 3}\n"),
    correlation("c-range", "  type: event_count\n  rules: [ok]\n  group-by: [Hostname]\n  timespan: 5s\n  condition: {gt: 1, lte: 3}\n"),
    correlation("c-value-count", "  type: value_count\n  rules: [failed]\n  group-by: [Hostname]\n  timespan: 10s\n  condition: {field: TargetUserName, gte: 2}\n"),
    correlation("c-aliases", "  type: event_count\n  rules: [failed, ok]\n  group-by: [ip]\n  timespan: 4s\n  condition: {eq: 2}\n  aliases:\n    ip: {failed: IpAddress, ok: SourceIp}\n"),
  ].join("---\n"),
  "temporal.yml": [
    correlation("c-temporal", "  type: temporal\n  rules: [failed, ok, wks01]\n  group-by: [TargetUserName]\n  timespan: 5s\n"),
    correlation("c-ordered", "  type: temporal_ordered\n  rules: [failed, ok, wks01]\n  group-by: [Hostname]\n  timespan: 10s\n"),
  ].join("---\n"),
  "values.yml": [
    correlation("c-sum", "  type: value_sum\n  rules: [wks01, ok]\n  group-by: [TargetUserName]\n  timespan: 10s\n  condition: {field: ProcessId, gt: 100, lte: 1000}\n"),
    correlation("c-avg", "  type: value_avg\n  rules: [failed]\n  group-by: [Hostname]\n  timespan: 10s\n  condition: {field: ProcessId, gte: 50.5}\n"),
    correlation("c-percentile", "  type: value_percentile\n  rules: [wks01]\n  group-by: [Hostname]\n  timespan: 10s\n  condition: {field: Image, lte: 40}\n"),
  ].join("---\n"),
  "generate.yml": correlation("c-generate", "  type: event_count\n  rules: [failed]\n  group-by: [Hostname]\n  timespan: 3s\n  condition: {gte: 2}\ngenerate: true\n"),
};

// The base rules failed (generate: true) and the 10 correlations; ok and wks01 only feed them.
const { result, runtimeAlerts } = await inlineRules(RULES, "windows", "elastic", 11);

const start = Date.UTC(2026, 0, 1);
const event = fc.record({
  id: fc.constantFrom(4625, 4625, 4624, 1),
  user: fc.option(fc.constantFrom("alice", "bob"), { freq: 8 }),
  host: fc.constantFrom("WKS01", "WKS02"),
  ip: fc.option(fc.constantFrom("10.0.0.1", "10.0.0.2"), { freq: 6 }),
  pid: fc.option(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom("120", "7.5", "x", "1e2")), { freq: 6 }),
  image: fc.constantFrom("a.exe", "a.exe", "a.exe", "b.exe", "c.exe"),
  step: fc.integer({ min: -2000, max: 3000 }),
  time: fc.constantFrom("iso", "iso", "iso", "iso", "iso", "missing", "bad"),
});
const stream = fc.array(event, { maxLength: 70 }).map((events) => {
  let t = start;
  return events
    .map((e) => {
      t += e.step;
      const fields: Record<string, unknown> = { Channel: "Security", EventID: e.id, Hostname: e.host, Image: e.image };
      if (e.user !== null) fields["TargetUserName"] = e.user;
      if (e.ip !== null) fields[e.id === 4624 ? "SourceIp" : "IpAddress"] = e.ip;
      if (e.pid !== null) fields["ProcessId"] = e.pid;
      if (e.time === "iso") fields["@timestamp"] = new Date(t).toISOString();
      if (e.time === "bad") fields["@timestamp"] = "yesterday";
      return JSON.stringify(fields);
    })
    .join("\n");
});

statefulProperties(test, { result, stream, oracle: referenceCorrelations, runtime: runtimeAlerts, runs: 150 });

test("the generated streams make every correlation fire (so the property above compares alerts)", () => {
  const fired = new Set(fc.sample(stream, 150).flatMap((text) => referenceCorrelations(result.ruleSet, result.schema, text).map((a) => a.rule)));
  assert.equal([...fired].sort(), result.ruleSet.rules.filter((r) => r.query.kind === "correlation").map((r) => r.id).sort());
});

const at = (s: number, fields: Record<string, unknown>): string => JSON.stringify({ "@timestamp": new Date(start + s * 1000).toISOString(), Channel: "Security", ...fields });
const fired = (alerts: readonly Alert[], rule: string): { lines: number[]; key: unknown; value: unknown }[] =>
  alerts.filter((a) => a.rule.id === rule).map((a) => ({ lines: a.evidence.map((e) => e.origin.line), key: a.detection?.key, value: a.detection?.value }));

test("spelled out: counts, distinct values, sums, percentiles and temporal order", async () => {
  const lines = [
    at(0, { EventID: 4625, Hostname: "WKS02", TargetUserName: "alice", ProcessId: 60 }),
    at(1, { EventID: 4625, Hostname: "WKS02", TargetUserName: "bob", ProcessId: 40 }),
    at(2, { EventID: 4624, Hostname: "WKS02", TargetUserName: "bob" }),
    at(3, { EventID: 1, Hostname: "WKS02", TargetUserName: "bob" }),
    at(30, { EventID: 4625, Hostname: "WKS01", TargetUserName: "carol", Image: "a.exe" }),
  ];
  const alerts = await runtimeAlerts(lines.join("\n"), 1);
  // Two failures by two users on WKS02 within 10 s: value_count reaches 2 at the second.
  assert.equal(fired(alerts, "c-value-count"), [{ lines: [1, 2], key: { Hostname: "WKS02" }, value: 2 }]);
  // The mean of 60 and 40 is 50, under 50.5: only the first failure (60) fires c-avg.
  assert.equal(fired(alerts, "c-avg"), [{ lines: [1], key: { Hostname: "WKS02" }, value: 60 }]);
  // bob failed then logged on, but no WKS01 event followed: neither temporal rule fires.
  assert.equal(fired(alerts, "c-ordered"), []);
  assert.equal(fired(alerts, "c-temporal"), []);
  // carol's event on WKS01 passes failed and wks01: counted once for c-event-count.
  assert.equal(fired(alerts, "c-event-count"), []);
  // The first event of a group is 100% of it: not rare.
  assert.equal(fired(alerts, "c-percentile"), []);
  // generate: true keeps the base rule's own alerts (three failures), without a detection.
  assert.is(alerts.filter((a) => a.rule.id === "failed" && a.detection === undefined).length, 3);
  assert.is(alerts.some((a) => a.rule.id === "ok" || a.rule.id === "wks01"), false);
});

test("spelled out: temporal_ordered needs its rules in order, temporal in any order", async () => {
  const lines = [
    at(0, { EventID: 4624, Hostname: "WKS01", TargetUserName: "dave" }),
    at(1, { EventID: 4625, Hostname: "WKS01", TargetUserName: "dave" }),
    at(2, { EventID: 4624, Hostname: "WKS01", TargetUserName: "dave" }),
  ];
  const alerts = await runtimeAlerts(lines.join("\n"), 1);
  // temporal: failed (line 2), ok and wks01 newest (line 2 passes wks01 too; line 1 is older): fires at line 2.
  assert.equal(fired(alerts, "c-temporal"), [{ lines: [1, 2], key: { TargetUserName: "dave" }, value: 3 }]);
  // ordered by host: failed (2) → ok (3) → wks01 needs a later event; line 3 cannot fill two steps.
  assert.equal(fired(alerts, "c-ordered"), []);
  const more = await runtimeAlerts([...lines, at(3, { EventID: 1, Hostname: "WKS01" })].join("\n"), 1);
  assert.equal(fired(more, "c-ordered"), [{ lines: [2, 3, 4], key: { Hostname: "WKS01" }, value: 3 }]);
});

test("spelled out: aliases group different fields, and value_percentile finds the rare value", async () => {
  const lines = [
    at(0, { EventID: 4625, Hostname: "WKS02", IpAddress: "10.0.0.9" }),
    at(1, { EventID: 4624, Hostname: "WKS02", SourceIp: "10.0.0.9" }),
    ...[2, 3, 4].map((s) => at(s, { EventID: 1, Hostname: "WKS01", Image: "a.exe" })),
    at(5, { EventID: 1, Hostname: "WKS01", Image: "b.exe" }),
  ];
  const alerts = await runtimeAlerts(lines.join("\n"), 1);
  assert.equal(fired(alerts, "c-aliases"), [{ lines: [1, 2], key: { ip: "10.0.0.9" }, value: 2 }]);
  // b.exe is 1 of 4 events on WKS01 (25% ≤ 40%).
  assert.equal(fired(alerts, "c-percentile"), [{ lines: [6], key: { Hostname: "WKS01" }, value: 25 }]);
});

test("one clock per rule across partitions: an event late for the rule is late on any worker count", async () => {
  // WKS02's event moves the rule's clock to 3.001 s; WKS01's event at 3.000 s then falls
  // outside a window that WKS01's partition alone would still hold open.
  const lines = [
    at(0, { Channel: "Security", EventID: 4625, Hostname: "WKS01", Image: "a.exe" }),
    JSON.stringify({ Channel: "Security", EventID: 4625, Hostname: "WKS01", Image: "a.exe" }),
    JSON.stringify({ Channel: "Security", EventID: 4625, Hostname: "WKS02", Image: "a.exe", "@timestamp": "2026-01-01T00:00:03.001Z" }),
    JSON.stringify({ Channel: "Security", EventID: 4625, Hostname: "WKS01", Image: "a.exe", "@timestamp": "2026-01-01T00:00:03.000Z" }),
  ].join("\n");
  const one = await runtimeAlerts(lines, 1);
  assert.equal((await runtimeAlerts(lines, 2)).map((a) => a.id), one.map((a) => a.id));
});

test.run();
