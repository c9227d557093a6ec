/**
 * @fileoverview Sigma correlations through the real CLI: rules in one file and the
 * correlations over them in another (referenced by `name` and by `id`) build into a
 * package whose manifest describes the correlation; `kestrel run` over the package and
 * straight from the sources raises the correlation's alerts (group-by values, measured
 * value, evidence) and not the referenced rules' own; the keyed window store's cap
 * evicts, and the run summary counts it; `kestrel validate` reports an unknown rule
 * reference at its line and column with a caret; a Sigma filter file tunes a rule.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Manifest } from "../../compiler/package/manifest.js";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: Sigma correlation rules");
const dir = scratchDir();
const base = join(dir, "logons.yml");
const corr = join(dir, "brute_force.yml");
writeFileSync(
  base,
  `title: Failed logon
name: failed_logon
logsource: {product: windows, service: security}
detection:
  selection: {EventID: 4625}
  condition: selection
---
title: Successful logon
id: 0d7e5c1a-0000-4000-8000-00000000a001
logsource: {product: windows, service: security}
detection:
  selection: {EventID: 4624}
  condition: selection
`,
);
writeFileSync(
  corr,
  `title: Three failed logons by one user
id: many-failed
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 1m
  condition: {gte: 3}
level: high
---
title: Failed logon then success from one address
id: failed-then-ok
correlation:
  type: temporal_ordered
  rules: [failed_logon, 0d7e5c1a-0000-4000-8000-00000000a001]
  group-by: [IpAddress]
  timespan: 30s
---
title: Logons to many accounts from one address
id: spray
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 1h
  condition: {field: TargetUserName, gte: 2}
`,
);
const event = (s: number, id: number, user: string, ip: string): string =>
  JSON.stringify({ "@timestamp": new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString(), Channel: "Security", EventID: id, TargetUserName: user, IpAddress: ip });
const events = join(dir, "events.ndjson");
writeFileSync(
  events,
  [event(0, 4625, "alice", "10.0.0.5"), event(1, 4625, "bob", "10.0.0.5"), event(2, 4625, "alice", "10.0.0.6"), event(3, 4625, "alice", "10.0.0.6"), event(4, 4624, "alice", "10.0.0.6")].join("\n") + "\n",
);

const summary = (stdout: string): { rule: string; lines: number[]; detection: unknown }[] =>
  alerts(stdout).map((a) => {
    const k = a.kestrel as typeof a.kestrel & { detection?: unknown };
    return { rule: a.rule.id, lines: a.kestrel.origin.map((o) => o.line), detection: k.detection };
  });
const expected = [
  { rule: "spray", lines: [1, 2], detection: { kind: "value_count", key: { IpAddress: "10.0.0.5" }, count: 2, window_ms: 3_600_000, value: 2 } },
  { rule: "many-failed", lines: [1, 3, 4], detection: { kind: "event_count", key: { TargetUserName: "alice" }, count: 3, window_ms: 60_000, value: 3 } },
  { rule: "failed-then-ok", lines: [3, 5], detection: { kind: "temporal_ordered", key: { IpAddress: "10.0.0.6" }, count: 2, window_ms: 30_000, value: 2 } },
];

test("build: a package whose manifest describes the correlations and their captures", () => {
  const r = kestrel(["build", base, corr, "--out", join(dir, "out")]);
  assert.is(r.code, 0, r.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, "out", "rules.kpkg", "manifest.json"), "utf8")) as Manifest;
  assert.equal(manifest.rules.map((rule) => rule.id), ["many-failed", "failed-then-ok", "spray"]);
  assert.equal(manifest.rules[0]?.detect, { kind: "correlation", type: "event_count", steps: 1, windowMs: 60_000, condition: [{ op: "gte", value: 3 }] });
  assert.equal(manifest.rules[1]?.steps.map((s) => s.captures.map((c) => `${c.role}:${c.name}`)), [["group:IpAddress"], ["group:IpAddress"]]);
  assert.equal(manifest.rules[2]?.steps[0]?.captures.map((c) => `${c.role}:${c.name}`), ["group:IpAddress", "value:TargetUserName"]);
});

test("run over the package: the correlations' alerts, not the referenced rules' own", () => {
  const r = kestrel(["run", events, "--rules", join(dir, "out", "rules.kpkg"), "--workers", "1", "--ordered"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(summary(r.stdout), expected);
});

test("run from the rule sources gives the same alerts", () => {
  const r = kestrel(["run", events, "--rules", dir, "--no-cache", "--workers", "1", "--ordered", "-q"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(summary(r.stdout), expected);
});

test("the keyed window store's cap evicts correlation state, and the summary counts it", () => {
  const r = kestrel(["run", events, "--rules", join(dir, "out", "rules.kpkg"), "--workers", "1", "--state-max-keys", "1"]);
  assert.is(r.code, 0, r.stderr);
  // One key per rule: alice's first failure is evicted by bob's, so three failures by alice never meet.
  assert.is(summary(r.stdout).some((a) => a.rule === "many-failed"), false);
  assert.match(r.stderr, /[1-9]\d* state eviction\(s\)/);
});

test("validate: an unknown rule reference is a located error with a caret", () => {
  const bad = join(dir, "bad");
  const file = join(bad, "typo.yml");
  mkdirSync(bad);
  writeFileSync(file, "title: Typo\ncorrelation:\n  type: temporal\n  rules:\n    - faild_logon\n  group-by: [TargetUserName]\n  timespan: 5m\n");
  const r = kestrel(["validate", file]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /typo\.yml:5:7: error K1308: Unknown rule 'faild_logon': no rule of this build has that id or name\./);
  assert.match(r.stderr, /\n {4}- faild_logon\n {6}\^{11}\n/);
});

test("a Sigma filter in its own file tunes the rule it names: its events no longer alert", () => {
  const tuned = join(dir, "tuned");
  mkdirSync(tuned);
  writeFileSync(join(tuned, "logons.yml"), readFileSync(base, "utf8"));
  writeFileSync(
    join(tuned, "mf_bob.yml"),
    "title: bob's failures are expected\nlogsource: {product: windows, service: security}\nfilter:\n  rules: [failed_logon]\n  selection: {TargetUserName: bob}\n  condition: selection\n",
  );
  const r = kestrel(["run", events, "--rules", tuned, "--no-cache", "--workers", "1", "--ordered", "-q"]);
  assert.is(r.code, 0, r.stderr);
  // Lines 1-4 are failures (line 2 is bob's), line 5 a success.
  assert.equal(summary(r.stdout).map((a) => `${a.rule}:${a.lines.join(",")}`), ["failed_logon:1", "failed_logon:3", "failed_logon:4", "0d7e5c1a-0000-4000-8000-00000000a001:5"]);
});

test.run();
