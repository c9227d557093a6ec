/**
 * @fileoverview Joins (the reference engine's `join`), runtime vs oracle: generated event
 * streams (fast-check: a few pids and users, missing join values) through the real runtime
 * (Wasm per-step join captures, detect stage over the keyed window store), in this thread
 * and on two workers, against the independent oracle in test/reference/join.ts on the IR
 * after and before the passes: the same alerts, evidence in step order, in the same order.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { inlineRules } from "../../helpers/rule-texts.js";
import { statefulProperties } from "../../helpers/stateful-property.js";
import { referenceJoins } from "../../reference/join.js";

const test = suite("runtime: EQL joins, runtime vs oracle (property)");

const RULES: Record<string, string> = {
  "by-pid.eql": "join by unique_pid [process where opcode == 1] [file where true] [network where true]",
  "per-step.eql": "join [file where opcode == 0] by unique_pid [process where opcode <= 1] by unique_ppid until [any where opcode <= 1] by unique_ppid",
  "no-key.eql": "join [process where opcode == 3] [network where opcode == 3]",
};
const { result, runtimeAlerts } = await inlineRules(RULES, "endgame", "endgame");

const event = fc.record({
  type: fc.constantFrom("process", "process", "network", "file"),
  opcode: fc.constantFrom(0, 1, 2, 3),
  pid: fc.option(fc.constantFrom(10, 11, 12), { freq: 10 }),
  ppid: fc.constantFrom(10, 11, 12),
});
const stream = fc.array(event, { maxLength: 60 }).map((events) =>
  events
    .map((e) => JSON.stringify({ event_type: e.type, opcode: e.opcode, unique_ppid: e.ppid, ...(e.pid === null ? {} : { unique_pid: e.pid }) }))
    .join("\n"),
);

statefulProperties(test, { result, stream, oracle: referenceJoins, runtime: runtimeAlerts, runs: 150 });

test("a join fills its slots in any order and reports them in step order", async () => {
  const lines = [
    { event_type: "network", opcode: 3, unique_pid: 7, unique_ppid: 1 },
    { event_type: "file", opcode: 0, unique_pid: 7, unique_ppid: 1 },
    { event_type: "process", opcode: 1, unique_pid: 7, unique_ppid: 1 },
  ].map((f) => JSON.stringify(f));
  const byPid = (await runtimeAlerts(lines.join("\n"), 1)).filter((a) => a.rule.id === "by-pid");
  assert.equal(byPid.map((a) => a.evidence.map((e) => e.origin.line)), [[3, 2, 1]]);
  assert.equal(byPid[0]?.detection?.kind, "join");
});

test.run();
