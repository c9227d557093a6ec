/**
 * @fileoverview The bundled rules' own test cases (rules/**\/*.tests.ndjson) through the
 * oracle, so `kestrel test` (which runs them in the Wasm engine; test/cli/rule-tests.test.ts)
 * is held to an independent evaluator: each case's alert count is what the reference
 * evaluator (single-event rules) or the reference sequence semantics give too.
 */
import fg from "fast-glob";
import { basename, dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../compiler/index.js";
import type { IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { readCases } from "../../src/rule-tests/cases.js";
import { evaluateOn } from "../reference/evaluate-line.js";
import { forEachEvent } from "../reference/event-lines.js";
import { referenceResults } from "../reference/results.js";

const test = suite("differential: the bundled rules' test cases through the oracle");

function oracleAlerts(set: IrRuleSet, rule: IrRule, schema: EventSchema, text: string): number {
  switch (rule.query.kind) {
    case "match": {
      let n = 0;
      forEachEvent(text, (e) => {
        if (evaluateOn(rule, schema, e.root, e.raw, e.line)[0] === true) n++;
      });
      return n;
    }
    case "sequence":
    case "join":
      return referenceResults(set, schema, text).filter((r) => r.rule === rule.id).length;
    case "threshold":
    case "correlation":
      throw new Error(`rule ${rule.id}: no oracle here for ${rule.query.kind} rules; add one before giving it test cases`);
    default:
      return assertNever(rule.query);
  }
}

const testsFiles = (await fg("rules/**/*.tests.ndjson")).sort();

test("every bundled rule file carries test cases", async () => {
  const ruleFiles = await fg("rules/**/*.{eql,yml,json}");
  assert.is(testsFiles.length, ruleFiles.length);
});

for (const testsFile of testsFiles) {
  test(testsFile, () => {
    const stem = basename(testsFile, ".tests.ndjson");
    const [ruleFile] = fg.sync(`${join(dirname(testsFile), stem).replace(/\\/g, "/")}.{eql,yml,json}`);
    assert.ok(ruleFile !== undefined, `no rule file for ${testsFile}`);
    const result = compileSources([{ path: ruleFile, read: () => readFileSync(ruleFile, "utf8") }], { schema: "windows" });
    assert.is(result.ruleSet.rules.length, 1);
    const rule = result.ruleSet.rules[0] as IrRule;
    for (const read of readCases(testsFile, testsFile)) {
      if (read.kind === "invalid") assert.unreachable(`${read.where}: ${read.why}`);
      else assert.is(oracleAlerts(result.ruleSet, rule, result.schema, read.test.events.join("\n") + "\n"), read.test.alerts, `${read.test.where} ${read.test.name}`);
    }
  });
}

test.run();
