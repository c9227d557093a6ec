/**
 * @fileoverview Stateful differential test for EQL missing events `![…]`: generated event
 * streams in time order (ties included, as Elasticsearch reads them; a few untimed events)
 * through the real runtime (Wasm engine, detect stage over the keyed window store, held
 * candidates delivered as time passes and at the end) in this thread and on two workers,
 * against the non-streaming oracle (test/reference/sequence-missing.ts) on the IR after and
 * before the passes: same alerts, same evidence, same order. Then the holding itself: a
 * trailing candidate is delivered once time passes its interval, or at the end of input,
 * and history is capped like every other entry of the store.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runPipeline } from "../../../src/runtime/pipeline.js";
import { bytesInput } from "../../helpers/pipeline.js";
import { inlineRules } from "../../helpers/rule-texts.js";
import { statefulProperties } from "../../helpers/stateful-property.js";
import { referenceSequences } from "../../reference/sequence.js";

const test = suite("runtime: EQL missing events, runtime vs oracle (property)");

const RULES: Record<string, string> = {
  "middle.eql": "sequence by user_name with maxspan=2s [process where opcode == 1] ![file where opcode == 2] [network where true]",
  "leading.eql": "sequence by user_name with maxspan=1500ms ![file where true] [process where opcode == 1]",
  "trailing.eql": "sequence by user_name with maxspan=2s [process where true] [network where true] ![file where opcode != 1]",
  "both.eql": "sequence with maxspan=1s ![network where opcode == 3] [process where opcode == 1] ![network where true]",
  // Missing steps joining on other fields than the positive ones, with runs, and one optional key.
  "per-step-by.eql": "sequence with maxspan=2s [process where true] by unique_pid ![file where true] by unique_ppid with runs=2 [network where true] by unique_pid ![process where opcode == 2] by unique_ppid",
  "optional.eql": "sequence by ?user_name with maxspan=1s [process where opcode == 1] ![network where true] until [any where opcode == 3]",
};

const { result, packages, runtimeAlerts } = await inlineRules(RULES, "endgame");

const FILETIME_1970 = 116444736000000000n;
const filetime = (ms: number): string => String(FILETIME_1970 + BigInt(ms) * 10_000n);
const event = fc.record({
  type: fc.constantFrom("process", "process", "network", "file"),
  opcode: fc.constantFrom(1, 1, 2, 3),
  pid: fc.constantFrom(10, 11, 12),
  ppid: fc.constantFrom(10, 11, 12),
  user: fc.option(fc.constantFrom("alice", "bob"), { freq: 10 }),
  step: fc.constantFrom(0, 0, 0, 100, 250, 500, 500, 1000, 1000, 1500, 2000, 2500),
  timed: fc.constantFrom(true, true, true, true, true, true, true, true, true, false),
});
const stream = fc.array(event, { maxLength: 60 }).map((events) => {
  let t = 1_700_000_000_000;
  return events
    .map((e) => {
      t += e.step;
      const fields: Record<string, unknown> = { event_type: e.type, opcode: e.opcode, unique_pid: e.pid, unique_ppid: e.ppid };
      if (e.user !== null) fields["user_name"] = e.user;
      return JSON.stringify(fields).slice(0, -1) + (e.timed ? `,"timestamp":${filetime(t)}}` : "}");
    })
    .join("\n");
});

statefulProperties(test, { result, stream, oracle: referenceSequences, runtime: runtimeAlerts, runs: 300 });

const at = (ms: number, f: Record<string, unknown>): string => JSON.stringify(f).slice(0, -1) + `,"timestamp":${filetime(1_700_000_000_000 + ms)}}`;
const lines = (rule: string, alerts: Awaited<ReturnType<typeof runtimeAlerts>>): number[][] => alerts.filter((a) => a.rule.id === rule).map((a) => a.evidence.map((e) => e.origin.line));

test("a trailing candidate waits for its interval: delivered when time passes it, rejected by a missing event inside it", async () => {
  const text = [
    at(0, { event_type: "process", opcode: 1, user_name: "alice", unique_pid: 1, unique_ppid: 1 }),
    at(100, { event_type: "network", opcode: 1, user_name: "alice", unique_pid: 1, unique_ppid: 1 }),
    at(900, { event_type: "process", opcode: 2, user_name: "bob", unique_pid: 1, unique_ppid: 1 }),
    at(1000, { event_type: "network", opcode: 1, user_name: "bob", unique_pid: 1, unique_ppid: 1 }),
    // Inside bob's interval (900, 2900] only: rejects bob's, not alice's (ended at 2000).
    at(2500, { event_type: "file", opcode: 2, user_name: "bob", unique_pid: 1, unique_ppid: 1 }),
  ].join("\n");
  const alerts = await runtimeAlerts(text, 1);
  assert.equal(lines("trailing", alerts), [[1, 2]]);
  assert.equal(referenceSequences(result.ruleSet, result.schema, text).filter((a) => a.rule === "trailing").map((a) => a.lines), [[1, 2]]);
});

test("a middle interval is open at both ends: a missing event at a neighbour's time does not reject", async () => {
  const ev = (ms: number, type: string, opcode: number): string => at(ms, { event_type: type, opcode, user_name: "alice", unique_pid: 1, unique_ppid: 1 });
  const tie = [ev(0, "process", 1), ev(0, "file", 2), ev(100, "file", 2), ev(100, "network", 1)].join("\n");
  const inside = [ev(0, "process", 1), ev(50, "file", 2), ev(100, "network", 1)].join("\n");
  assert.equal(lines("middle", await runtimeAlerts(tie, 1)), [[1, 4]]);
  assert.equal(lines("middle", await runtimeAlerts(inside, 1)), []);
  assert.equal(referenceSequences(result.ruleSet, result.schema, tie).filter((a) => a.rule === "middle").map((a) => a.lines), [[1, 4]]);
});

test("a candidate still held when the input ends is delivered then", async () => {
  const text = [at(0, { event_type: "process", opcode: 1, user_name: "alice", unique_pid: 1, unique_ppid: 1 }), at(10, { event_type: "network", opcode: 1, user_name: "alice", unique_pid: 1, unique_ppid: 1 })].join("\n");
  assert.equal(lines("trailing", await runtimeAlerts(text, 1)), [[1, 2]]);
});

test("missing-step history lives in the keyed window store: capped per key, evictions counted", async () => {
  const caps = { maxKeysPerRule: 1000, maxEntriesPerKey: 5 };
  const sink = { name: "none", write: async () => undefined, close: async () => undefined };
  const text = Array.from({ length: 100 }, (_, i) => at(i, { event_type: "file", opcode: 1, user_name: "alice", unique_pid: 1, unique_ppid: 1 })).join("\n") + "\n";
  const metrics = await runPipeline({ packages, inputs: [bytesInput("<gen>", Buffer.from(text))], sink, warn: () => undefined, caps, workers: 1 });
  // leading and per-step-by (two steps, one key) keep file history; middle's needs opcode 2.
  assert.ok((metrics.detect?.evictedEntries ?? 0) >= 2 * 95);
  assert.ok(metrics.held.entries <= 3 * 5);
});

test.run();
