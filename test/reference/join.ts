/**
 * @fileoverview The oracle for joins (IR `join`), written from compiler/ir/nodes.ts,
 * independently of src/runtime/detect/join.ts and without caps. Per rule and join key, an
 * array of slots, one per step. For each event in input order: each step in order that the
 * event passes fills its slot if empty; when all are full, one result (the slots' lines in
 * step order) and the key is emptied; then `until` (when it passes and its join values are
 * present) empties the key's slots. Missing or null join values as for sequences
 * (the step's `nullable`).
 */
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { evaluateOn } from "./evaluate-line.js";
import { stepJoinKey } from "./join-key.js";
import { forEachEvent } from "./event-lines.js";
import type { OracleAlert } from "./threshold.js";

export function referenceJoins(set: IrRuleSet, schema: EventSchema, text: string): OracleAlert[] {
  const out: OracleAlert[] = [];
  const slots = new Map<string, Map<string, (number | undefined)[]>>();
  forEachEvent(text, ({ root, raw, line, paths }) => {
    for (const rule of set.rules) {
      const q = rule.query;
      if (q.kind !== "join") continue;
      const passed = evaluateOn(rule, schema, root, raw, line);
      let byKey = slots.get(rule.id);
      if (byKey === undefined) slots.set(rule.id, (byKey = new Map()));
      const n = q.steps.length;
      q.steps.forEach((step, i) => {
        if (passed[i] !== true) return;
        const k = stepJoinKey(step, paths);
        if (k === undefined || byKey === undefined) return;
        const s = byKey.get(k) ?? new Array<number | undefined>(n).fill(undefined);
        if (s[i] === undefined) s[i] = line;
        if (s.every((x) => x !== undefined)) {
          out.push({ rule: rule.id, lines: s as number[] });
          byKey.delete(k);
        } else byKey.set(k, s);
      });
      if (q.until !== undefined && passed[n] === true) {
        const k = stepJoinKey(q.until, paths);
        if (k !== undefined) byKey.delete(k);
      }
    }
  });
  return out;
}
