/**
 * @fileoverview IR goldens: every test/ir/eql/NAME.eql lowers without errors against
 * the shipped `windows` schema (`ecs` for files named ecs_*, `endgame` for
 * endgame_*), goes through the IR passes as compileSources runs them, passes
 * validateRule, and prints (printRule) exactly as NAME.ir.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { eqlFrontend } from "../../../compiler/frontends/eql/index.js";
import { printRule } from "../../../compiler/ir/print.js";
import { validateRule } from "../../../compiler/ir/validate.js";
import { runPasses } from "../../../compiler/passes/pipeline.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { SourceFile } from "../../../compiler/source/source-file.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/ir/eql";
const cases = readdirSync(dir).filter((f) => f.endsWith(".eql")).sort();

function schemaFor(name: string): string {
  if (name.startsWith("ecs_")) return "ecs";
  return name.startsWith("endgame_") ? "endgame" : "windows";
}

test("there are IR cases", () => {
  assert.ok(cases.length >= 6);
});

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const schema = loadSchema(schemaFor(name));
    const file = new SourceFile(path, readFileSync(path, "utf8"));
    const bag = new DiagnosticBag();
    const ast = eqlFrontend.parse(file, bag);
    const lowered = ast === undefined ? [] : eqlFrontend.lower(ast, { schema, bag, file });
    assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
    assert.ok(lowered.length >= 1);
    const rules = lowered.map(runPasses);
    for (const r of rules) assert.equal(validateRule(r, schema), []);
    expectGolden(path.replace(/\.eql$/, ".ir.txt"), rules.map(printRule).join("\n") + "\n");
  });
}

test.run();
