/**
 * @fileoverview Reads rule metadata from the comment block that opens an `.eql` file:
 * either consecutive `//` lines or one `/* … *\/` block, whose `key: value` lines
 * (keys id, name, severity, author, tags, references, falsepositives, action, description) set the rule's
 * metadata. Other comment lines are free text. `author` and `tags` are
 * comma-separated lists; a bad severity or an empty value is K1008 at its line.
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { ruleActions, severities } from "../../ir/nodes.js";
import type { SourceFile } from "../../source/source-file.js";
import { span, type Span } from "../../source/span.js";
import { parseSeverity } from "../common/metadata.js";
import { assertNever } from "../../util/assert-never.js";
import type { EqlMetadata, Located } from "./ast.js";

const keys = ["id", "name", "severity", "author", "tags", "references", "falsepositives", "action", "description"] as const;
type Key = (typeof keys)[number];
type MutableMetadata = { -readonly [K in keyof EqlMetadata]: EqlMetadata[K] };

/** One comment line's text and the offset of its first character. */
interface CommentLine {
  readonly text: string;
  readonly offset: number;
}

export function readMetadata(file: SourceFile, bag: DiagnosticBag): EqlMetadata {
  const meta: MutableMetadata = { author: [], tags: [], references: [], falsePositives: [] };
  for (const line of leadingCommentLines(file.text)) {
    const m = /^(\s*)([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line.text);
    if (m === null) continue;
    const key = (m[2] ?? "").toLowerCase();
    if (!(keys as readonly string[]).includes(key)) continue;
    const value = m[3] ?? "";
    const start = line.offset + (m[1] ?? "").length;
    const at = span(file.path, start, line.offset + line.text.trimEnd().length);
    if (value === "") {
      bag.error("K1008", at, [`'${key}' has no value`]);
      continue;
    }
    apply(meta, key as Key, value, at, bag);
  }
  return meta;
}

function apply(meta: MutableMetadata, key: Key, value: string, at: Span, bag: DiagnosticBag): void {
  const located = (v: string): Located<string> => ({ value: v, span: at });
  switch (key) {
    case "id":
    case "name":
    case "description":
      meta[key] = located(value);
      return;
    case "action": {
      const action = ruleActions.find((a) => a === value.toLowerCase());
      if (action === undefined) bag.error("K1008", at, [`unknown action '${value}' (expected ${ruleActions.join(", ")})`]);
      else meta.action = { value: action, span: at };
      return;
    }
    case "severity": {
      const severity = parseSeverity(value);
      if (severity === undefined) bag.error("K1008", at, [`unknown severity '${value}' (expected ${severities.join(", ")})`]);
      else meta.severity = { value: severity, span: at };
      return;
    }
    case "author":
    case "tags":
    case "references":
      meta[key] = [...meta[key], ...splitList(value)];
      return;
    case "falsepositives":
      meta.falsePositives = [...meta.falsePositives, ...splitList(value)];
      return;
    default:
      assertNever(key);
  }
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The lines of the file's leading `//` run or first block comment, comment markers removed. */
export function leadingCommentLines(text: string): CommentLine[] {
  const start = text.length - text.trimStart().length;
  if (text.startsWith("/*", start)) return blockLines(text, start);
  const lines: CommentLine[] = [];
  let pos = start;
  while (pos < text.length) {
    const eol = text.indexOf("\n", pos);
    const end = eol === -1 ? text.length : eol;
    const raw = text.slice(pos, end);
    const indent = raw.length - raw.trimStart().length;
    if (raw.trim() !== "") {
      if (!raw.startsWith("//", indent)) break;
      lines.push({ text: raw.slice(indent + 2).replace(/\r$/, ""), offset: pos + indent + 2 });
    }
    pos = end + 1;
  }
  return lines;
}

function blockLines(text: string, start: number): CommentLine[] {
  const close = text.indexOf("*/", start + 2);
  const end = close === -1 ? text.length : close;
  const lines: CommentLine[] = [];
  let pos = start + 2;
  while (pos <= end) {
    const eol = text.indexOf("\n", pos);
    const lineEnd = eol === -1 || eol > end ? end : eol;
    const raw = text.slice(pos, lineEnd).replace(/\r$/, "");
    // Drop a leading " * " decoration, as in Javadoc-style blocks.
    const star = /^\s*\*(?!\/)\s?/.exec(raw);
    const cut = star === null ? 0 : star[0].length;
    lines.push({ text: raw.slice(cut), offset: pos + cut });
    pos = lineEnd + 1;
  }
  return lines;
}
