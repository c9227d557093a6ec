/**
 * @fileoverview Reads ../shared/datasets/sigma-regression: `events.ndjson` (EVTX-JSON, as
 * it is for the `evtx` schema, or flattened in memory by evtx-flatten.ts for the `windows`
 * schema, into NDJSON bytes whose event ids are the 1-based line numbers) and the line-aligned `labels.ndjson` (rule_id, rule_path,
 * expect, source), grouped into one case per labelled rule: its rule path and, per
 * source file, the lines of that source's events. Only `expect: "match"` is understood.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJson } from "../reference/json-value.js";
import { flattenEvtx } from "./evtx-flatten.js";
import { serializeJson, type EventFile } from "./ndjson.js";

export interface RegressionCase {
  readonly ruleId: string;
  readonly rulePath: string;
  /** Source file → 1-based lines of its events. */
  readonly sources: ReadonlyMap<string, readonly number[]>;
}

export interface RegressionData {
  readonly events: EventFile;
  readonly cases: readonly RegressionCase[];
}

interface Label {
  readonly rule_id: string;
  readonly rule_path: string;
  readonly expect: string;
  readonly source: string;
}

function isLabel(v: unknown): v is Label {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return ["rule_id", "rule_path", "expect", "source"].every((k) => typeof r[k] === "string");
}

function lines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");
}

function readLabels(path: string): Label[] {
  return lines(path).map((text, i) => {
    const v: unknown = JSON.parse(text);
    if (!isLabel(v)) throw new Error(`${path}:${i + 1}: expected {rule_id, rule_path, expect, source}`);
    if (v.expect !== "match") throw new Error(`${path}:${i + 1}: unsupported expect '${v.expect}'`);
    return v;
  });
}

/** How the events are fed: flattened (NXLog-style, for the windows schema) or as exported (for the evtx schema). */
export type EventShape = "flat" | "evtx";

export function readRegressionData(shared: string, shape: EventShape): RegressionData {
  const dir = join(shared, "datasets", "sigma-regression");
  const labels = readLabels(join(dir, "labels.ndjson"));
  const raw = lines(join(dir, "events.ndjson"));
  if (raw.length !== labels.length) throw new Error(`sigma-regression: ${raw.length} events but ${labels.length} labels`);
  const text = raw.map((l) => `${shape === "flat" ? serializeJson(flattenEvtx(parseJson(l))) : l}\n`).join("");
  const events: EventFile = { bytes: new TextEncoder().encode(text), ids: raw.map((_, i) => i + 1) };
  const byRule = new Map<string, { rulePath: string; sources: Map<string, number[]> }>();
  labels.forEach((label, i) => {
    let c = byRule.get(label.rule_id);
    if (c === undefined) byRule.set(label.rule_id, (c = { rulePath: label.rule_path, sources: new Map() }));
    const at = c.sources.get(label.source);
    if (at === undefined) c.sources.set(label.source, [i + 1]);
    else at.push(i + 1);
  });
  const cases = [...byRule.entries()].map(([ruleId, c]) => ({ ruleId, rulePath: c.rulePath, sources: c.sources }));
  return { events, cases };
}
