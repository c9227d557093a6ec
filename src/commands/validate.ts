/**
 * @fileoverview `kestrel validate`: parse and type-check rules without building.
 */
import { Command, Flags } from "@oclif/core";
import { loadCompiler } from "../util/load-compiler.js";
import { buildSummary, diagnosticsText } from "../util/diagnostics-output.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";

export default class Validate extends Command {
  static override summary = "Check rules for syntax, unknown fields and type errors, without building.";
  static override examples = ["<%= config.bin %> validate rules/", "<%= config.bin %> validate rule.eql --schema ecs --json"];
  static override strict = false;
  static override flags = {
    ...compileFlags,
    json: Flags.boolean({ summary: "Print {compiled, failed, diagnostics} as JSON on stdout." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Validate);
    const paths = argv as string[];
    if (paths.length === 0) this.error("give at least one rule file, folder or glob", { exit: 2 });
    const { compilePaths } = await loadCompiler();
    const result = await compilePaths(paths, compileOptions(flags));
    for (const u of result.unmatched) this.logToStderr(`${u}: no rule files match`);
    const summary = buildSummary(result);
    if (flags.json) this.log(JSON.stringify(summary));
    else {
      for (const text of diagnosticsText(result)) this.logToStderr(text);
      this.logToStderr(`${summary.compiled} rule(s) valid, ${summary.failed} file(s) failed`);
    }
    if (summary.failed > 0) this.exit(1);
  }
}
