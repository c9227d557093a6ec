/**
 * @fileoverview Runs a batch of compiled rules whose results are more than single matches
 * (EQL sequences, rules with pipes) over NDJSON bytes through the real runtime (Wasm
 * package, detect stage over the keyed window store, pipes) and through the oracle's
 * results (test/reference/results.ts) on the IR after and before the passes. Returns, per engine
 * and rule id, the event ids of every alert's evidence, alert after alert, with -1 in each
 * missing step's slot (evidence holds positive events only; the IR's step order places them).
 */
import type { IrRule } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { bytesInput, collectAlerts, compiledPackage } from "../helpers/pipeline.js";
import { referenceResults, type RuleResult } from "../reference/results.js";
import type { EventFile } from "./ndjson.js";
import { ruleSetOf, type RuleBatch } from "./run-engines.js";

export const RUNTIME = "runtime";
export const ORACLE_AFTER = "results oracle after passes";
export const ORACLE_BEFORE = "results oracle before passes";

/** Engine name → rule id → evidence event ids, alerts concatenated in delivery order. */
export type StatefulIds = ReadonlyMap<string, ReadonlyMap<string, number[]>>;

export async function runStateful(batch: RuleBatch, schema: EventSchema, events: EventFile): Promise<StatefulIds> {
  const text = new TextDecoder().decode(events.bytes);
  const after = ruleSetOf(batch.rules, schema);
  const pkg = await compiledPackage(after, "conformance");
  const alerts = await collectAlerts({ packages: [pkg], inputs: [bytesInput("<events>", events.bytes)], workers: 1, ordered: true });
  const runtime = alerts.map((a): RuleResult => ({ rule: a.rule.id, lines: a.evidence.map((e) => e.origin.line) }));
  const byEngine: [string, readonly RuleResult[]][] = [
    [RUNTIME, runtime],
    [ORACLE_AFTER, referenceResults(after.ruleSet, schema, text)],
    [ORACLE_BEFORE, referenceResults(ruleSetOf(batch.lowered, schema).ruleSet, schema, text)],
  ];
  const missing = new Map(batch.rules.map((r) => [r.id, missingSlots(r)]));
  return new Map(byEngine.map(([name, list]) => [name, idsByRule(list, events, missing)]));
}

/** Per step of a sequence: whether it is a missing step (empty for other rules). */
function missingSlots(rule: IrRule): readonly boolean[] {
  return rule.query.kind === "sequence" && rule.query.steps.some((s) => s.missing === true) ? rule.query.steps.map((s) => s.missing === true) : [];
}

/** The result's event ids, with -1 in the missing slots. */
function withMissing(ids: readonly number[], slots: readonly boolean[]): number[] {
  if (slots.length === 0) return [...ids];
  let next = 0;
  return slots.map((missing) => (missing ? -1 : (ids[next++] ?? 0)));
}

function idsByRule(alerts: readonly RuleResult[], events: EventFile, missing: ReadonlyMap<string, readonly boolean[]>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const a of alerts) {
    const ids = withMissing(
      a.lines.map((line) => events.ids[line - 1] ?? -line),
      missing.get(a.rule) ?? [],
    );
    const list = out.get(a.rule);
    if (list === undefined) out.set(a.rule, ids);
    else list.push(...ids);
  }
  return out;
}
