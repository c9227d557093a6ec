/**
 * @fileoverview Sigma correlation IR goldens: every test/ir/sigma-correlation/NAME.yml (a
 * multi-document file: rules and the correlations over them) compiles through the whole
 * build without diagnostics against the `windows` schema, and the rule set prints
 * exactly as NAME.ir.txt.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { printRuleSet } from "../../../compiler/ir/print.js";
import { expectGolden } from "../../helpers/golden.js";
import { buildCases, formattedDiagnostics } from "../../helpers/stage-goldens.js";

const dir = "test/ir/sigma-correlation";
buildCases(dir, 4, (name, _text, result) => {
  assert.is(formattedDiagnostics(result).join("\n"), "");
  expectGolden(`${dir}/${name}.ir.txt`, printRuleSet(result.ruleSet));
});

test.run();
