/**
 * @fileoverview Field lookup by path. With `openFields` (`--open-fields`: for event logs
 * whose field names are per provider and cannot all be listed, such as Windows
 * EventData) a schema also accepts paths it does not declare, as fields of that type; so do
 * its `openNamespaces`, for paths under their prefixes. Their IDs are derived from a hash of
 * the path (above every declared ID), so the same path gets the same ID in every build.
 */
import { createHash } from "node:crypto";
import type { EventSchema, FieldDef } from "./schema.js";

/** Open-field IDs live in [2^30, 2^31): clear of declared IDs, and an i32 in Wasm. */
const OPEN_FIELD_BASE = 2 ** 30;

export interface FoundField {
  readonly def: FieldDef;
  /** The schema does not declare it; it was accepted as an open field (--open-fields). */
  readonly open: boolean;
}

/** Whether a field ID is an open field's (undeclared; its type is the schema's guess). */
export function isOpenFieldId(id: number): boolean {
  return id >= OPEN_FIELD_BASE;
}

export function openFieldId(path: string): number {
  const digest = createHash("sha256").update(path).digest();
  return OPEN_FIELD_BASE + (digest.readUInt32LE(0) % OPEN_FIELD_BASE);
}

export function findField(schema: EventSchema, path: string): FoundField | undefined {
  const def = schema.byPath.get(path);
  if (def !== undefined) return { def, open: false };
  // A declared free-form namespace: as good as declared, so no open-field warning.
  const ns = schema.openNamespaces?.find((n) => path.startsWith(n.prefix) && path.length > n.prefix.length);
  if (ns !== undefined) return { def: { id: openFieldId(path), path, type: ns.type }, open: false };
  if (schema.openFields === undefined) return undefined;
  return { def: { id: openFieldId(path), path, type: schema.openFields.type }, open: true };
}
