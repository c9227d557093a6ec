/**
 * @fileoverview EQL's three-valued logic as users see it: a comparison on a missing
 * or null field is null, `not null` stays null, and only true conditions match. Each
 * query runs through the Wasm package and the reference evaluator (before and after the
 * passes), which must agree.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../../compiler/index.js";
import { expectAgreement, runThreeWay, WASM } from "../../../helpers/differential.js";

const events = [
  '{"event_type":"process","pid":4,"exit_code":0,"process_name":"a.exe"}',
  '{"event_type":"process","pid":5,"process_name":"b.exe"}',
  '{"event_type":"process","pid":6,"exit_code":null,"process_name":"c.exe"}',
].join("\n");

async function matchingLines(query: string): Promise<number[]> {
  const result = compileSources([{ path: "q.eql", read: () => query }], { schema: "endgame" });
  assert.equal(result.diagnostics, [], query);
  const bytes = Buffer.from(events);
  const three = await runThreeWay(result, bytes);
  expectAgreement(three, query);
  return (three.get(WASM)?.matches ?? []).map((m) => Number(m.slice(0, m.indexOf(":"))));
}

const cases: readonly [string, number[]][] = [
  ["process where exit_code > -1", [1]],
  ["process where not exit_code > -1", []],
  ["process where not (exit_code > -1 or pid == 4)", []],
  ["process where not (exit_code > 5 and pid == 4)", [1, 2, 3]],
  ["process where not (exit_code > 5 and pid == 5)", [1, 3]],
  ["process where not exit_code != 0", [1]],
  ["process where not exit_code == null", [1]],
  ["process where not exit_code != null", [2, 3]],
  ["process where not not exit_code == 0", [1]],
  ["process where not ?no_such_field == 1", []],
  ["process where not startsWith(process_name, \"b\")", [1, 3]],
];

for (const [query, lines] of cases) {
  test(query, async () => {
    assert.equal(await matchingLines(query), lines);
  });
}

test.run();
