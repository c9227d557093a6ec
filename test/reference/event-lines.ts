/**
 * @fileoverview The stateful oracles' input loop: NDJSON text line by line (CRLF and blank
 * lines allowed), each line that parses to a JSON object handed on with its 1-based number
 * and flattened paths; everything else skipped, as the runtime sets it aside.
 */
import { flattenPaths } from "./event.js";
import { parseJson, type JsonValue } from "./json-value.js";

export interface OracleEvent {
  readonly root: JsonValue;
  readonly raw: string;
  /** 1-based. */
  readonly line: number;
  readonly paths: ReadonlyMap<string, JsonValue>;
}

export function forEachEvent(text: string, fn: (event: OracleEvent) => void): void {
  text.split("\n").forEach((rawLine, i) => {
    const raw = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === "") return;
    let root: JsonValue;
    try {
      root = parseJson(raw);
    } catch {
      return;
    }
    if (root.t === "obj") fn({ root, raw, line: i + 1, paths: flattenPaths(root) });
  });
}
