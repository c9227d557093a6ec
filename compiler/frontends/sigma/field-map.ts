/**
 * @fileoverview Sigma field names → event-schema paths. Sigma rules use the Windows /
 * Sysmon taxonomy (`Image`, `CommandLine`…): identity for the `windows` schema; for
 * another schema `<id>`, the shipped table `schemas/sigma-<id>.json` (e.g. sigma-ecs.json)
 * renames the fields it lists and leaves the rest unchanged (so ECS paths also work).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../util/package-root.js";

const tables = new Map<string, ReadonlyMap<string, string>>();

function table(schemaId: string): ReadonlyMap<string, string> {
  let t = tables.get(schemaId);
  if (t === undefined) {
    const file = join(packageRoot(), "schemas", `sigma-${schemaId}.json`);
    const doc: unknown = /^[a-z][a-z0-9_-]*$/.test(schemaId) && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    const fields = (doc as { fields?: unknown }).fields;
    const entries = typeof fields === "object" && fields !== null ? Object.entries(fields) : [];
    t = new Map(entries.filter((e): e is [string, string] => typeof e[1] === "string"));
    tables.set(schemaId, t);
  }
  return t;
}

export function sigmaFieldPath(name: string, schemaId: string): string {
  return table(schemaId).get(name) ?? name;
}
