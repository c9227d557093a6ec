/**
 * @fileoverview Diagnostic goldens: every test/diagnostics/eql/NAME.eql fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics
 * (relative path, line:col, message, source line, caret) equal NAME.err.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { eqlFrontend } from "../../../compiler/frontends/eql/index.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/diagnostics/eql";
const cases = readdirSync(dir).filter((f) => f.endsWith(".eql")).sort();

test("there are diagnostic cases", () => {
  assert.ok(cases.length >= 5);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = eqlFrontend.parse(file, bag);
    const rules = ast === undefined ? [] : eqlFrontend.lower(ast, { schema: loadSchema("windows"), bag, file });
    assert.ok(bag.hasErrors(), "expected errors");
    assert.equal(rules, [], "rules with errors are left out");
    expectGolden(path.replace(/\.eql$/, ".err.txt"), bag.items.map((d) => formatDiagnostic(d, file)).join("\n\n") + "\n");
  });
}

test.run();
