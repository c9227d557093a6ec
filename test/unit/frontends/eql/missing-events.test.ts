/**
 * @fileoverview Lowering EQL missing events `![…]`: they become missing steps of the IR
 * sequence in place (with `runs`, repeated), and the located errors when they cannot be
 * lowered: no maxspan (K1606, on the first `![…]`), no positive event (K1607, on the
 * `sequence` keyword), in a join or `until` (K1601).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatDiagnostic } from "../../../../compiler/diagnostics/format.js";
import { lower } from "./helpers.js";

/** The first line of each formatted diagnostic: file:line:col: error CODE: message. */
function located(text: string): string[] {
  const { bag, file } = lower(text);
  return bag.items.map((d) => formatDiagnostic(d, file).split("\n")[0] ?? "");
}

test("missing steps keep their place, and runs repeats them", () => {
  const { rules, bag } = lower('sequence by user.name with maxspan=1m\n  ![process where true]\n  [file where true]\n  ![process where process.pid > 1] with runs=2\n  [file where true]');
  assert.equal(bag.items, []);
  const q = rules[0]?.query;
  assert.ok(q?.kind === "sequence");
  assert.equal(q.steps.map((s) => s.missing === true), [true, false, true, true, false]);
  assert.is(q.maxspanMs, 60_000);
});

test("a trailing missing event after one positive event is a sequence of two steps", () => {
  const { rules, bag } = lower("sequence with maxspan=1s [process where true] ![file where true]");
  assert.equal(bag.items, []);
  assert.equal(rules[0]?.query.kind === "sequence" ? rules[0].query.steps.map((s) => s.missing === true) : [], [false, true]);
});

test("no maxspan: K1606 at the first missing event", () => {
  assert.equal(located("sequence\n  [process where true]\n  ![file where true]\n  ![process where true]"), [
    "rules/test_rule.eql:3:3: error K1606: A sequence with missing events '![…]' needs 'with maxspan=…' to bound them.",
  ]);
});

test("only missing events: K1607 at the sequence keyword", () => {
  assert.equal(located("sequence with maxspan=1s\n  ![process where true]\n  ![file where true]"), [
    "rules/test_rule.eql:1:1: error K1607: A sequence needs at least one event that is not missing '![…]'.",
  ]);
});

test("in a join or until: unsupported (K1601), located at the clause", () => {
  assert.equal(located("join [process where true] ![file where true]"), ["rules/test_rule.eql:1:27: error K1601: Unsupported EQL feature: missing events '![…]' in a join"]);
  assert.equal(located("sequence with maxspan=1s [process where true] [file where true] until ![process where true]"), [
    "rules/test_rule.eql:1:71: error K1601: Unsupported EQL feature: missing events '![…]' in 'until'",
  ]);
});

test.run();
