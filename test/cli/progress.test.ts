/**
 * @fileoverview `kestrel run`'s progress and summary as a script sees them: with stderr a
 * pipe (as in every test and CI) no progress bar is drawn, not one control character; the
 * summary gives alerts by level and by rule; --json keeps its one object, now with
 * alertsPerSeverity.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel } from "./helpers.js";

const events = "examples/sample-events.ndjson";

test("stderr not a terminal: no progress bar, and the summary lists alerts by level and rule", () => {
  const r = kestrel(["run", events, "--workers", "1"]);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, "\r");
  assert.not.match(r.stderr, "\x1b[");
  assert.not.match(r.stderr, "ev/s");
  const n = alerts(r.stdout).length;
  assert.match(r.stderr, `${n} alert(s)`);
  assert.match(r.stderr, /\nkestrel: alerts by level: (critical|high|medium|low|informational) \d+/);
  assert.match(r.stderr, /\nkestrel: alerts by rule( \(top 10 of \d+\))?:\n {2}\s+\d+ {2}\S+/);
});

test("--json: one metrics object on stderr, counting alerts per severity", () => {
  const r = kestrel(["run", events, "--workers", "1", "--json"]);
  assert.is(r.code, 0, r.stderr);
  const last = r.stderr.trimEnd().split("\n").pop() ?? "";
  const j = JSON.parse(last) as { alerts: number; alertsPerSeverity: Record<string, number> };
  assert.is(Object.values(j.alertsPerSeverity).reduce((a, b) => a + b, 0), j.alerts);
  assert.not.match(r.stderr, "\r");
});

test.run();
