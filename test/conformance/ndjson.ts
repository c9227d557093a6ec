/**
 * @fileoverview A JSON array of events (read with the exact parser, so 64-bit
 * timestamps keep every digit) → NDJSON bytes, one compact object per line, plus the
 * value of an id field for each line, so matched line numbers map back to event ids.
 * Also the compact serializer itself, for jobs that build their NDJSON in memory.
 */
import { parseJson, type JsonValue } from "../reference/json-value.js";
import { assertNever } from "../../compiler/util/assert-never.js";

export interface EventFile {
  readonly bytes: Uint8Array;
  /** ids[line - 1] is the id of the event on that 1-based line. */
  readonly ids: readonly number[];
}

export function jsonArrayToNdjson(text: string, idField: string): EventFile {
  const root = parseJson(text);
  if (root.t !== "arr") throw new Error("expected a JSON array of events");
  const ids = root.items.map((item, i) => {
    const id = item.t === "obj" ? item.entries.find(([k]) => k === idField)?.[1] : undefined;
    if (id?.t !== "num") throw new Error(`event ${i} has no numeric '${idField}'`);
    return id.f;
  });
  const lines = root.items.map((item) => `${serializeJson(item)}\n`).join("");
  return { bytes: new TextEncoder().encode(lines), ids };
}

/** Compact JSON text of a value, numbers as their raw spelling. */
export function serializeJson(v: JsonValue): string {
  switch (v.t) {
    case "str":
      return JSON.stringify(v.v);
    case "num":
      return v.raw;
    case "bool":
      return String(v.v);
    case "null":
      return "null";
    case "arr":
      return `[${v.items.map(serializeJson).join(",")}]`;
    case "obj":
      return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${serializeJson(x)}`).join(",")}}`;
    default:
      return assertNever(v);
  }
}
