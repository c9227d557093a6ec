/**
 * @fileoverview A fingerprint of the compiler that is running: its version, its code
 * (every file of the compiler/ tree it was loaded from, dist/ or sources), the prebuilt
 * kernels it links, the JSON Schemas it validates with, and its shipped pipelines. Packages cached under a key
 * that includes it are never reused by a compiler that would build them differently,
 * even when the version number did not change.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { compilerVersion, packageRoot } from "./package-root.js";

let cached: string | undefined;

export function compilerDigest(): string {
  if (cached !== undefined) return cached;
  const hash = createHash("sha256");
  const add = (label: string, data: string | Uint8Array): void => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add("version", compilerVersion());
  const compilerDir = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const rel of filesUnder(compilerDir)) add(`compiler/${rel}`, readFileSync(join(compilerDir, rel)));
  add("kernels", readFileSync(join(packageRoot(), "dist", "kernels.wasm")));
  const schemas = join(packageRoot(), "schemas");
  for (const name of readdirSync(schemas).filter((n) => n.endsWith(".schema.json")).sort()) add(`schemas/${name}`, readFileSync(join(schemas, name)));
  const pipelines = join(packageRoot(), "pipelines");
  for (const name of readdirSync(pipelines).filter((n) => n.endsWith(".yml")).sort()) add(`pipelines/${name}`, readFileSync(join(pipelines, name)));
  cached = hash.digest("hex");
  return cached;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}
