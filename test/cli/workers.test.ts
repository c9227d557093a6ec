/**
 * @fileoverview The EventBus through the real CLI: the alert-id set is the same for any
 * --workers; --ordered output is byte-identical to --workers 1; malformed lines are reported
 * with the same numbers in the same order; --json and --stats print the run's metrics; a
 * threshold rule raises its alert with its group and evidence.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: run --workers, --ordered, --stats, --json");
const dir = scratchDir();
const pkgOut = join(dir, "build");
assert.is(kestrel(["build", "rules", "--out", pkgOut]).code, 0);
const pkg = join(pkgOut, "rules.kpkg");

// Several MB, so the input is cut into many batches that workers finish out of order.
const sample = (await import("node:fs")).readFileSync("examples/sample-events.ndjson", "utf8").trimEnd().split("\n");
const lines: string[] = [];
for (let i = 0; i < 6000; i++) {
  // A distinct field per copy, so every alert's evidence, and so its id, is distinct.
  for (const l of sample) lines.push(l.replace("{", `{"copy":${i},`));
  if (i % 997 === 0) lines.push(`{"broken": ${i}`);
}
const events = join(dir, "events.ndjson");
writeFileSync(events, lines.join("\n") + "\n");

const ids = (stdout: string): string[] => stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { id: string }).id);
const run = (...args: string[]) => kestrel(["run", events, "--rules", pkg, ...args]);

const one = run("--workers", "1", "-q");
const two = run("--workers", "2", "-q");
const ordered = run("--workers", "2", "--ordered", "-q");

test("--workers 1 and --workers 2 give the same alert-id set", () => {
  assert.is(one.code, 0, one.stderr);
  assert.is(two.code, 0, two.stderr);
  assert.ok(ids(one.stdout).length > 40_000);
  assert.equal([...ids(two.stdout)].sort(), [...ids(one.stdout)].sort());
  assert.is(new Set(ids(one.stdout)).size, ids(one.stdout).length, "ids are unique");
});

test("--ordered output is byte-identical to --workers 1", () => {
  assert.is(ordered.code, 0, ordered.stderr);
  assert.is(ordered.stdout, one.stdout);
});

test("malformed lines: same numbers, same order, whatever the workers", () => {
  const bad = (stderr: string): string[] => stderr.split("\n").filter((l) => l.includes("malformed event line"));
  assert.is(bad(one.stderr).length, 7);
  assert.equal(bad(two.stderr), bad(one.stderr));
  assert.match(bad(one.stderr)[0] ?? "", `events.ndjson:15:`);
});

test("--json prints the metrics as one object; --stats lists matches per rule", () => {
  const r = run("--workers", "2", "--json");
  const metrics = JSON.parse(r.stderr.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
  assert.is(metrics["workers"], 2);
  assert.is(metrics["processed"], lines.length);
  assert.is(metrics["malformed"], 7);
  assert.is(metrics["alerts"], ids(one.stdout).length);
  assert.ok(Object.keys(metrics["matchesPerRule"] as object).length >= 6);
  const stats = run("--workers", "1", "--stats");
  assert.match(stats.stderr, "matches per rule:");
  assert.match(stats.stderr, "kestrel-eql-discovery-whoami");
});

test("a threshold rule raises one alert per group with its evidence", () => {
  const rule = join(dir, "burst.json");
  writeFileSync(rule, JSON.stringify({ kestrel: "rule/v1", id: "burst", title: "3 whoami per host in 1 m", where: { field: "Image", op: "endswith", value: "\\whoami.exe", caseInsensitive: true }, threshold: { by: ["Hostname"], count: 3, within: "1m" } }));
  const times = [0, 10, 20, 30, 200, 210];
  const input = times.map((s, i) => JSON.stringify({ "@timestamp": new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(), Hostname: i < 4 ? "A" : "B", Image: "C:\\Windows\\System32\\whoami.exe" })).join("\n");
  const r = kestrel(["run", "-", "--rules", rule, "-q", "--workers", "2"], { input });
  assert.is(r.code, 0, r.stderr);
  const alerts = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { kestrel: { detection: unknown; origin: { line: number }[] } });
  assert.is(alerts.length, 1);
  assert.equal(alerts[0]?.kestrel.detection, { kind: "threshold", key: { Hostname: "A" }, count: 3, window_ms: 60000 });
  assert.equal(alerts[0]?.kestrel.origin.map((o) => o.line), [1, 2, 3]);
});

test("events with only TimeCreated (NXLog style) are timed through the schema's fallback", () => {
  const rule = join(dir, "burst-tc.json");
  writeFileSync(rule, JSON.stringify({ kestrel: "rule/v1", id: "burst-tc", title: "2 logons per host in 5 s", where: { field: "EventID", op: "eq", value: 4624 }, threshold: { by: ["Hostname"], count: 2, within: "5s" } }));
  const input = ["10:56:18.799", "10:56:30.000", "10:56:31.500"].map((t) => JSON.stringify({ TimeCreated: `2020-10-18 ${t}`, Hostname: "WKS5", EventID: 4624 })).join("\n");
  const r = kestrel(["run", "-", "--rules", rule, "-q"], { input });
  assert.is(r.code, 0, r.stderr);
  const alerts = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { "@timestamp": string; kestrel: { origin: { line: number }[] } });
  assert.equal(alerts.map((a) => a.kestrel.origin.map((o) => o.line)), [[2, 3]]);
  assert.is(alerts[0]?.["@timestamp"], "2020-10-18T10:56:31.500Z");
});

test.run();
