/**
 * @fileoverview Where a `--pipeline` value points: a pipeline shipped in pipelines/, or a
 * file. Kept apart from load.ts (which validates with ajv) so the runtime can fingerprint
 * a pipeline for the package cache without loading a validator.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";

/** The pipelines shipped in pipelines/, by name. */
export function shippedPipelines(): string[] {
  const dir = join(packageRoot(), "pipelines");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yml")).map((f) => f.slice(0, -4)).sort() : [];
}

/** The file behind a pipeline name or path: a bare lowercase name is a shipped pipeline. */
export function pipelineFile(nameOrPath: string): string {
  return /^[a-z][a-z0-9_-]*$/.test(nameOrPath) ? join(packageRoot(), "pipelines", `${nameOrPath}.yml`) : nameOrPath;
}
