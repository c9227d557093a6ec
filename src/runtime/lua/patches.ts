/**
 * @fileoverview What `enrich` and `on_alert` return: a table of patches keyed by the
 * 1-based position of the event or alert they change (a sparse table, or a list when
 * every position has one); nil or an empty table changes nothing. Read here into a map
 * from 0-based position to patch, or a message saying why the shape is wrong.
 */
import type { JsonValue } from "./marshal.js";

export type Patch = { [key: string]: JsonValue };

export function isObject(v: JsonValue | undefined): v is Patch {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function patchesOf(value: JsonValue, count: number): Map<number, Patch> | string {
  const out = new Map<number, Patch>();
  if (value === null) return out;
  const entries: [string, JsonValue][] = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : isObject(value) ? Object.entries(value) : [];
  if (!Array.isArray(value) && !isObject(value)) return `expected a table of patches, got ${typeof value}`;
  for (const [key, patch] of entries) {
    const n = Number(key);
    if (!Number.isInteger(n) || n < 1 || n > count) return `patch key '${key}' is not a position 1..${count}`;
    if (!isObject(patch)) return `patch ${key} is not a table of fields`;
    out.set(n - 1, patch);
  }
  return out;
}

/** Sets the patch's fields on `target`, merging into nested objects both sides have. */
export function mergeInto(target: Patch, patch: Patch): void {
  for (const [k, v] of Object.entries(patch)) {
    const t = target[k];
    if (isObject(t) && isObject(v)) mergeInto(t, v);
    else target[k] = v;
  }
}
