/**
 * @fileoverview Reads a TOML file into plain data with smol-toml (TOML 1.0); the only
 * file that imports it. Dates become their TOML text, so the rest of the frontend sees
 * strings, numbers, booleans, arrays and tables only. A syntax error is K1701 at the
 * line and column smol-toml reports.
 */
import { parse, TomlError } from "smol-toml";
import type { DiagnosticBag } from "../../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../../source/source-file.js";
import { span } from "../../../source/span.js";

export type TomlValue = string | number | boolean | readonly TomlValue[] | TomlTable;
export interface TomlTable {
  readonly [key: string]: TomlValue;
}

/** The file's root table, or undefined after reporting the syntax error. */
export function readToml(file: SourceFile, bag: DiagnosticBag): TomlTable | undefined {
  let doc: unknown;
  try {
    doc = parse(file.text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const at = file.offsetAt(e.line, e.column);
    // The message's first line; smol-toml appends a code block of its own, and ours is the caret.
    const message = (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
    bag.error("K1701", span(file.path, at, at + 1), [message]);
    return undefined;
  }
  return plain(doc) as TomlTable;
}

export function isTable(v: TomlValue | undefined): v is TomlTable {
  return typeof v === "object" && !Array.isArray(v);
}

function plain(v: unknown): TomlValue {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  // fromEntries defines own properties, so a `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
}
