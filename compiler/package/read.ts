/**
 * @fileoverview Reads a `.kpkg` folder: validates the manifest against its JSON Schema
 * (with the precompiled validator: loading and compiling ajv cost more than the rest of
 * reading a 2,400-rule package), refuses unknown format or ABI versions, and checks the
 * module's sha256. Shared by the runtime loader, the package cache and `kestrel rules list`.
 * The package's IR (`ir.json`) is not read here: only a merge needs it (read-ir.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ABI_VERSION } from "./abi.js";
import { sha256 } from "../util/hash.js";
import { describeErrors } from "../util/schema-errors.js";
import { FORMAT_VERSION, type Manifest } from "./manifest.js";
import { validateManifest } from "./manifest-validator.generated.js";

export class PackageError extends Error {}

export interface LoadedPackage {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly wasm: Uint8Array;
  /** The IR text `manifest.ir` describes, when already in memory (a package just built); else read-ir.ts reads it from `dir`. */
  readonly ir?: string;
}

export function isPackageDir(dir: string): boolean {
  return existsSync(join(dir, "manifest.json"));
}

export function readManifest(dir: string): Manifest {
  const file = join(dir, "manifest.json");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PackageError(`${file}: cannot read manifest: ${(e as Error).message}`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === "number" && version !== FORMAT_VERSION) {
    throw new PackageError(`${file}: package format version ${version} is not supported (this Kestrel reads version ${FORMAT_VERSION}); rebuild the package`);
  }
  if (!validateManifest(raw)) throw new PackageError(`${file}: invalid manifest: ${describeErrors(validateManifest.errors)}`);
  const manifest = raw as Manifest;
  if (manifest.abiVersion !== ABI_VERSION) {
    throw new PackageError(`${file}: package ABI version ${manifest.abiVersion} is not supported (expected ${ABI_VERSION}); rebuild the package`);
  }
  // Match records name rules by position: a list out of order would blame the wrong rule.
  const misplaced = manifest.rules.findIndex((r, i) => r.index !== i);
  if (misplaced >= 0) throw new PackageError(`${file}: invalid manifest: rules[${misplaced}] has index ${manifest.rules[misplaced]?.index}; the package is corrupt or was modified`);
  return manifest;
}

export function readPackage(dir: string): LoadedPackage {
  const manifest = readManifest(dir);
  const wasmFile = join(dir, manifest.module.file);
  let wasm: Uint8Array;
  try {
    wasm = readFileSync(wasmFile);
  } catch (e) {
    throw new PackageError(`${wasmFile}: cannot read module: ${(e as Error).message}`);
  }
  const actual = sha256(wasm);
  if (actual !== manifest.module.sha256) {
    throw new PackageError(`${wasmFile}: sha256 ${actual} does not match the manifest's ${manifest.module.sha256}; the package is corrupt or was modified`);
  }
  return { dir, manifest, wasm };
}
