/**
 * @fileoverview `kestrel rules list`: the rules in a package or in rule sources.
 */
import { Command, Flags } from "@oclif/core";
import { resolve } from "node:path";
import { loadCompiler } from "../../util/load-compiler.js";
import { isPackageDir, readManifest } from "../../../compiler/package/read.js";
import { compileFlags, compileOptions } from "../../util/compile-flags.js";

interface Row {
  readonly id: string;
  readonly language: string;
  readonly severity: string;
  readonly title: string;
  readonly source: string;
}

export default class RulesList extends Command {
  static override summary = "List the rules in a package folder or in rule files.";
  static override examples = ["<%= config.bin %> rules list build/rules.kpkg", "<%= config.bin %> rules list rules/ --json"];
  static override strict = false;
  static override flags = {
    ...compileFlags,
    json: Flags.boolean({ summary: "Print the rules as a JSON array." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(RulesList);
    const paths = argv.length > 0 ? (argv as string[]) : ["rules"];
    const rows: Row[] = [];
    const sources: string[] = [];
    for (const p of paths) {
      if (!isPackageDir(resolve(p))) {
        sources.push(p);
        continue;
      }
      let manifest;
      try {
        manifest = readManifest(resolve(p));
      } catch (e) {
        this.error((e as Error).message, { exit: 1 });
      }
      for (const r of manifest.rules) {
        rows.push({ id: r.id, language: r.language, severity: r.severity, title: r.title, source: `${r.source.path}:${r.source.line}` });
      }
    }
    if (sources.length > 0) {
      const { compilePaths } = await loadCompiler();
      const result = await compilePaths(sources, compileOptions(flags));
      for (const u of result.unmatched) this.logToStderr(`${u}: no rule files or package here`);
      if (result.filesFailed > 0) this.logToStderr(`${result.filesFailed} rule file(s) failed to compile; run kestrel validate for details`);
      if (result.unmatched.length > 0 || result.filesFailed > 0) process.exitCode = 1;
      for (const r of result.ruleSet.rules) {
        rows.push({ id: r.id, language: r.language, severity: r.severity, title: r.title, source: `${r.source.path}:${r.source.line}` });
      }
    }
    if (flags.json) {
      this.log(JSON.stringify(rows));
      return;
    }
    const width = (k: keyof Row): number => Math.max(k.length, ...rows.map((r) => r[k].length));
    const cols: (keyof Row)[] = ["id", "language", "severity", "title"];
    const line = (r: Record<keyof Row, string>): string => cols.map((c) => r[c].padEnd(width(c))).join("  ").trimEnd();
    this.log(line({ id: "ID", language: "LANGUAGE", severity: "SEVERITY", title: "TITLE", source: "" }));
    for (const r of rows) this.log(line(r));
  }
}
