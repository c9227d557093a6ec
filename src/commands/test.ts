/**
 * @fileoverview `kestrel test <rules...>`: run the test cases rule files carry beside them
 * (`<rule>.tests.ndjson`) and report `N passed, N failed`.
 */
import { Command, Flags } from "@oclif/core";
import { collectRuleFiles } from "../../compiler/source/collect.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { runRuleTests, type CaseOutcome } from "../rule-tests/run.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";

export default class Test extends Command {
  static override summary = "Run the test cases beside rule files (<rule>.tests.ndjson) and report N passed, N failed.";
  static override description =
    'A tests file holds one case per line: {"name": "…", "events": [{…}, …], "alerts": N}. The events run through the rule file\'s rules as `kestrel run` would (Wasm engine, sequences and correlations included), and the case passes when they raise exactly N alerts; 0 makes a negative case. Exit status 1 when a case fails, a tests file has an invalid line, or a rule file with tests does not build.';
  static override examples = ["<%= config.bin %> test rules/", "<%= config.bin %> test rules/sigma/execution_mshta_script.yml --json"];
  static override strict = false;
  static override flags = {
    ...compileFlags,
    json: Flags.boolean({ summary: "Print {passed, failed, untested, cases} as JSON on stdout." }),
    verbose: Flags.boolean({ char: "v", summary: "List passing cases too." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Test);
    const paths = argv as string[];
    if (paths.length === 0) this.error("give at least one rule file, folder or glob", { exit: 2 });
    const { files, unmatched } = await collectRuleFiles(paths, process.cwd());
    for (const u of unmatched) this.logToStderr(`${u}: no rule files match`);
    const report = await runRuleTests(files.map((f) => f.path), compileOptions(flags), process.cwd());
    const passed = report.outcomes.filter((o) => o.kind === "passed").length;
    const failed = report.outcomes.length - passed;
    if (flags.json) {
      this.log(JSON.stringify({ passed, failed, untested: report.untested, cases: report.outcomes }));
    } else {
      for (const o of report.outcomes) {
        const line = describe(o, flags.verbose);
        if (line !== undefined) this.log(line);
      }
      this.log(`${passed} passed, ${failed} failed (${report.untested.length} rule file(s) without tests)`);
    }
    if (failed > 0) this.exit(1);
  }
}

function describe(o: CaseOutcome, verbose: boolean): string | undefined {
  switch (o.kind) {
    case "passed":
      return verbose ? `PASS ${o.test.where} ${o.test.name}` : undefined;
    case "failed":
      return [`FAIL ${o.test.where} ${o.test.name}: expected ${o.test.alerts} alert(s), got ${o.got}${o.rules.length > 0 ? ` (from ${o.rules.join(", ")})` : ""}`, ...o.warnings.map((w) => `  ${w}`)].join("\n");
    case "invalid":
      return `FAIL ${o.where}: ${o.why}`;
    case "unbuilt":
      return `FAIL ${o.where}: its rule file does not build\n${o.diagnostics.join("\n")}`;
    default:
      return assertNever(o);
  }
}
