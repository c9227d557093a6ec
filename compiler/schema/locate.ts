/**
 * @fileoverview Where a `--schema` value points: a built-in schema shipped in schemas/,
 * or a schema file. Kept apart from load.ts (which validates with ajv) so the runtime
 * can fingerprint a schema for the package cache without loading a validator.
 */
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";

export const builtinSchemas = ["ecs", "windows", "evtx", "endgame"] as const;

/** The JSON file behind a built-in schema name or a schema path. */
export function schemaFile(nameOrPath: string): string {
  const builtin = (builtinSchemas as readonly string[]).includes(nameOrPath);
  return builtin ? join(packageRoot(), "schemas", `${nameOrPath}.json`) : nameOrPath;
}
