/**
 * @fileoverview Diagnostics of linking Sigma correlations (compiler/frontends/sigma/link.ts),
 * which only the whole build can report: every test/diagnostics/sigma-link/NAME.yml
 * compiled as a build has errors, the correlation with errors is left out, and the
 * formatted diagnostics equal NAME.err.txt.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { expectGolden } from "../../helpers/golden.js";
import { buildCases, formattedDiagnostics } from "../../helpers/stage-goldens.js";

const dir = "test/diagnostics/sigma-link";
buildCases(dir, 3, (name, text, result) => {
  assert.ok(result.diagnostics.some((d) => d.severity === "error"), "expected errors");
  const documents = text.match(/^correlation:/gm)?.length ?? 0;
  assert.ok(result.ruleSet.rules.filter((r) => r.query.kind === "correlation").length < Math.max(documents, 1), "a correlation with errors is left out");
  expectGolden(`${dir}/${name}.err.txt`, formattedDiagnostics(result).join("\n\n") + "\n");
});

test.run();
