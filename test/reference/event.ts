/**
 * @fileoverview The event model: typed field values stored sparsely by numeric field ID,
 * a wall-clock timestamp (ns since the Unix epoch, from the schema's timestamp field),
 * a monotonic arrival sequence, an entity key that partitions work, and the event's
 * source. Field paths resolve as the Wasm scanner resolves them: nested objects and
 * dotted keys name the same field, and the last occurrence of a key wins. Part of the
 * test oracle; it shares no code with the runtime's readers.
 */
import type { TimestampDef } from "../../compiler/schema/schema.js";
import { referenceEventTime } from "./event-time.js";
import type { JsonValue } from "./json-value.js";

export interface EventSource {
  readonly file: string;
  readonly line: number;
}

export interface KEvent {
  readonly fields: ReadonlyMap<number, JsonValue>;
  readonly timestamp: bigint | undefined;
  readonly seq: number;
  readonly entityKey: string | undefined;
  readonly source: EventSource;
  /** The line as it arrived, without its line ending (Sigma keyword searches read it). */
  readonly raw: string;
}

export interface EventShape {
  /** Field path → numeric ID. Paths not listed are not stored. */
  readonly fieldIds: ReadonlyMap<string, number>;
  readonly timestamp: TimestampDef;
  readonly entityKey: readonly string[];
}

/** Every addressable path of an object: nested objects joined with ".", arrays kept whole. */
export function flattenPaths(root: JsonValue, prefix = "", into = new Map<string, JsonValue>()): Map<string, JsonValue> {
  if (root.t !== "obj") return into;
  for (const [key, value] of root.entries) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    into.set(path, value);
    if (value.t === "obj") flattenPaths(value, path, into);
  }
  return into;
}

export function decodeEvent(root: JsonValue, shape: EventShape, seq: number, source: EventSource, raw: string): KEvent {
  const paths = flattenPaths(root);
  const fields = new Map<number, JsonValue>();
  for (const [path, value] of paths) {
    const id = shape.fieldIds.get(path);
    if (id !== undefined) fields.set(id, value);
  }
  const time = referenceEventTime(paths, shape.timestamp);
  const keyParts = shape.entityKey.map((p) => scalarText(paths.get(p)));
  return {
    fields,
    timestamp: time.status === "ok" ? time.ns : undefined,
    seq,
    entityKey: keyParts.every((k) => k === undefined) ? undefined : keyParts.map((k) => k ?? "").join("|"),
    source,
    raw,
  };
}

function scalarText(v: JsonValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  switch (v.t) {
    case "str":
      return v.v;
    case "num":
      return v.raw;
    case "bool":
      return String(v.v);
    default:
      return undefined;
  }
}
