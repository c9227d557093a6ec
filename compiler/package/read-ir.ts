/**
 * @fileoverview Reads a package's IR (`ir.json`) on demand, for merging packages: checks
 * its sha256 against the manifest and validates it (compiler/ir/serialize.ts). Apart from
 * read.ts so that loading a package to run it never reads or parses its IR.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IrRuleSet } from "../ir/nodes.js";
import { ruleSetFromJson } from "../ir/serialize.js";
import { sha256 } from "../util/hash.js";
import { PackageError, type LoadedPackage } from "./read.js";

/** Whether the package carries its IR (packages built before ir.json existed do not). */
export function hasIr(pkg: Pick<LoadedPackage, "manifest">): boolean {
  return pkg.manifest.ir !== undefined;
}

/** The package's rule set; a PackageError when it has none, or it is unreadable, altered or invalid. */
export function readPackageIr(pkg: LoadedPackage): IrRuleSet {
  const entry = pkg.manifest.ir;
  if (entry === undefined) throw new PackageError(`${pkg.dir}: the package carries no IR (ir.json); rebuild it with this Kestrel`);
  const file = join(pkg.dir, entry.file);
  let text: string;
  try {
    text = pkg.ir ?? readFileSync(file, "utf8");
  } catch (e) {
    throw new PackageError(`${file}: cannot read the package's IR: ${(e as Error).message}`);
  }
  const actual = sha256(text);
  if (actual !== entry.sha256) {
    throw new PackageError(`${file}: sha256 ${actual} does not match the manifest's ${entry.sha256}; the package is corrupt or was modified`);
  }
  try {
    return ruleSetFromJson(text);
  } catch (e) {
    throw new PackageError(`${file}: ${(e as Error).message}`);
  }
}
