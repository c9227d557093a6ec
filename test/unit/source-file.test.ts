/**
 * @fileoverview SourceFile line/column mapping and the diagnostic formatter's caret.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SourceFile } from "../../compiler/source/source-file.js";
import { DiagnosticBag } from "../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../compiler/diagnostics/format.js";

test("lineColAt maps offsets to 1-based line and column", () => {
  const f = new SourceFile("a.eql", "ab\ncd\n\nef");
  assert.equal(f.lineColAt(0), { line: 1, col: 1 });
  assert.equal(f.lineColAt(4), { line: 2, col: 2 });
  assert.equal(f.lineColAt(7), { line: 4, col: 1 });
  assert.is(f.lineText(2), "cd");
});

test("caret copies tabs so it lines up under the span", () => {
  const text = "process where\n\tproces.name == \"x\"\n";
  const f = new SourceFile("r.eql", text);
  const bag = new DiagnosticBag();
  const start = text.indexOf("proces.name");
  bag.error("K1201", { file: "r.eql", start, end: start + 11 }, ["proces.name", "ecs"]);
  const out = formatDiagnostic(bag.items[0]!, f);
  assert.is(
    out,
    "r.eql:2:2: error K1201: Unknown field 'proces.name' in schema 'ecs'.\n\tproces.name == \"x\"\n\t^^^^^^^^^^^",
  );
});

test.run();
