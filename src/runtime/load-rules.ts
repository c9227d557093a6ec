/**
 * @fileoverview Turns `--rules` arguments into running engines: package folders are
 * read and verified; rule sources (files, folders, globs) are compiled and linked in
 * memory on the fly, with their diagnostics handed back for the caller to print.
 */
import type { CompileOptions, CompileResult } from "../../compiler/index.js";
import { loadCompiler } from "../util/load-compiler.js";
import { isPackageDir, readPackage, type LoadedPackage } from "../../compiler/package/read.js";
import { PackageEngine } from "./engine.js";
import { tuneWasmTiering } from "./wasm-tiering.js";
import { resolve } from "node:path";

export interface LoadedRules {
  readonly engines: PackageEngine[];
  /** Present when some of the rules were compiled from source. */
  readonly compile?: CompileResult;
}

export async function loadRules(paths: readonly string[], options: Pick<CompileOptions, "schema" | "openFields">, cwd: string): Promise<LoadedRules> {
  const packages: LoadedPackage[] = [];
  const sources: string[] = [];
  for (const p of paths) {
    if (isPackageDir(resolve(cwd, p))) packages.push(readPackage(resolve(cwd, p)));
    else sources.push(p);
  }
  let compile: CompileResult | undefined;
  if (sources.length > 0) {
    // The compiler (parsers, schemas, binaryen) loads only when rules come as source.
    const { compilePaths, linkRuleSet } = await loadCompiler();
    compile = await compilePaths(sources, { ...options, cwd });
    if (compile.ruleSet.rules.length > 0) {
      const built = await linkRuleSet(compile, "rules");
      packages.push({ dir: "<built from source>", manifest: built.manifest, wasm: built.wasm });
    }
  }
  tuneWasmTiering();
  const engines = await Promise.all(packages.map((p) => PackageEngine.create(p)));
  return compile === undefined ? { engines } : { engines, compile };
}
