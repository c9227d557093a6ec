/**
 * @fileoverview Sigma's time modifiers (`minute`, `hour`, `day`, `week`, `month`, `year`):
 * the field's ISO-8601 date part in UTC compared with numbers (eq, or lt…gte after it),
 * run in the Wasm package and in the oracle over the same events, which must agree and
 * give the expected lines; a non-number value is K1307, two time modifiers too.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileSources, linkRuleSet } from "../../../../compiler/index.js";
import { PackageEngine } from "../../../../src/runtime/engine.js";
import { evaluateOn } from "../../../reference/evaluate-line.js";
import { parseJson } from "../../../reference/json-value.js";

const test = suite("sigma: time modifiers");

const events = [
  { Channel: "Security", EventID: 4624, TimeCreated: "2026-12-02T23:30:00Z" },
  { Channel: "Security", EventID: 4624, TimeCreated: "2026-12-02T23:30:00-02:00" },
  { Channel: "Security", EventID: 4624, TimeCreated: "2021-01-03T09:05:00Z" },
  { Channel: "Security", EventID: 4624, TimeCreated: "2024-02-29 07:00:00" },
  { Channel: "Security", EventID: 4624, TimeCreated: "yesterday" },
  { Channel: "Security", EventID: 4624 },
].map((e) => JSON.stringify(e));

async function lines(detection: string): Promise<{ wasm: number[]; oracle: number[]; codes: string[] }> {
  const text = `title: T\nlogsource: {product: windows, service: security}\ndetection:\n  selection:\n    ${detection}\n  condition: selection\n`;
  const r = compileSources([{ path: "t.yml", read: () => text }], { schema: "windows" });
  const codes = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  const rule = r.ruleSet.rules[0];
  if (rule === undefined) return { wasm: [], oracle: [], codes };
  const built = await linkRuleSet(r, "t");
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest);
  const scan = engine.scan({ seq: 0, source: "e", firstLine: 1, bytes: new TextEncoder().encode(events.join("\n") + "\n") }, false);
  const oracle = events.flatMap((e, i) => (evaluateOn(rule, r.schema, parseJson(e), e, i + 1)[0] === true ? [i + 1] : []));
  return { wasm: scan.matches.map((m) => m.line), oracle, codes };
}

const cases: [string, number[]][] = [
  ["TimeCreated|hour: 23", [1]],
  ["TimeCreated|hour|gte: 7", [1, 3, 4]],
  ["TimeCreated|day: 3", [2, 3]],
  ["TimeCreated|week: 53", [3]],
  ["TimeCreated|week: 49", [1, 2]],
  ["TimeCreated|month|lt: 3", [3, 4]],
  ["TimeCreated|year: [2021, 2024]", [3, 4]],
  ["TimeCreated|minute: 5", [3]],
  ["TimeCreated|day|neq: 2", [2, 3, 4, 5]],
];
for (const [detection, expected] of cases) {
  test(detection, async () => {
    const r = await lines(detection);
    assert.equal(r.codes, []);
    assert.equal(r.wasm, expected, "wasm");
    assert.equal(r.oracle, expected, "oracle");
  });
}

test("a time modifier takes numbers, and one at a time", async () => {
  assert.equal((await lines("TimeCreated|hour: morning")).codes, ["K1307"]);
  assert.equal((await lines("TimeCreated|hour|day: 3")).codes, ["K1307"]);
});

test.run();
