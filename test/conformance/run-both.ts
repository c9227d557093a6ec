/**
 * @fileoverview Runs a batch of compiled rules over NDJSON bytes through both engines
 * (the linked Wasm package and the reference evaluator, via test/helpers/differential)
 * and returns, per rule id, the matched event ids in line order from each engine, plus
 * the malformed line numbers each engine saw. The Wasm package runs twice, on the whole
 * input at once and in small odd-sized pushes, to exercise lines split across chunks.
 */
import type { IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { createWasmRunner, runReference, type Outcome } from "../helpers/differential.js";
import type { EventFile } from "./ndjson.js";

/** Bytes per push for the chunked run: prime, so boundaries land everywhere in a line. */
const SMALL_CHUNK = 997;

export interface EngineIds {
  readonly ref: ReadonlyMap<string, number[]>;
  readonly wasm: ReadonlyMap<string, number[]>;
  readonly wasmChunked: ReadonlyMap<string, number[]>;
  readonly refMalformed: readonly number[];
  readonly wasmMalformed: readonly number[];
}

export function ruleSetOf(rules: readonly IrRule[], schema: EventSchema): { ruleSet: IrRuleSet; schema: EventSchema } {
  return { ruleSet: { version: 1, schema: { id: schema.id, hash: schema.hash }, rules }, schema };
}

export async function runBoth(rules: readonly IrRule[], schema: EventSchema, events: EventFile): Promise<EngineIds> {
  const set = ruleSetOf(rules, schema);
  const ref = runReference(set.ruleSet, schema, events.bytes);
  const run = await createWasmRunner(set);
  const wasm = run(events.bytes);
  const chunked = run(events.bytes, SMALL_CHUNK);
  return {
    ref: byRule(ref, events),
    wasm: byRule(wasm, events),
    wasmChunked: byRule(chunked, events),
    refMalformed: ref.malformed,
    wasmMalformed: [...wasm.malformed, ...chunked.malformed],
  };
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
