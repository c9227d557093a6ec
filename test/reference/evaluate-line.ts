/**
 * @fileoverview Evaluates one rule's per-event predicate on one parsed event line with the
 * reference evaluator: the stateless half of the oracle, shared by the stateful oracles.
 */
import type { IrRule } from "../../compiler/ir/nodes.js";
import { fieldsOfRule, queryPredicates } from "../../compiler/ir/visit.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { decodeEvent } from "./event.js";
import type { JsonValue } from "./json-value.js";
import { evaluate } from "./evaluator.js";

/** Whether the event passes each of the rule's per-event predicates (queryPredicates order). */
export function evaluateOn(rule: IrRule, schema: EventSchema, root: JsonValue, raw: string, line: number): boolean[] {
  const fieldIds = new Map([...schema.byPath].map(([path, f]) => [path, f.id]));
  for (const f of fieldsOfRule(rule)) fieldIds.set(f.path, f.id);
  const event = decodeEvent(root, { fieldIds, timestamp: schema.timestamp, entityKey: schema.entityKey }, line - 1, { file: "<oracle>", line }, raw);
  return queryPredicates(rule.query).map((p) => evaluate(p, event));
}
