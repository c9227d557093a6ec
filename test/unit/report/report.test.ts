/**
 * @fileoverview The report's library (src/report/): reading alert lines (bad ones counted
 * with line numbers and reasons), hosts, ATT&CK tags, time buckets, and the aggregate as
 * exact values; the HTML's escaping of anything that could end a script or inject markup.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { aggregate, NO_HOST } from "../../../src/report/aggregate.js";
import { attackTags, TACTICS } from "../../../src/runtime/attack-tags.js";
import { hostOf } from "../../../src/report/host.js";
import { readAlertLines } from "../../../src/report/read-alerts.js";
import { escapeHtml, jsonText, renderHtml, scriptText } from "../../../src/report/render-html.js";
import { bucketWidth, timeline } from "../../../src/report/timeline.js";

interface Fake {
  id: string;
  time?: string;
  rule: string;
  severity: string;
  tags?: string[];
  host?: string;
}

function line(f: Fake): string {
  return JSON.stringify({
    ...(f.time === undefined ? {} : { "@timestamp": f.time }),
    id: f.id,
    event: { kind: "alert", severity: 47 },
    rule: { id: f.rule, name: `Rule ${f.rule}`, severity: f.severity, author: [], tags: f.tags ?? [], description: "", language: "eql" },
    kestrel: { package: "p", package_sha256: "0", origin: [{ file: "ev.ndjson", line: 7 }], ...(f.host === undefined ? {} : { entity: { Hostname: f.host } }) },
    evidence: [{ Hostname: "from-evidence", EventID: 1 }],
  });
}

const lines = [
  line({ id: "a1", time: "2026-11-20T09:00:01.000Z", rule: "r1", severity: "high", tags: ["attack.execution", "attack.t1059.001"], host: "h1" }),
  "",
  "not json",
  line({ id: "a2", time: "2026-11-20T09:00:02.500Z", rule: "r1", severity: "high", tags: ["attack.execution", "attack.t1059.001"], host: "h2" }),
  line({ id: "a3", time: "2026-11-20T09:00:09.000Z", rule: "r2", severity: "low", tags: ["attack.defense_evasion", "attack.TA0002", "attack.t1218"] }),
  JSON.stringify({ id: "x", rule: { id: "r9", severity: "severe" } }),
  "[1,2]",
  line({ id: "a4", rule: "r3", severity: "critical", tags: ["attack.t1003"], host: "h1" }),
];

test("reading: alerts kept, blank lines ignored, bad lines counted with line number and reason", () => {
  const file = readAlertLines(lines);
  assert.equal(file.alerts.map((a) => [a.line, a.id]), [[1, "a1"], [4, "a2"], [5, "a3"], [8, "a4"]]);
  assert.equal(file.bad.map((b) => b.line), [3, 6, 7]);
  assert.match(file.bad[0]?.reason ?? "", /^invalid JSON/);
  assert.is(file.bad[1]?.reason, "'rule.severity' is not one of informational, low, medium, high, critical");
  assert.is(file.bad[2]?.reason, "not a JSON object");
  assert.is(file.alerts[0]?.origin, "ev.ndjson:7");
  assert.is(file.alerts[0]?.timeMs, Date.UTC(2026, 10, 20, 9, 0, 1));
  assert.is(file.alerts[3]?.timeMs, undefined);
  assert.equal(readAlertLines(lines, 1).alerts.map((a) => a.evidence.length), [1, 0, 0, 0], "evidence kept for the table's rows only");
});

test("hosts: the entity first, then the last evidence event, flat or nested ECS", () => {
  assert.is(hostOf({ Hostname: "h" }, [{ Hostname: "e" }]), "h");
  assert.is(hostOf(undefined, [{ Computer: "a" }, { "host.name": "b" }]), "b");
  assert.is(hostOf({ ProcessGuid: "{x}" }, [{ host: { name: "nested" } }]), "nested");
  assert.is(hostOf(undefined, [{ host: { ip: "1.2.3.4" } }]), undefined);
  assert.is(hostOf(undefined, []), undefined);
});

test("ATT&CK: underscore, hyphen and TA id forms name one tactic; techniques upper-cased; order is the matrix's", () => {
  assert.is(TACTICS.length, 14);
  assert.equal(attackTags(["attack.defense_evasion", "attack.defense-evasion", "attack.TA0005", "attack.execution", "attack.t1059.001", "attack.T1105", "cve.2021", "attack.g0016"]), {
    tactics: ["TA0002", "TA0005"],
    techniques: ["T1059.001", "T1105"],
  });
  assert.equal(attackTags(["attack.command_and_control", "attack.resource_development"]).tactics, ["TA0042", "TA0011"]);
});

test("time buckets: the narrowest round width that fits 60 buckets", () => {
  assert.is(bucketWidth(0), 1000);
  assert.is(bucketWidth(59_000), 1000);
  assert.is(bucketWidth(60_000), 10_000);
  assert.is(bucketWidth(3_600_000), 60_000 * 5);
  assert.is(bucketWidth(30 * 86_400_000), 86_400_000);
  assert.is(bucketWidth(2 * 365 * 86_400_000), 2 * 7 * 86_400_000);
  const t = timeline([
    { timeMs: 1000, severity: "high" },
    { timeMs: 1999, severity: "high" },
    { timeMs: 3500, severity: "low" },
  ]);
  assert.is(t.bucketMs, 1000);
  assert.equal(t.labels, ["1970-01-01T00:00:01Z", "1970-01-01T00:00:02Z", "1970-01-01T00:00:03Z"]);
  assert.equal(t.series.high, [2, 0, 0]);
  assert.equal(t.series.low, [0, 0, 1]);
  assert.equal(t.series.critical, [0, 0, 0]);
  assert.equal(timeline([]).labels, []);
});

test("aggregate: exact counts by level, rule, host, tactic; rows capped", () => {
  const file = readAlertLines(lines);
  const d = aggregate(file.alerts, file.bad, { source: "alerts.ndjson", maxRows: 3 });
  assert.is(d.alerts, 4);
  assert.is(d.untimed, 1);
  assert.is(d.badLines, 3);
  assert.equal(d.byLevel, [["critical", 1], ["high", 2], ["medium", 0], ["low", 1], ["informational", 0]]);
  assert.equal(d.byRule, [
    { id: "r1", name: "Rule r1", severity: "high", alerts: 2 },
    { id: "r2", name: "Rule r2", severity: "low", alerts: 1 },
    { id: "r3", name: "Rule r3", severity: "critical", alerts: 1 },
  ]);
  assert.equal(d.byHost, [["h1", 2], ["from-evidence", 1], ["h2", 1]]);
  const covered = d.tactics.filter((t) => t.rules > 0);
  assert.equal(covered, [
    { id: "TA0002", name: "Execution", rules: 2, alerts: 3, techniques: ["T1059.001", "T1218"] },
    { id: "TA0005", name: "Defense Evasion", rules: 1, alerts: 1, techniques: ["T1218"] },
  ]);
  assert.is(d.tactics.length, 14);
  assert.is(d.rulesWithoutTactic, 1);
  assert.equal(d.timeline.bucketMs, 1000);
  assert.equal(d.timeline.series.high.reduce((a, b) => a + b, 0), 2);
  assert.equal(d.rows.map((r) => [r.id, r.host, r.tactics]), [["a1", "h1", ["Execution"]], ["a2", "h2", ["Execution"]], ["a3", "from-evidence", ["Execution", "Defense Evasion"]]]);
  assert.is(aggregate([], [], { source: "s", maxRows: 1 }).byHost.length, 0);
  assert.is(NO_HOST, "(no host)");
});

test("html: nothing from an alert can close a script or add markup", () => {
  assert.is(escapeHtml(`<b a="1">&'`), "&#60;b a=&#34;1&#34;&#62;&#38;&#39;");
  assert.is(scriptText('x = "</script><!--"'), 'x = "<\\/script><\\!--"');
  assert.is(jsonText({ a: "</script>" }), '{"a":"\\u003c/script>"}');
  const evil = readAlertLines([line({ id: "</script><script>alert(1)</script>", rule: "<img src=x>", severity: "low" })]);
  const html = renderHtml(aggregate(evil.alerts, [], { source: "<src>", maxRows: 10 }), { chartJs: "/*c*/", script: "/*s*/", css: "" }, "<t>");
  assert.is(html.match(/<script/g)?.length, 3);
  assert.is(html.match(/<\/script>/g)?.length, 3);
  assert.not.match(html, "<img");
  assert.match(html, "<title>&#60;t&#62;</title>");
});

test.run();
