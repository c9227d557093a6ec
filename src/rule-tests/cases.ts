/**
 * @fileoverview A rule file's own test cases: `<rule file name>.tests.ndjson` beside it, one
 * case per line: `{"name": "…", "events": [{…}, …], "alerts": N}`. The events run through
 * the rule file's rules in order, as a run would, and the case passes when they raise
 * exactly N alerts (0 for a negative case). Stateful rules need several events per case.
 * Each event is kept as its own JSON text, so numbers keep their spelling.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

export interface TestCase {
  /** tests file:line, as reports name it. */
  readonly where: string;
  readonly name: string;
  /** One NDJSON line per event. */
  readonly events: readonly string[];
  readonly alerts: number;
}

export type CaseRead = { readonly kind: "case"; readonly test: TestCase } | { readonly kind: "invalid"; readonly where: string; readonly why: string };

/** The tests file beside a rule file, when there is one. */
export function testsFileFor(ruleFile: string): string | undefined {
  const file = join(dirname(ruleFile), `${basename(ruleFile, extname(ruleFile))}.tests.ndjson`);
  return existsSync(file) ? file : undefined;
}

/** The cases of a tests file; a line that is not a valid case is reported, not skipped silently. */
export function readCases(testsFile: string, shownAs: string): CaseRead[] {
  const out: CaseRead[] = [];
  readFileSync(testsFile, "utf8").split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${shownAs}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      out.push({ kind: "invalid", where, why: `not JSON: ${(e as Error).message}` });
      return;
    }
    const c = v as { name?: unknown; events?: unknown; alerts?: unknown } | null;
    const events = c?.events;
    if (c === null || typeof c !== "object" || !Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === "object" && e !== null && !Array.isArray(e))) {
      out.push({ kind: "invalid", where, why: 'expected {"name": …, "events": [objects…], "alerts": N}' });
      return;
    }
    if (typeof c.alerts !== "number" || !Number.isInteger(c.alerts) || c.alerts < 0) {
      out.push({ kind: "invalid", where, why: "'alerts' must be the number of alerts the events raise (0 for a negative case)" });
      return;
    }
    const name = typeof c.name === "string" ? c.name : `case ${i + 1}`;
    out.push({ kind: "case", test: { where, name, events: eventTexts(line, events.length), alerts: c.alerts } });
  });
  return out;
}

/** The events' own JSON texts, cut from the line rather than re-serialised. */
function eventTexts(line: string, count: number): string[] {
  const start = line.indexOf("[", line.indexOf('"events"'));
  const texts: string[] = [];
  let depth = 0;
  let inString = false;
  let from = -1;
  for (let i = start + 1; i < line.length && texts.length < count; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth === 0) from = i;
      depth++;
    } else if (ch === "}") {
      depth--;
      if (depth === 0) texts.push(line.slice(from, i + 1));
    }
  }
  return texts;
}
