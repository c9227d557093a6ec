/**
 * @fileoverview Loads an event schema by built-in name (ecs, windows, evtx, endgame) or file
 * path, validates it against the shipped JSON Schema plus the checks JSON Schema cannot
 * express (unique ids and paths, clauses naming known fields), and indexes it.
 */
import { existsSync, readFileSync } from "node:fs";
import { canonicalJson, sha256 } from "../util/hash.js";
import { shippedValidator } from "../util/json-schema.js";
import { describeErrors } from "../util/schema-errors.js";
import { schemaFile } from "./locate.js";
import type { EventSchema, EventSchemaDoc, FieldDef } from "./schema.js";

export class SchemaError extends Error {}

const loaded = new Map<string, EventSchema>();

/** Resolve a `--schema` value: a built-in name or a path to a schema JSON file. */
export function loadSchema(nameOrPath: string): EventSchema {
  const cached = loaded.get(nameOrPath);
  if (cached !== undefined) return cached;
  const file = schemaFile(nameOrPath);
  if (!existsSync(file)) throw new SchemaError(`Unknown schema '${nameOrPath}' (expected ecs, windows, evtx, endgame or a schema file).`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new SchemaError(`Invalid event schema ${file}: ${(e as Error).message}`);
  }
  const schema = indexSchema(doc, file);
  loaded.set(nameOrPath, schema);
  return schema;
}

export function indexSchema(doc: unknown, origin: string): EventSchema {
  const validate = shippedValidator("event-schema");
  if (!validate(doc)) throw new SchemaError(`Invalid event schema ${origin}: ${describeErrors(validate.errors)}`);
  const d = doc as EventSchemaDoc;
  const byPath = new Map<string, FieldDef>();
  const byId = new Map<number, FieldDef>();
  for (const f of d.fields) {
    if (byPath.has(f.path)) throw new SchemaError(`Invalid event schema ${origin}: duplicate field path '${f.path}'`);
    if (byId.has(f.id)) throw new SchemaError(`Invalid event schema ${origin}: duplicate field id ${f.id}`);
    byPath.set(f.path, f);
    byId.set(f.id, f);
  }
  const named = [
    d.timestamp.field,
    ...(d.timestamp.fallbacks ?? []).map((f) => f.field),
    ...d.entityKey,
    ...Object.values(d.categories).flatMap((cs) => cs.map((c) => c.field)),
    ...d.logsources.flatMap((l) => l.where.map((c) => c.field)),
    ...(d.categoryField === undefined ? [] : [d.categoryField]),
  ];
  for (const n of named) {
    if (!byPath.has(n)) throw new SchemaError(`Invalid event schema ${origin}: '${n}' is not a field of the schema`);
  }
  return { ...d, hash: sha256(canonicalJson(d)), byPath, byId };
}
