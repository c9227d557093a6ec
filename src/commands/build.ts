/**
 * @fileoverview `kestrel build`: compile rule files into a `.kpkg` rule package.
 */
import { Command, Flags } from "@oclif/core";
import { loadCompiler } from "../util/load-compiler.js";
import { buildSummary, diagnosticsText } from "../util/diagnostics-output.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";
import type { KeyObject } from "node:crypto";
import { PackageError } from "../../compiler/package/read.js";
import { readPrivateKey, signPackage } from "../../compiler/package/signature.js";

function signingKey(file: string, fail: (message: string) => never): KeyObject {
  try {
    return readPrivateKey(file);
  } catch (e) {
    return fail(e instanceof PackageError ? e.message : `${file}: ${(e as Error).message}`);
  }
}

export default class Build extends Command {
  static override summary = "Compile EQL, Sigma and JSON rules into a WebAssembly rule package.";
  static override description =
    "Paths may be files, folders or globs, any mix of .eql/.yml/.yaml/.json and Elastic detection-rule .toml files (EQL rules compile; other languages are skipped with a warning). A bad rule is reported with file:line:col and a caret, and every other rule still builds; the exit code is 1 when any rule failed.";
  static override examples = [
    "<%= config.bin %> build rules/ --out build",
    "<%= config.bin %> build 'rules/**/*.yml' --schema windows --json",
    "<%= config.bin %> build detection-rules/rules/windows --schema ecs",
  ];
  static override strict = false;
  static override flags = {
    out: Flags.string({ char: "o", summary: "Folder to write <name>.kpkg into.", default: "build" }),
    name: Flags.string({ summary: "Package name.", default: "rules" }),
    ...compileFlags,
    json: Flags.boolean({ summary: "Print {compiled, failed, diagnostics} as JSON on stdout." }),
    sign: Flags.string({ summary: "Sign the package with this Ed25519 private key (see `kestrel keygen`)." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Build);
    const paths = argv as string[];
    if (paths.length === 0) this.error("give at least one rule file, folder or glob", { exit: 2 });
    const { buildPackage, compilePaths } = await loadCompiler();
    const result = await compilePaths(paths, compileOptions(flags));
    for (const u of result.unmatched) this.logToStderr(`${u}: no rule files match`);
    let packageDir: string | undefined;
    // Read the key first, so a bad key fails before any work.
    const key = flags.sign === undefined ? undefined : signingKey(flags.sign, (m) => this.error(m, { exit: 2 }));
    if (result.ruleSet.rules.length > 0) packageDir = (await buildPackage(result, flags.name, flags.out)).dir;
    const signedBy = packageDir !== undefined && key !== undefined ? signPackage(packageDir, key) : undefined;
    const summary = buildSummary(result);
    if (flags.json) {
      this.log(JSON.stringify(summary));
    } else {
      for (const text of diagnosticsText(result)) this.logToStderr(text);
      const where = packageDir === undefined ? "no package written" : `wrote ${packageDir}${signedBy === undefined ? "" : `, signed by key ${signedBy}`}`;
      this.logToStderr(`${summary.compiled} rule(s) compiled, ${summary.failed} file(s) failed; ${where}`);
    }
    if (summary.failed > 0) this.exit(1);
  }
}
