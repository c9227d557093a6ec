/**
 * @fileoverview K1014: a rule regex that V8's linear-time engine cannot run (a
 * backreference, lookaround) is reported at build time, in Sigma and EQL alike, because
 * nothing bounds its backtracking at run time; a regex that engine can run gets no warning.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../../compiler/index.js";

function warnings(path: string, text: string): string[] {
  const r = compileSources([{ path, read: () => text }], { schema: "windows" });
  assert.is(r.ruleSet.rules.length, 1, "the rule still builds");
  return r.diagnostics.filter((d) => d.code === "K1014").map((d) => d.message);
}

const sigma = (re: string): string => `title: R\nlogsource: {category: process_creation, product: windows}\ndetection:\n  sel:\n    CommandLine|re: '${re}'\n  condition: sel\n`;

test("backreferences and lookaround are warned about; linear-safe patterns are not", () => {
  assert.match(warnings("a.yml", sigma("(ab)\\1"))[0] ?? "", "uses a backreference");
  assert.match(warnings("b.yml", sigma("cmd(?!\\.exe)"))[0] ?? "", "uses lookaround");
  assert.match(warnings("c.eql", 'process where CommandLine regex "(?<=x)y"\n')[0] ?? "", "uses lookaround");
  assert.equal(warnings("d.yml", sigma("^(a+)+$")), []);
  // An escaped backslash before 1, and an escaped parenthesis before ?=, are no such thing.
  assert.equal(warnings("e.yml", sigma("a\\\\1")), []);
  assert.equal(warnings("f.yml", sigma("a\\(?=")), []);
});

test.run();
