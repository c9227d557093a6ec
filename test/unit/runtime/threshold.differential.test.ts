/**
 * @fileoverview Stateful differential test: threshold rules over generated event streams
 * (fast-check: a few users and hosts, times that run forward with jitter and jumps back,
 * missing and unparseable times, missing group-by values) through the real runtime
 * (framing, Wasm engine with captures and time, EventBus, detect stage over the keyed
 * window store), with the scan in this thread and on two worker threads, against the
 * independent oracle in test/reference/threshold.ts, run on the IR after and before the
 * passes. Alerts must be the same, with the same evidence lines, in the same order.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileSources, type CompileResult } from "../../../compiler/index.js";
import type { Alert } from "../../../src/runtime/alert.js";
import { bytesInput, collectAlerts, compiledPackage } from "../../helpers/pipeline.js";
import { statefulProperties } from "../../helpers/stateful-property.js";
import { referenceThreshold } from "../../reference/threshold.js";

const test = suite("runtime: threshold rules, runtime vs oracle (property)");

const RULES = JSON.stringify([
  {
    kestrel: "rule/v1",
    id: "t-user-host",
    title: "3 failed logons per user and host in 10 s",
    where: { field: "EventID", op: "eq", value: 4625 },
    threshold: { by: ["TargetUserName", "Hostname"], count: 3, within: "10s" },
  },
  {
    kestrel: "rule/v1",
    id: "t-any",
    title: "4 events of any kind within 2 s",
    where: { field: "EventID", op: "exists" },
    threshold: { count: 4, within: "2s" },
  },
  { kestrel: "rule/v1", id: "m-4625", title: "every failed logon", where: { field: "EventID", op: "eq", value: 4625 } },
]);

function compile(): CompileResult {
  const result = compileSources([{ path: "threshold-rules.json", read: () => RULES }], { schema: "windows" });
  assert.equal(result.diagnostics.filter((d) => d.severity === "error"), []);
  return result;
}

const result = compile();
const packages = [await compiledPackage(result, "threshold-test")];

const runtimeAlerts = (text: string, workers: number): Promise<Alert[]> =>
  collectAlerts({ packages, inputs: [bytesInput("<gen>", Buffer.from(text), 997)], workers, ordered: true, inputCapacity: 4096 });

const base = Date.UTC(2026, 0, 1);
const event = fc.record({
  user: fc.option(fc.constantFrom("alice", "bob", "Alice"), { freq: 8 }),
  host: fc.constantFrom("WKS01", "WKS02"),
  id: fc.constantFrom(4625, 4625, 4624),
  step: fc.integer({ min: -3000, max: 4000 }),
  time: fc.constantFrom("iso", "iso", "iso", "iso", "missing", "bad"),
});
const stream = fc.array(event, { maxLength: 60 }).map((events) => {
  let t = base;
  return events
    .map((e) => {
      t += e.step;
      const fields: Record<string, unknown> = { Channel: "Security", EventID: e.id, Hostname: e.host };
      if (e.user !== null) fields["TargetUserName"] = e.user;
      if (e.time === "iso") fields["@timestamp"] = new Date(t).toISOString();
      if (e.time === "bad") fields["@timestamp"] = "not a time";
      return JSON.stringify(fields);
    })
    .join("\n");
});

statefulProperties(test, { result, stream, oracle: referenceThreshold, runtime: runtimeAlerts, runs: 150 });

test("a fired threshold names its group and counts its evidence", async () => {
  const lines = [0, 1, 2].map((i) => JSON.stringify({ "@timestamp": new Date(base + i * 1000).toISOString(), Channel: "Security", EventID: 4625, Hostname: "WKS01", TargetUserName: "alice" }));
  const alerts = (await runtimeAlerts(lines.join("\n"), 1)).filter((a) => a.rule.id === "t-user-host");
  assert.is(alerts.length, 1);
  assert.equal(alerts[0]?.detection, { kind: "threshold", key: { TargetUserName: "alice", Hostname: "WKS01" }, count: 3, windowNs: 10_000_000_000n });
  assert.equal(alerts[0]?.evidence.map((e) => e.origin.line), [1, 2, 3]);
  assert.is(alerts[0]?.timeNs, BigInt(base + 2000) * 1_000_000n);
});

test.run();
