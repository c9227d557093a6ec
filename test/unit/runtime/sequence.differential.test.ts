/**
 * @fileoverview Stateful differential test for EQL sequences: generated event streams
 * (fast-check: a few processes and users, times that run forward with jumps back, missing
 * times and join values) through the real runtime (framing, Wasm engine with per-step
 * captures and time, detect stage over the keyed window store), in this thread and on two
 * worker threads, against the independent oracle in test/reference/sequence.ts on the IR
 * after and before the passes. Alerts must match, with the same evidence lines, in the
 * same order. Then the state bounds: caps evict (and count) partial sequences, and the
 * live state does not grow with the input.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runPipeline } from "../../../src/runtime/pipeline.js";
import { bytesInput, collectAlerts } from "../../helpers/pipeline.js";
import { inlineRules } from "../../helpers/rule-texts.js";
import { statefulProperties } from "../../helpers/stateful-property.js";
import { referenceSequences } from "../../reference/sequence.js";

const test = suite("runtime: EQL sequences, runtime vs oracle (property)");

const RULES: Record<string, string> = {
  "by-pid.eql": "sequence by unique_pid with maxspan=2s [process where opcode == 1] [network where true] [file where true]",
  "per-step-by.eql": "sequence [process where opcode == 1] by unique_pid [process where true] by unique_ppid",
  // until overlaps the steps: an event may pass both (it completes first, then until drops the rest).
  "until.eql": "sequence by user_name [process where opcode == 1] [network where true] until [any where opcode == 2]",
  "runs.eql": "sequence by user_name with maxspan=1500ms [file where true] with runs=2 [network where true]",
  // `?user_name`: a missing user joins as null (Elasticsearch's optional keys); by-pid's pid does not.
  "optional.eql": "sequence by ?user_name [process where opcode == 1] [file where true]",
  "match.eql": "network where true",
};

const { result, packages, runtimeAlerts } = await inlineRules(RULES, "endgame");

const FILETIME_1970 = 116444736000000000n;
const filetime = (ms: number): string => String(FILETIME_1970 + BigInt(ms) * 10_000n);
const event = fc.record({
  type: fc.constantFrom("process", "process", "network", "file"),
  opcode: fc.constantFrom(1, 1, 2, 3),
  pid: fc.option(fc.constantFrom(10, 11, 12), { freq: 10 }),
  ppid: fc.constantFrom(10, 11, 12),
  user: fc.option(fc.constantFrom("alice", "bob"), { freq: 10 }),
  step: fc.integer({ min: -800, max: 1200 }),
  time: fc.constantFrom("ok", "ok", "ok", "ok", "ok", "missing"),
});
const stream = fc.array(event, { maxLength: 70 }).map((events) => {
  let t = 1_700_000_000_000;
  return events
    .map((e) => {
      t += e.step;
      const fields: Record<string, unknown> = { event_type: e.type, opcode: e.opcode, unique_ppid: e.ppid };
      if (e.pid !== null) fields["unique_pid"] = e.pid;
      if (e.user !== null) fields["user_name"] = e.user;
      // FILETIME needs every digit: written into the JSON text, not through a JS number.
      return JSON.stringify(fields).slice(0, -1) + (e.time === "ok" ? `,"timestamp":${filetime(t)}}` : "}");
    })
    .join("\n");
});

statefulProperties(test, { result, stream, oracle: referenceSequences, runtime: runtimeAlerts, runs: 150 });

test("a completed sequence names its join key, counts its events and keeps their order", async () => {
  const lines = [
    { event_type: "process", opcode: 1, unique_pid: 7, unique_ppid: 1 },
    { event_type: "network", opcode: 3, unique_pid: 7, unique_ppid: 1 },
    { event_type: "network", opcode: 3, unique_pid: 8, unique_ppid: 1 },
    { event_type: "file", opcode: 3, unique_pid: 7, unique_ppid: 1 },
  ].map((f, i) => JSON.stringify(f).slice(0, -1) + `,"timestamp":${filetime(1_700_000_000_000 + i * 100)}}`);
  const alerts = (await runtimeAlerts(lines.join("\n"), 1)).filter((a) => a.rule.id === "by-pid");
  assert.is(alerts.length, 1);
  assert.equal(alerts[0]?.detection, { kind: "sequence", key: { unique_pid: "7" }, count: 3, windowNs: 2_000_000_000n });
  assert.equal(alerts[0]?.evidence.map((e) => e.origin.line), [1, 2, 4]);
});

test("each input has its own clock: a file of an earlier period after a later one still completes its sequences", async () => {
  const at = (ms: number, f: Record<string, unknown>): string => JSON.stringify(f).slice(0, -1) + `,"timestamp":${filetime(ms)}}`;
  const later = [at(1_800_000_000_000, { event_type: "process", opcode: 1, unique_pid: 9, unique_ppid: 1 })].join("\n") + "\n";
  const earlier = [
    at(1_700_000_000_000, { event_type: "process", opcode: 1, unique_pid: 7, unique_ppid: 1 }),
    at(1_700_000_000_100, { event_type: "network", opcode: 3, unique_pid: 7, unique_ppid: 1 }),
    at(1_700_000_000_200, { event_type: "file", opcode: 3, unique_pid: 7, unique_ppid: 1 }),
  ].join("\n");
  const alerts = await collectAlerts({ packages, inputs: [bytesInput("later", Buffer.from(later)), bytesInput("earlier", Buffer.from(earlier))], workers: 1, ordered: true });
  const byPid = alerts.filter((a) => a.rule.id === "by-pid");
  assert.equal(byPid.map((a) => a.evidence.map((e) => `${e.origin.file}:${e.origin.line}`)), [["earlier:1", "earlier:2", "earlier:3"]]);
  assert.equal(referenceSequences(result.ruleSet, result.schema, earlier).filter((a) => a.rule === "by-pid"), [{ rule: "by-pid", lines: [1, 2, 3] }]);
});

/**
 * Many join keys each start a sequence that never finishes (ES users' "one stage matches
 * everything" case): `n` events with distinct pids, no maxspan.
 */
function neverFinishing(n: number): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ event_type: "process", opcode: 1, unique_pid: i, unique_ppid: i, user_name: `u${i}` })).join("\n") + "\n";
}

test("state is capped: partial sequences beyond the cap are evicted oldest first and counted; live state stays flat as input grows 10x", async () => {
  const caps = { maxKeysPerRule: 50, maxEntriesPerKey: 10 };
  const sink = { name: "none", write: async () => undefined, close: async () => undefined };
  const run = (n: number) => runPipeline({ packages, inputs: [bytesInput("<gen>", Buffer.from(neverFinishing(n)))], sink, warn: () => undefined, caps, workers: 1 });
  const small = await run(2_000);
  const large = await run(20_000);
  // per-step-by waits at step 1 per pid, until and optional per user; by-pid has a maxspan, so these untimed events are skipped.
  assert.is(small.held.keys, 3 * 50);
  assert.is(large.held.keys, small.held.keys, "live state does not grow with the input");
  assert.is(small.detect?.evictedKeys, 3 * (2_000 - 50));
  assert.is(large.detect?.evictedKeys, 3 * (20_000 - 50));
  assert.is(large.detect?.untimed, 20_000);
});

test.run();
