/**
 * @fileoverview The oracle's results for rules whose results are more than "this event
 * matched": sequences (test/reference/sequence.ts), joins (join.ts) and rules with pipes (each passing
 * event, or each sequence, then test/reference/pipes.ts). Grouped by rule, in rule order,
 * each rule's results in the order its pipes leave them.
 */
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { evaluateOn } from "./evaluate-line.js";
import { forEachEvent } from "./event-lines.js";
import type { JsonValue } from "./json-value.js";
import { applyPipes, type PipedResult } from "./pipes.js";
import { referenceJoins } from "./join.js";
import { referenceSequences } from "./sequence.js";

export interface RuleResult {
  readonly rule: string;
  readonly lines: readonly number[];
  readonly count?: number;
}

export function referenceResults(set: IrRuleSet, schema: EventSchema, text: string): RuleResult[] {
  const paths = new Map<number, ReadonlyMap<string, JsonValue>>();
  const single = new Map<string, number[]>();
  forEachEvent(text, (e) => {
    paths.set(e.line, e.paths);
    for (const rule of set.rules) {
      if (rule.query.kind === "match" && rule.pipes !== undefined && evaluateOn(rule, schema, e.root, e.raw, e.line)[0] === true) {
        const list = single.get(rule.id) ?? [];
        single.set(rule.id, [...list, e.line]);
      }
    }
  });
  const multi = [...referenceSequences(set, schema, text), ...referenceJoins(set, schema, text)];
  return set.rules.flatMap((rule) => {
    const isMulti = rule.query.kind === "sequence" || rule.query.kind === "join";
    const lines = isMulti ? multi.filter((a) => a.rule === rule.id).map((a) => a.lines) : (single.get(rule.id) ?? []).map((l) => [l]);
    if (!isMulti && rule.pipes === undefined) return [];
    const results: PipedResult[] = lines.map((ls) => ({ lines: ls, first: paths.get(ls[0] ?? 0) ?? new Map() }));
    return applyPipes(results, rule.pipes ?? []).map((r) => ({ rule: rule.id, lines: r.lines, ...(r.count === undefined ? {} : { count: r.count }) }));
  });
}
