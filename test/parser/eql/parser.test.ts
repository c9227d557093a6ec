/**
 * @fileoverview Parser goldens: every test/parser/eql/NAME.eql parses without
 * diagnostics and prints (printEqlAst) exactly as NAME.ast.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { eqlFrontend, printEqlAst } from "../../../compiler/frontends/eql/index.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/parser/eql";
const cases = readdirSync(dir).filter((f) => f.endsWith(".eql")).sort();

test("there are parser cases", () => {
  assert.ok(cases.length >= 6);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = eqlFrontend.parse(file, bag);
    assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
    assert.ok(ast);
    if (ast) expectGolden(path.replace(/\.eql$/, ".ast.txt"), printEqlAst(ast));
  });
}

test.run();
