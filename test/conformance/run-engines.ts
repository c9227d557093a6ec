/**
 * @fileoverview Runs a batch of compiled rules over NDJSON bytes through every engine
 * (via test/helpers/differential): the reference evaluator on the IR after the passes and
 * on the IR as lowered, and the linked Wasm package twice, on the whole input at once and
 * in small odd-sized pushes, to exercise lines split across chunks. Returns, per engine
 * and rule id, the matched event ids in line order, and the malformed line numbers each
 * engine saw.
 */
import type { IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { AFTER_PASSES, BEFORE_PASSES, createWasmRunner, disagreements, runOracle, WASM, type Outcome } from "../helpers/differential.js";
import type { EventFile } from "./ndjson.js";

/** Bytes per push for the chunked run: prime, so boundaries land everywhere in a line. */
const SMALL_CHUNK = 997;
export const WASM_CHUNKED = `Wasm in ${SMALL_CHUNK}-byte pushes`;

export interface EngineIds {
  /** Engine name → rule id → matched event ids in line order. */
  readonly matches: ReadonlyMap<string, ReadonlyMap<string, number[]>>;
  /** Engine name → malformed line numbers. */
  readonly malformed: ReadonlyMap<string, readonly number[]>;
}

/** Rules after the passes, and the same rules (same ids) as lowered. */
export interface RuleBatch {
  readonly rules: readonly IrRule[];
  readonly lowered: readonly IrRule[];
}

export function ruleSetOf(rules: readonly IrRule[], schema: EventSchema): { ruleSet: IrRuleSet; schema: EventSchema } {
  return { ruleSet: { version: 1, schema: { id: schema.id, hash: schema.hash }, rules }, schema };
}

export async function runEngines(batch: RuleBatch, schema: EventSchema, events: EventFile): Promise<EngineIds> {
  const set = ruleSetOf(batch.rules, schema);
  const { after, before } = runOracle({ ...set, lowered: ruleSetOf(batch.lowered, schema).ruleSet }, events.bytes);
  const run = await createWasmRunner(set);
  const outcomes = new Map([
    [AFTER_PASSES, after],
    [BEFORE_PASSES, before],
    [WASM, run(events.bytes)],
    [WASM_CHUNKED, run(events.bytes, SMALL_CHUNK)],
  ]);
  return {
    matches: new Map([...outcomes].map(([name, o]) => [name, byRule(o, events)])),
    malformed: new Map([...outcomes].map(([name, o]) => [name, o.malformed])),
  };
}

/** Engine name → the event ids the given rules matched: one rule's in line order, several rules' as a sorted union. */
export function idsFor(ids: EngineIds, ruleIds: readonly string[]): Map<string, number[]> {
  return new Map(
    [...ids.matches].map(([name, byRuleId]) => {
      const lists = ruleIds.map((r) => byRuleId.get(r) ?? []);
      return [name, lists.length === 1 ? (lists[0] ?? []) : [...new Set(lists.flat())].sort((a, b) => a - b)];
    }),
  );
}

/** Where the engines' event ids differ ("event 7: reported by …; not by …"), then each engine's list. */
export function describeDisagreement(byEngine: ReadonlyMap<string, readonly number[]>): string | undefined {
  const problems = disagreements(byEngine, (id) => `event ${id}`, 5);
  if (problems.length === 0) return undefined;
  return `${problems.join("; ")} (${[...byEngine].map(([name, ids]) => `${name} [${ids.join(",")}]`).join(", ")})`;
}

/** Malformed lines any engine reported, per engine, or undefined when none did. */
export function describeMalformed(ids: EngineIds): string | undefined {
  const any = [...ids.malformed.values()].some((lines) => lines.length > 0);
  return any ? [...ids.malformed].map(([name, lines]) => `${name} ${lines.join(",")}`).join("; ") : undefined;
}

/** "line:ruleId" matches → rule id → event ids in line order. */
function byRule(outcome: Outcome, events: EventFile): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of outcome.matches) {
    const colon = m.indexOf(":");
    const line = Number(m.slice(0, colon));
    const rule = m.slice(colon + 1);
    const id = events.ids[line - 1] ?? -line;
    const list = out.get(rule);
    if (list === undefined) out.set(rule, [id]);
    else list.push(id);
  }
  return out;
}
