/**
 * @fileoverview Fuzzing the rule readers (fast-check): the EQL parser, the Sigma reader and
 * the JSON rule reader take arbitrary text, token soups near their grammars, and deep
 * nesting, and must always end in rules or in diagnostics whose spans lie inside the file
 * and format with a caret (a file that yields no rule says why), never in an exception.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { formatDiagnostic } from "../../compiler/diagnostics/format.js";
import { compileSources } from "../../compiler/index.js";
import { fuzzRuns } from "../helpers/fuzz.js";

const test = suite("fuzz: rule readers");

/** Compiles one file; fails on an exception or a diagnostic placed outside the text. */
function survives(path: string, text: string): boolean {
  const r = compileSources([{ path, read: () => text }], { schema: "windows", openFields: true });
  for (const d of r.diagnostics) {
    if (d.span.file !== path) continue;
    if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.start <= text.length)) throw new Error(`${d.code} span ${d.span.start}-${d.span.end} outside ${text.length} chars`);
    formatDiagnostic(d, r.sources.get(path));
  }
  // A file that yields no rule must say why.
  return r.ruleSet.rules.length > 0 || r.diagnostics.length > 0;
}

const eqlTokens = [
  "process", "any", "network", "where", "and", "or", "not", "sequence", "by", "with", "maxspan=1m", "runs=2", "until", "join", "sample",
  "[", "]", "(", ")", "|", "head", "tail", "count", "unique", "filter", "sort", "==", "!=", ":", "<", ">=", "in", "in~", "like", "regex~",
  "~", ",", "\"a*\"", "'b'", "\"\"\"c\"\"\"", "?\"raw\"", "1", "-2.5", "0x1f", "true", "null", "Image", "`odd field`", "?ParentImage",
  "process.name", "a[1]", "length(", "startsWith~(", "concat(", "descendant of", "![", "+", "*", "/", "%", "//", "/*", "*/", "\n", "\t",
];
const sigmaKeys = ["title", "id", "name", "logsource", "detection", "condition", "selection", "filter", "correlation", "type", "rules", "group-by", "timespan", "level", "tags", "Image|endswith", "CommandLine|contains|all", "x|re", "y|base64offset|contains", "z|cidr", "q|expand", "n|gt", "f|fieldref", "k|windash", "e|exists", "1 of sel*", "all of them", "not"];

test("EQL: arbitrary text", () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => survives("f.eql", s)), { numRuns: fuzzRuns(300) });
});

test("EQL: token soups near the grammar", () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...eqlTokens), { maxLength: 40 }), (ts) => survives("f.eql", ts.join(" "))), { numRuns: fuzzRuns(400) });
});

test("EQL and JSON: nesting far deeper than the parsers allow is a diagnostic", () => {
  fc.assert(
    fc.property(fc.integer({ min: 100, max: 20000 }), fc.constantFrom("(", "not ", "-", "["), (n, open) => survives("f.eql", `process where ${open.repeat(n)}true`)),
    { numRuns: fuzzRuns(10) },
  );
  assert.ok(survives("deep.json", `${"[".repeat(50000)}${"]".repeat(50000)}`));
});

test("Sigma: documents built from Sigma's own keys and arbitrary values", () => {
  const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("selection", "sel1 and not filter", "1 of sel*", "*\\cmd.exe", "%x%"));
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...sigmaKeys), tie("v"), { maxKeys: 4 })),
  })).v;
  const doc = fc.dictionary(fc.constantFrom(...sigmaKeys), value, { maxKeys: 8 });
  fc.assert(fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => survives("r.yml", docs.map((d) => stringify(d)).join("---\n"))), { numRuns: fuzzRuns(300) });
});

test("Sigma and JSON rules: arbitrary text and arbitrary JSON", () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => survives("r.yml", s)), { numRuns: fuzzRuns(200) });
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => survives("r.json", JSON.stringify(v))), { numRuns: fuzzRuns(300) });
});

test.run();
