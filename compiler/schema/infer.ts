/**
 * @fileoverview `--schema auto` and `kestrel schema infer`: an event schema guessed from
 * sample events, for logs that have none. Nested objects become dotted paths; each path's
 * type is the narrowest that holds every value seen (integers → i64, any fraction → f64,
 * booleans → bool, texts or a mix → string; arrays of scalars → array<…>; arrays of
 * objects are not addressable and left out). The time field is the first of the usual
 * names present, its format read off its values. The category field (given, else
 * `event.category`, else `event_type`) names the EQL categories: each value seen is one,
 * and others still match it by name.
 */
import type { FieldType, ScalarType } from "../ir/types.js";
import type { EventSchemaDoc, FieldDef, TimestampFormat } from "./schema.js";

export interface InferOptions {
  readonly categoryField?: string;
  readonly id?: string;
}

export const DEFAULT_INFER_EVENTS = 1000;
const TIME_FIELDS = ["@timestamp", "timestamp", "TimeCreated", "EventTime", "event.created", "time", "ts"];
const CATEGORY_FIELDS = ["event.category", "event_type"];
/** More distinct values than this is not a category field but data. */
const MAX_CATEGORIES = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

type Seen = { kinds: Set<ScalarType | "float">; array: boolean; values: unknown[] };

function observe(paths: Map<string, Seen>, path: string, value: unknown): void {
  if (value === null) return;
  if (typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) observe(paths, path === "" ? k : `${path}.${k}`, v);
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.some((x) => typeof x === "object" && x !== null)) return;
  let seen = paths.get(path);
  if (seen === undefined) paths.set(path, (seen = { kinds: new Set(), array: false, values: [] }));
  seen.array ||= Array.isArray(value);
  for (const x of items) {
    if (x === null) continue;
    seen.kinds.add(typeof x === "boolean" ? "bool" : typeof x === "number" ? (Number.isInteger(x) ? "i64" : "float") : "string");
    if (seen.values.length < MAX_CATEGORIES + 1) seen.values.push(x);
  }
}

function typeOf(seen: Seen): FieldType {
  const k = seen.kinds;
  const scalar: ScalarType = k.size === 1 && k.has("bool") ? "bool" : [...k].every((x) => x === "i64") && k.size > 0 ? "i64" : [...k].every((x) => x === "i64" || x === "float") && k.size > 0 ? "f64" : "string";
  return seen.array ? `array<${scalar}>` : scalar;
}

function timeFormat(values: readonly unknown[]): TimestampFormat | undefined {
  if (values.length > 0 && values.every((v) => typeof v === "string" && ISO_DATE.test(v))) return "iso8601";
  if (values.length === 0 || !values.every((v) => typeof v === "number" && Number.isInteger(v) && v > 0)) return undefined;
  const n = Math.max(...(values as number[]));
  // Seconds, milliseconds and nanoseconds since 1970, and FILETIME (100 ns since 1601), for today's dates.
  return n < 1e11 ? "epoch_s" : n < 1e14 ? "epoch_ms" : n < 1e18 ? "filetime" : "epoch_ns";
}

export function inferSchema(events: Iterable<Readonly<Record<string, unknown>>>, options: InferOptions = {}): EventSchemaDoc {
  const paths = new Map<string, Seen>();
  let count = 0;
  for (const e of events) {
    observe(paths, "", e);
    count++;
  }
  const sorted = [...paths.keys()].sort();
  const fields: FieldDef[] = sorted.map((path, i) => ({ id: i + 1, path, type: typeOf(paths.get(path) as Seen) }));
  const timeField = TIME_FIELDS.map((f) => ({ f, format: timeFormat(paths.get(f)?.values ?? []) })).find((t) => t.format !== undefined);
  const timestamp = timeField === undefined ? { field: "@timestamp", format: "iso8601" as const } : { field: timeField.f, format: timeField.format as TimestampFormat };
  if (timeField === undefined && !paths.has("@timestamp")) fields.push({ id: fields.length + 1, path: "@timestamp", type: "string" });
  const categoryField = options.categoryField ?? CATEGORY_FIELDS.find((f) => paths.has(f));
  if (categoryField !== undefined && !paths.has(categoryField)) fields.push({ id: fields.length + 1, path: categoryField, type: "string" });
  const names = [...new Set((categoryField === undefined ? [] : (paths.get(categoryField)?.values ?? [])).filter((v): v is string => typeof v === "string"))];
  const categories = names.length > MAX_CATEGORIES || categoryField === undefined ? {} : Object.fromEntries(names.map((n) => [n, [{ field: categoryField, anyOf: [n] }]]));
  return {
    id: options.id ?? "auto",
    version: "1",
    description: `Inferred from ${count} event(s) by kestrel schema infer; edit and reuse with --schema <file>.`,
    timestamp,
    entityKey: [],
    categories,
    logsources: [],
    fields,
    ...(categoryField === undefined ? {} : { categoryField }),
  };
}
