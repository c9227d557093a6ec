/**
 * @fileoverview The differential check can fail, and says where. A deliberately broken
 * pass (it drops the first term of every `and`, here the EQL event category) changes
 * what codegen compiles: Wasm and the oracle after passes then agree with each other,
 * and the oracle before passes, on the IR as lowered, names the rule and the line.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../compiler/index.js";
import { mapExpr, mapPredicates } from "../../compiler/ir/visit.js";
import type { Pass } from "../../compiler/passes/pass.js";
import { passes } from "../../compiler/passes/pipeline.js";
import { disagreements, expectAgreement, outcomeDisagreements, runThreeWay, type Compiled } from "../helpers/differential.js";

const dropFirstAndTerm: Pass = {
  name: "broken: drops the first term of every and",
  run: (rule) => ({
    ...rule,
    query: mapPredicates(rule.query, (p) => mapExpr(p, (e) => (e.kind === "and" ? { kind: "and", terms: e.terms.slice(1) } : e))),
  }),
};

const events = Buffer.from(['{"event_type":"process","process_name":"a.exe"}', '{"event_type":"network","process_name":"a.exe"}'].join("\n"));

function compiledWith(pipeline: readonly Pass[]): Compiled {
  const result = compileSources([{ path: "q.eql", read: () => 'process where process_name == "a.exe"' }], { schema: "endgame" });
  assert.equal(result.diagnostics, []);
  const rules = result.lowered.rules.map((r) => pipeline.reduce((x, p) => p.run(x), r));
  return { ...result, ruleSet: { ...result.ruleSet, rules } };
}

test("the real passes: all three engines agree", async () => {
  expectAgreement(await runThreeWay(compiledWith(passes), events), "real passes");
});

test("a broken pass: the oracle before passes disagrees, naming rule, line and engines", async () => {
  const three = await runThreeWay(compiledWith([...passes, dropFirstAndTerm]), events);
  const expected = "rule 'q', line 2: reported by Wasm, oracle after passes; not by oracle before passes";
  assert.equal(outcomeDisagreements(three), [expected]);
  let message = "";
  try {
    expectAgreement(three, "broken pass");
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  assert.ok(message.includes(`broken pass: engines disagree:\n  ${expected}`), message);
});

test("disagreements: items some engines miss, then order and repeats", () => {
  const answers = (a: number[], b: number[], c: number[]) => new Map([["A", a], ["B", b], ["C", c]]);
  const event = (id: number): string => `event ${id}`;
  assert.equal(disagreements(answers([1, 2], [1, 2], [1, 2]), event), []);
  assert.equal(disagreements(answers([1, 2], [2], [1, 3]), event), [
    "event 1: reported by A, C; not by B",
    "event 2: reported by A, B; not by C",
    "event 3: reported by C; not by A, B",
  ]);
  assert.equal(disagreements(answers([1, 2], [2, 1], [1, 2, 2]), event), [
    "B reports what A does, but in another order or repeated",
    "C reports what A does, but in another order or repeated",
  ]);
  assert.equal(disagreements(answers([1, 2, 3], [], []), event, 2), ["event 1: reported by A; not by B, C", "event 2: reported by A; not by B, C", "... and 1 more"]);
});

test.run();
