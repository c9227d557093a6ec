/**
 * @fileoverview Diagnostic goldens: every test/diagnostics/json/NAME.json fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics
 * (relative path, line:col, context chain, source line, caret) equal NAME.err.txt.
 * Rules of the file that have no error of their own may still lower.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { jsonFrontend } from "../../../compiler/frontends/json/index.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/diagnostics/json";
const cases = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("there are diagnostic cases", () => {
  assert.ok(cases.length >= 5);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = jsonFrontend.parse(file, bag);
    const rules = ast === undefined ? [] : jsonFrontend.lower(ast, { schema: loadSchema("windows"), bag, file });
    assert.ok(bag.hasErrors(), "expected errors");
    // A file may hold several rules; those without errors are still lowered.
    assert.ok(rules.length < (ast?.rules.length ?? 1), "rules with errors are left out");
    expectGolden(path.replace(/\.json$/, ".err.txt"), bag.items.map((d) => formatDiagnostic(d, file)).join("\n\n") + "\n");
  });
}

test.run();
