/**
 * @fileoverview Parser goldens: every test/parser/sigma/NAME.yml parses without
 * diagnostics and prints (printSigmaRule) exactly as NAME.ast.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { printSigmaRule, sigmaFrontend } from "../../../compiler/frontends/sigma/index.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/parser/sigma";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();

test("there are parser cases", () => {
  assert.ok(cases.length >= 5);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = sigmaFrontend.parse(file, bag);
    assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
    assert.ok(ast);
    if (ast) expectGolden(path.replace(/\.yml$/, ".ast.txt"), printSigmaRule(ast));
  });
}

test.run();
