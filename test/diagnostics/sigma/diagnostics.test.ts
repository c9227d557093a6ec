/**
 * @fileoverview Diagnostic goldens: every test/diagnostics/sigma/NAME.yml fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics
 * (relative path, line:col, context chain, caret) equal NAME.err.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { sigmaFrontend } from "../../../compiler/frontends/sigma/index.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/diagnostics/sigma";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();

test("there are diagnostic cases", () => {
  assert.ok(cases.length >= 10);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = sigmaFrontend.parse(file, bag);
    const rules = ast === undefined ? [] : sigmaFrontend.lower(ast, { schema: loadSchema("windows"), bag, file });
    assert.ok(bag.hasErrors(), "expected errors");
    assert.equal(rules, [], "rules with errors are left out");
    expectGolden(path.replace(/\.yml$/, ".err.txt"), bag.items.map((d) => formatDiagnostic(d, file)).join("\n\n") + "\n");
  });
}

test.run();
