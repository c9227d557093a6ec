/**
 * @fileoverview Sigma correlation IR goldens: every test/ir/sigma-correlation/NAME.yml (a
 * multi-document file: rules and the correlations over them) compiles through the whole
 * build (compileSources: lowering, linking, passes, validation) without diagnostics
 * against the `windows` schema, and the rule set prints exactly as NAME.ir.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { printRuleSet } from "../../../compiler/ir/print.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/ir/sigma-correlation";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();

test(`${dir} has at least 4 cases`, () => assert.ok(cases.length >= 4));

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const result = compileSources([{ path, read: () => readFileSync(path, "utf8") }], { schema: "windows" });
    assert.is(result.diagnostics.map((d) => formatDiagnostic(d, result.sources.get(d.span.file))).join("\n"), "");
    expectGolden(`${dir}/${name.slice(0, -4)}.ir.txt`, printRuleSet(result.ruleSet));
  });
}

test.run();
