/**
 * @fileoverview Lowering Sigma rules to IR: metadata, log sources, search identifier
 * shapes, quantifiers and the typing rules for values; each case is inline YAML.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sigmaFrontend } from "../../../../compiler/frontends/sigma/index.js";
import { codes, compileWith, predicateOf } from "./compile.js";

const compile = (text: string): ReturnType<typeof compileWith> => compileWith(sigmaFrontend, "rules/sigma/x_rule.yml", text);
const anything = "logsource: {category: anything}\n";
function sel(...lines: string[]): ReturnType<typeof compileWith> {
  return compile(`title: T\n${anything}detection:\n  sel:\n${lines.map((l) => `    ${l}`).join("\n")}\n  condition: sel\n`);
}

test("metadata: id, severity, authors, tags, description, source line", () => {
  const c = compile(
    "# comment\ntitle: Whoami\nid: 1234\nlevel: HIGH\nauthor: Ann, Bob (Acme)\ntags: [attack.t1033]\ndescription: d\n" +
      `${anything}detection:\n  sel: {Image: x}\n  condition: sel\n`,
  );
  assert.is(c.diagnostics, "");
  const r = c.rules[0];
  assert.equal(
    { id: r?.id, title: r?.title, severity: r?.severity, author: r?.author, tags: r?.tags, description: r?.description, source: r?.source },
    { id: "1234", title: "Whoami", severity: "high", author: ["Ann", "Bob (Acme)"], tags: ["attack.t1033"], description: "d", source: { path: "rules/sigma/x_rule.yml", line: 2 } },
  );
  assert.is(r?.language, "sigma");
  assert.is(r?.action, "alert");
});

test("defaults: id from the file name, severity medium; unknown level warns", () => {
  const c = compile(`title: T\nlevel: severe\n${anything}detection:\n  sel: {Image: x}\n  condition: sel\n`);
  assert.equal(codes(c), ["K1307"]);
  assert.match(c.diagnostics, "warning K1307");
  assert.is(c.rules[0]?.id, "x_rule");
  assert.is(c.rules[0]?.severity, "medium");
});

test("logsource: the most specific entry wins and its clauses come first", () => {
  const c = compile("title: T\nlogsource: {category: process_creation, product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel\n");
  assert.is(predicateOf(c), '(and\n  (int.eq EventID 1)\n  (str.eq~ Image "x"))');
  const svc = compile("title: T\nlogsource: {product: windows, service: security}\ndetection:\n  sel: {EventID: 4688}\n  condition: sel\n");
  assert.is(predicateOf(svc), '(and\n  (str.eq~ Channel "security")\n  (int.eq EventID 4688))');
  const extra = compile("title: T\nlogsource: {category: network_connection, product: windows}\ndetection:\n  sel: {DestinationPort: 443}\n  condition: sel\n");
  assert.is(predicateOf(extra), "(and\n  (int.eq EventID 3)\n  (int.eq DestinationPort 443))", "an entry with fewer keys matches");
  const none = compile("title: T\nlogsource: {category: nope, product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel\n");
  assert.equal(codes(none), ["K1306"]);
  assert.match(none.diagnostics, "x_rule.yml:2:1: error K1306: Unknown log source (category 'nope', product 'windows', service '-') for schema 'test'.");
});

test("a map ANDs fields, a list of maps ORs them", () => {
  assert.is(predicateOf(sel("Image: a", "User: b")), '(and\n  (str.eq~ Image "a")\n  (str.eq~ User "b"))');
  const c = compile(`title: T\n${anything}detection:\n  sel:\n    - Image: a\n    - User: b\n  condition: sel\n`);
  assert.is(predicateOf(c), '(or\n  (str.eq~ Image "a")\n  (str.eq~ User "b"))');
});

test("1 of / all of patterns and them (underscore identifiers excluded)", () => {
  const c = compile(
    `title: T\n${anything}detection:\n  sel_a: {Image: a}\n  sel_b: {Image: b}\n  _hidden: {User: h}\n  filter: {User: f}\n  condition: all of sel_* and not 1 of filter*\n`,
  );
  assert.is(
    predicateOf(c),
    '(and\n  (str.eq~ Image "a")\n  (str.eq~ Image "b")\n  (not\n    (str.eq~ User "f")))',
  );
  const them = compile(`title: T\n${anything}detection:\n  a: {Image: a}\n  _b: {Image: b}\n  condition: 1 of them\n`);
  assert.is(predicateOf(them), '(str.eq~ Image "a")');
  const none = compile(`title: T\n${anything}detection:\n  a: {Image: a}\n  condition: a or 1 of sel*\n`);
  assert.equal(codes(none), ["K1304"]);
});

test("typing: numbers, numeric strings, booleans, null, empty string", () => {
  assert.is(predicateOf(sel("EventID: 4688")), "(int.eq EventID 4688)");
  assert.is(predicateOf(sel("EventID: '4688'")), "(int.eq EventID 4688)");
  assert.is(predicateOf(sel("EventID: 0x10")), "(int.eq EventID 16)");
  assert.is(predicateOf(sel("Image: 0x10")), '(str.eq~ Image "0x10")', "integers on text fields keep their spelling");
  assert.is(predicateOf(sel("Ratio: 2")), "(float.eq Ratio 2)");
  assert.is(predicateOf(sel("Enabled: true")), "(bool Enabled true)");
  assert.is(predicateOf(sel("Enabled: 'False'")), "(bool Enabled false)");
  assert.is(predicateOf(sel("Image: true")), '(str.eq~ Image "true")');
  assert.is(predicateOf(sel("Image: null")), "(not\n  (exists Image))");
  assert.is(predicateOf(sel("Image: ''")), '(str.eq~ Image "")');
  assert.is(predicateOf(sel("Tags: A*")), '(str.prefix~ Tags "a")', "array<string> fields take string leaves");
  assert.is(predicateOf(sel("DestinationIp: 10.0.0.1")), '(str.eq~ DestinationIp "10.0.0.1")');
});

test("typing errors are K1202 at the value with the identifier in context", () => {
  assert.equal(codes(sel("Enabled: 3")), ["K1202"]);
  assert.match(sel("Enabled: 3").diagnostics, "x_rule.yml:5:14: error K1202: Type mismatch: field 'Enabled' is bool but is compared with number 3.\n  in rule 'T' → detection.sel");
  assert.equal(codes(sel("EventID|re: '1.*'")), ["K1206"]);
});

test("a non-numeric string on a numeric field matches its text, with warning K1209", () => {
  const c = sel("EventID: 'abc'");
  assert.equal(codes(c), ["K1209"]);
  assert.match(c.diagnostics, "x_rule.yml:5:14: warning K1209: String \"abc\" is not a number, so the i64 field 'EventID' is matched as text.\n  in rule 'T' → detection.sel");
  assert.is(c.rules.length, 1);
  assert.equal(codes(sel("EventID: '4*'")), ["K1209"]);
  assert.equal(codes(sel("EventID: '4624'")), []);
});

test("unknown fields are K1201 at the field name, every one reported", () => {
  const c = compile(`title: T\n${anything}detection:\n  a: {Imag: x}\n  b:\n    'Usr|contains': y\n  condition: a or b\n`);
  assert.equal(codes(c), ["K1201", "K1201"]);
  assert.match(c.diagnostics, "x_rule.yml:4:7: error K1201: Unknown field 'Imag' in schema 'test'.\n  in rule 'T' → detection.a");
  assert.match(c.diagnostics, "x_rule.yml:6:6: error K1201: Unknown field 'Usr'");
  assert.equal(c.rules, []);
});

test("keywords search the raw event text, JSON-escaped and case-insensitive", () => {
  const c = compile(`title: T\n${anything}detection:\n  kw: ['Mimi*katz', 'C:\\Temp\\"x"', 42]\n  condition: kw\n`);
  assert.equal(codes(c), []);
  const printed = predicateOf(c);
  assert.match(printed, '(raw.wildcard~ "*mimi*katz*")');
  assert.match(printed, String.raw`(raw.contains~ "c:\\\\temp\\\\\\\"x\\\"")`);
  assert.match(printed, '(raw.contains~ "42")');
  assert.equal(codes(compile(`title: T\n${anything}detection:\n  kw: [true]\n  condition: kw\n`)), ["K1305"]);
});

test("structure errors: missing parts, collections, bad documents of several", () => {
  assert.equal(codes(compile(`${anything}detection:\n  a: {Image: x}\n  condition: a\n`)), ["K1301"]);
  assert.equal(codes(compile(`title: T\ndetection:\n  a: {Image: x}\n  condition: a\n`)), ["K1301"]);
  assert.equal(codes(compile(`title: T\n${anything}detection:\n  a: {Image: x}\n`)), ["K1301"]);
  assert.equal(codes(compile(`title: T\n${anything}detection:\n  a: {Image: x}\n  condition: a\n---\ntitle: U\n`)), ["K1301", "K1301"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: event_count}\n`)), ["K1301", "K1301", "K1301"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: temporal, rules: [a], timespan: 1m}\n`)), []);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: temporal, rules: [a], timespan: 1m, group-by: {x: 1}}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: value_sum, rules: [a], timespan: 1m, condition: {gt: 1, field: [A, B]}}\n`)), ["K1305"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: event_count, rules: [a], timespan: 1m, condition: {gt: x}}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: event_count, rules: [a], timespan: 1m, condition: {gt: 1, field: Image}}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: event_count, rules: [], timespan: 1m, condition: {gt: 1}}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: temporal, rules: [a], timespan: 1m, aliases: [x]}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: {type: temporal, rules: [a], timespan: 1m, aliases: {x: {a: [y]}}}\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\ncorrelation: [x]\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\nfilter: {rules: [a]}\n`)), ["K1301", "K1301"]);
  assert.equal(codes(compile(`title: T\n${anything}filter: {selection: {Image: x}, condition: selection}\n`)), ["K1301"]);
  assert.equal(codes(compile(`title: T\n${anything}filter: {rules: [a], selection: {Image: x}, condition: selection}\n`)), []);
  assert.equal(codes(compile(`action: global\ntitle: T\n`)), ["K1305"]);
  assert.equal(codes(compile(`title: [T]\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\n${anything}detection:\n  a: [{Image: x}, y]\n  condition: a\n`)), ["K1307"]);
  assert.equal(codes(compile(`title: T\n${anything}detection:\n  a: {Image: {x: 1}}\n  condition: a\n`)), ["K1307"]);
  assert.equal(codes(compile("")), ["K1009"]);
  assert.equal(codes(compile("title: [unclosed\n")), ["K1003"]);
  assert.equal(codes(compile("- a\n- b\n")), ["K1003"]);
});

test.run();
