/**
 * @fileoverview Diagnostics of linking Sigma correlations (compiler/frontends/sigma/link.ts),
 * which only the whole build can report: every test/diagnostics/sigma-link/NAME.yml
 * compiled by compileSources has errors, the correlation with errors is left out, and the formatted
 * diagnostics equal NAME.err.txt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import { formatDiagnostic } from "../../../compiler/diagnostics/format.js";
import { expectGolden } from "../../helpers/golden.js";

const dir = "test/diagnostics/sigma-link";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();

test(`${dir} has at least 3 cases`, () => assert.ok(cases.length >= 3));

for (const name of cases) {
  test(name, () => {
    const path = `${dir}/${name}`;
    const text = readFileSync(path, "utf8");
    const result = compileSources([{ path, read: () => text }], { schema: "windows" });
    assert.ok(result.diagnostics.some((d) => d.severity === "error"), "expected errors");
    const documents = text.match(/^correlation:/gm)?.length ?? 0;
    assert.ok(result.ruleSet.rules.filter((r) => r.query.kind === "correlation").length < Math.max(documents, 1), "a correlation with errors is left out");
    expectGolden(`${dir}/${name.slice(0, -4)}.err.txt`, result.diagnostics.map((d) => formatDiagnostic(d, result.sources.get(d.span.file))).join("\n\n") + "\n");
  });
}

test.run();
