/**
 * @fileoverview Linking Sigma correlations and filters across the files of one build
 * (compiler/frontends/sigma/link.ts through compileSources): references by id and by
 * name from another file, `generate`, what may be referenced (K1305 for sequences and
 * correlations), names taken twice across files (K1309), files that fail, and the
 * failed-file count that `kestrel validate` exits on.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources, type CompileResult } from "../../../../compiler/index.js";

const rule = (name: string, id: number): string =>
  `title: ${name}\nname: ${name}\nlogsource: {product: windows, service: security}\ndetection:\n  sel: {EventID: ${id}}\n  condition: sel\n`;
const correlation = (id: string, rules: string, extra = ""): string =>
  `title: ${id}\nid: ${id}\ncorrelation:\n  type: event_count\n  rules: [${rules}]\n  group-by: [TargetUserName]\n  timespan: 1m\n  condition: {gte: 2}\n${extra}`;

function build(files: Record<string, string>): CompileResult {
  return compileSources(Object.entries(files).map(([path, text]) => ({ path, read: () => text })), { schema: "windows" });
}
const codes = (r: CompileResult): string[] => r.diagnostics.map((d) => d.code);
const ids = (r: CompileResult): string[] => r.ruleSet.rules.map((x) => x.id);

test("a correlation refers to rules of other files by name and by id; they stop alerting on their own", () => {
  const r = build({ "a.yml": rule("failed", 4625), "b.yml": `id: ok-id\n${rule("ok", 4624)}`, "c.yml": correlation("corr", "failed, ok-id") });
  assert.equal(codes(r), []);
  assert.equal(ids(r), ["corr"]);
  assert.is(r.filesFailed, 0);
});

test("generate: true keeps the referenced rules; a rule no correlation names is kept anyway", () => {
  const r = build({ "a.yml": [rule("failed", 4625), rule("other", 1)].join("---\n"), "c.yml": correlation("corr", "failed", "generate: true\n") });
  assert.equal(ids(r), ["failed", "other", "corr"]);
  const hidden = build({ "a.yml": [rule("failed", 4625), rule("other", 1)].join("---\n"), "c.yml": correlation("corr", "failed") });
  assert.equal(ids(hidden), ["other", "corr"]);
});

test("a correlation or a filter over an EQL sequence is K1305; a filter on a correlation too", () => {
  const eql = "sequence by TargetUserName [any where EventID == 4625] [any where EventID == 4624]";
  const r = build({ "seq.eql": eql, "c.yml": correlation("corr", "seq") });
  assert.equal(codes(r), ["K1305"]);
  assert.match(r.diagnostics[0]?.message ?? "", "a correlation over a sequence rule");
  assert.is(r.filesFailed, 1);
  const filter = "title: f\nlogsource: {product: windows, service: security}\nfilter:\n  rules: [seq]\n  sel: {TargetUserName: x}\n  condition: sel\n";
  assert.equal(codes(build({ "seq.eql": eql, "f.yml": filter })), ["K1305"]);
  const onCorrelation = "title: f\nlogsource: {product: windows, service: security}\nfilter:\n  rules: [corr]\n  sel: {TargetUserName: x}\n  condition: sel\n";
  const c = build({ "a.yml": rule("failed", 4625), "c.yml": correlation("corr", "failed"), "f.yml": onCorrelation });
  assert.equal(codes(c), ["K1305"]);
  assert.match(c.diagnostics[0]?.message ?? "", "a filter on a correlation");
});

test("a name taken in two files is K1309 and the second file fails", () => {
  const r = build({ "a.yml": rule("failed", 4625), "b.yml": `id: another-id\n${rule("failed", 4624)}` });
  assert.equal(codes(r), ["K1309"]);
  assert.is(r.filesFailed, 1);
  assert.equal(ids(r), ["failed"]);
});

test("a correlation over a rule of a failed file is left out without a second error", () => {
  const r = build({ "a.yml": rule("failed", 4625).replace("EventID", "EventIdd"), "c.yml": correlation("corr", "failed") });
  assert.equal(codes(r), ["K1201"]);
  assert.equal(ids(r), []);
});

test("a filter in one file tunes a rule of another, and correlations over it see the filter", () => {
  const filter = "title: f\nlogsource: {product: windows, service: security}\nfilter:\n  rules: [failed]\n  sel: {TargetUserName: bob}\n  condition: sel\n";
  const r = build({ "a.yml": rule("failed", 4625), "c.yml": correlation("corr", "failed"), "f.yml": filter });
  assert.equal(codes(r), []);
  const q = r.ruleSet.rules[0]?.query;
  assert.ok(q?.kind === "correlation" && JSON.stringify(q.steps[0]?.predicate).includes('"kind":"not"'));
});

test.run();
