/**
 * @fileoverview Reads an EQL conformance TOML file (`[[queries]]` tables with `query`,
 * `expected_event_ids`, optional `name` and `case_sensitive` / `case_insensitive`)
 * into typed cases. A case is identified by its `name` when it has one, otherwise by
 * its 0-based position in the file.
 */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

export interface EqlCase {
  /** `name`, or the 0-based index as text. */
  readonly id: string;
  readonly index: number;
  readonly query: string;
  /** Expected event ids; -1 marks a missing stage. */
  readonly expected: readonly number[];
  /** Other results that are also right (a nondeterministic query lists each). */
  readonly alternatives: readonly (readonly number[])[];
  /** Run only in case-sensitive mode. */
  readonly caseSensitiveOnly: boolean;
  /** Run only in case-insensitive mode. */
  readonly caseInsensitiveOnly: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/**
 * Elasticsearch's test_extra.toml has bare `null`s in `join_keys` arrays, which TOML does
 * not allow (its own reader does); they become a string here, as nothing reads join_keys.
 */
function tolerateBareNulls(text: string): string {
  return text.replace(/^(\s*join_keys\s*=.*)$/gm, (line) => line.replace(/(?<!")\bnull\b(?!")/g, '"null"'));
}

export function readCases(path: string): EqlCase[] {
  const doc = parse(tolerateBareNulls(readFileSync(path, "utf8")));
  const queries = doc["queries"];
  if (!Array.isArray(queries)) throw new Error(`${path}: no [[queries]]`);
  return queries.map((q: unknown, index): EqlCase => {
    if (!isRecord(q)) throw new Error(`${path}: queries[${index}] is not a table`);
    const query = q["query"];
    const expected = q["expected_event_ids"];
    const options = isIds(expected) ? [expected] : Array.isArray(expected) && expected.length > 0 && expected.every(isIds) ? expected : undefined;
    if (typeof query !== "string" || options === undefined) {
      throw new Error(`${path}: queries[${index}] lacks a query string or numeric expected_event_ids`);
    }
    const name = q["name"];
    const sensitive = q["case_sensitive"] === true;
    const insensitive = q["case_insensitive"] === true;
    return {
      id: typeof name === "string" ? name : String(index),
      index,
      query,
      expected: options[0] ?? [],
      alternatives: options.slice(1),
      caseSensitiveOnly: sensitive && !insensitive,
      caseInsensitiveOnly: insensitive && !sensitive,
    };
  });
}
