/**
 * @fileoverview Schema inference (`--schema auto`, `kestrel schema infer`): the narrowest type
 * per dotted path, arrays of scalars typed, arrays of objects left out; the time field and
 * its format from its values; categories from the category field; and the result is a
 * valid schema that compiles queries.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import { inferSchema } from "../../../compiler/schema/infer.js";
import { indexSchema } from "../../../compiler/schema/load.js";

const events = [
  { "@timestamp": "2026-01-01T00:00:00Z", event: { category: ["process"] }, process: { pid: 4, name: "a" }, score: 1, ok: true, tags: ["x"], mixed: 1, nested: [{ a: 1 }] },
  { "@timestamp": "2026-01-01T00:00:01.5Z", event: { category: ["network", "process"] }, process: { pid: 5 }, score: 1.5, ok: false, tags: ["y", "z"], mixed: "one", none: null },
];

test("types: narrowest per path; arrays of scalars typed; arrays of objects and all-null paths left out", () => {
  const doc = inferSchema(events);
  const types = Object.fromEntries(doc.fields.map((f) => [f.path, f.type]));
  assert.equal(types, {
    "@timestamp": "string",
    "event.category": "array<string>",
    mixed: "string",
    ok: "bool",
    "process.name": "string",
    "process.pid": "i64",
    score: "f64",
    tags: "array<string>",
  });
  assert.equal(doc.timestamp, { field: "@timestamp", format: "iso8601" });
  assert.equal(Object.keys(doc.categories).sort(), ["network", "process"]);
  assert.is(doc.categoryField, "event.category");
});

test("time formats from values: epoch seconds, milliseconds, FILETIME; no time field gives a declared, absent @timestamp", () => {
  assert.is(inferSchema([{ ts: 1_767_225_600 }]).timestamp.format, "epoch_s");
  assert.is(inferSchema([{ timestamp: 1_767_225_600_000 }]).timestamp.format, "epoch_ms");
  assert.is(inferSchema([{ timestamp: 134_115_000_000_000_000 }]).timestamp.format, "filetime");
  const none = inferSchema([{ a: 1 }]);
  assert.equal(none.timestamp, { field: "@timestamp", format: "iso8601" });
  assert.ok(none.fields.some((f) => f.path === "@timestamp"));
  const odd = inferSchema([{ "@timestamp": "yesterday" }]);
  assert.equal(odd.fields.filter((f) => f.path === "@timestamp").length, 1, "an @timestamp of unknown format is declared once");
});

test("a given category field, and the inferred schema compiles queries (unknown categories match by name)", () => {
  const doc = inferSchema([{ kind: "login", user: "a" }, { kind: "logout", user: "b" }], { categoryField: "kind" });
  assert.equal(Object.keys(doc.categories), ["login", "logout"]);
  const schema = indexSchema(doc, "test");
  const r = compileSources([{ path: "q.eql", read: () => 'sequence by user [login where true] [logout where true]' }], { schema });
  assert.equal(r.diagnostics, []);
  assert.is(r.ruleSet.rules.length, 1);
  const other = compileSources([{ path: "q.eql", read: () => "sudo where true" }], { schema });
  assert.equal(other.diagnostics.map((d) => d.code), ["K1210"]);
});

test.run();
