/**
 * @fileoverview EQL pipes, runtime vs oracle: rules with head, tail, unique, unique_count
 * and sort (after event queries and sequences) over generated streams (fast-check: a few
 * names, numbers written differently, missing and null values) through the real runtime
 * (Wasm "pipe" captures, detect stage, pipe chains flushed at the end), against the
 * independent oracle (test/reference/results.ts, pipes.ts) on the IR after and before the
 * passes. Each rule's results must be the same events in the same order. Then the caps.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Alert } from "../../../src/runtime/alert.js";
import { runPipeline } from "../../../src/runtime/pipeline.js";
import { bytesInput } from "../../helpers/pipeline.js";
import { inlineRules } from "../../helpers/rule-texts.js";
import { referenceResults, type RuleResult } from "../../reference/results.js";

const test = suite("runtime: EQL pipes, runtime vs oracle (property)");

const RULES: Record<string, string> = {
  "head.eql": "process where opcode == 1 | head 3",
  "tail.eql": "any where true | tail 2",
  "unique.eql": "process where true | unique process_name",
  "unique2.eql": "any where true | unique process_name, pid | head 4",
  "ucount.eql": "any where true | unique_count process_name",
  "sort.eql": "any where opcode != 2 | sort pid process_name | tail 5",
  "filtered.eql": "any where true | filter pid > 2 | filter process_name != 'b' | sort process_name",
  "seq.eql": "sequence by pid [process where opcode == 1] [process where opcode == 2] | tail 1",
};

const { result, packages, runtimeAlerts } = await inlineRules(RULES, "endgame");

/** The endgame dialect: == and the pipes fold case. */
const ENDGAME_RULES: Record<string, string> = {
  "eg-unique.eql": "any where process_name == 'a' or process_name == 'b' | unique process_name",
  "eg-sort.eql": "any where process_name >= 'A' | sort process_name pid",
  "eg-ucount.eql": "any where true | unique_count process_name | sort process_name",
};
const endgame = await inlineRules(ENDGAME_RULES, "endgame", "endgame");

/** Results grouped by rule in rule-file order, each rule's in delivery order. */
function grouped(results: readonly RuleResult[], rules = result.ruleSet.rules): RuleResult[] {
  const order = rules.map((r) => r.id);
  return order.flatMap((id) => results.filter((r) => r.rule === id));
}

const asResults = (alerts: readonly Alert[]): RuleResult[] =>
  alerts.map((a) => ({ rule: a.rule.id, lines: a.evidence.map((e) => e.origin.line), ...(a.detection?.kind === "unique_count" ? { count: a.detection.count } : {}) }));

const event = fc.record({
  type: fc.constantFrom("process", "process", "network"),
  opcode: fc.constantFrom(1, 2, 3),
  name: fc.option(fc.constantFrom('"a"', '"b"', '"A"', "null"), { freq: 8 }),
  pid: fc.option(fc.constantFrom("1", "2", "2.0", "3", "20"), { freq: 8 }),
});
const stream = fc.array(event, { maxLength: 40 }).map((events) =>
  events
    .map((e) => {
      const parts = [`"event_type":"${e.type}"`, `"opcode":${e.opcode}`];
      if (e.name !== null) parts.push(`"process_name":${e.name}`);
      if (e.pid !== null) parts.push(`"pid":${e.pid}`);
      return `{${parts.join(",")}}`;
    })
    .join("\n"),
);

test("each rule's piped results equal the oracle's, in order, in this thread and on two workers", async () => {
  await fc.assert(
    fc.asyncProperty(stream, async (text) => {
      const oracle = referenceResults(result.ruleSet, result.schema, text);
      assert.equal(referenceResults(result.lowered, result.schema, text), oracle, `oracle before passes disagrees on:\n${text}`);
      assert.equal(grouped(asResults(await runtimeAlerts(text, 1))), oracle, text);
      assert.equal(grouped(asResults(await runtimeAlerts(text, 2))), oracle, text);
    }),
    { numRuns: 60 },
  );
});

test("the endgame dialect: case folded in ==, ordering, unique, unique_count and sort, the same in runtime and oracle", async () => {
  await fc.assert(
    fc.asyncProperty(stream, async (text) => {
      const oracle = referenceResults(endgame.result.ruleSet, endgame.result.schema, text);
      assert.equal(grouped(asResults(await endgame.runtimeAlerts(text, 1)), endgame.result.ruleSet.rules), oracle, text);
    }),
    { numRuns: 60 },
  );
  const names = ['{"event_type":"process","opcode":1,"process_name":"B"}', '{"event_type":"process","opcode":1,"process_name":"a"}', '{"event_type":"process","opcode":1,"process_name":"b"}'].join("\n");
  const unique = (await endgame.runtimeAlerts(names, 1)).filter((a) => a.rule.id === "eg-unique").map((a) => a.evidence[0]?.origin.line);
  assert.equal(unique, [1, 2], "'B' and 'b' are one value; 'B' matches == 'b'");
});

test("unique_count reports each group's size on its first event", async () => {
  const text = ['{"event_type":"process","opcode":1,"process_name":"a"}', '{"event_type":"process","opcode":1,"process_name":"b"}', '{"event_type":"network","opcode":1,"process_name":"a"}'].join("\n");
  const counts = (await runtimeAlerts(text, 1)).filter((a) => a.rule.id === "ucount").map((a) => [a.evidence[0]?.origin.line, a.detection?.count]);
  assert.equal(counts, [[1, 2], [2, 1]]);
});

test("held results are capped and the drops counted", async () => {
  const text = Array.from({ length: 500 }, (_, i) => `{"event_type":"process","opcode":1,"process_name":"p${i}","pid":${i}}`).join("\n");
  const sink = { name: "none", write: async () => undefined, close: async () => undefined };
  const m = await runPipeline({ packages, inputs: [bytesInput("<gen>", Buffer.from(text))], sink, warn: () => undefined, caps: { maxKeysPerRule: 100, maxEntriesPerKey: 10 }, workers: 1 });
  // Held results: ucount and sort keep 100 of 500, filtered 100 of 497 (pid > 2); the sequence
  // rule keeps 100 of 500 partial sequences (an evicted key and its entry each).
  assert.is(m.detect?.evictedEntries, 400 + 400 + 397 + 400);
  // unique and unique2 forget 400 keys each; the sequence evicts 400 keys.
  assert.is(m.detect?.evictedKeys, 400 + 400 + 400);
});

test.run();
