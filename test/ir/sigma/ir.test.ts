/**
 * @fileoverview IR goldens: every test/ir/sigma/NAME.yml lowers without errors against
 * the shipped `windows` schema (`ecs` for files named ecs_*), passes validateRule,
 * and prints (printRule) exactly as NAME.ir.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { sigmaFrontend } from "../../../compiler/frontends/sigma/index.js";
import { printRule } from "../../../compiler/ir/print.js";
import { validateRule } from "../../../compiler/ir/validate.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/ir/sigma";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();

test("there are IR cases", () => {
  assert.ok(cases.length >= 8);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const schema = loadSchema(name.startsWith("ecs_") ? "ecs" : "windows");
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = sigmaFrontend.parse(file, bag);
    const rules = ast === undefined ? [] : sigmaFrontend.lower(ast, { schema, bag, file });
    assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
    assert.is(rules.length, 1);
    for (const r of rules) assert.equal(validateRule(r, schema), []);
    expectGolden(path.replace(/\.yml$/, ".ir.txt"), rules.map(printRule).join("\n") + "\n");
  });
}

test.run();
