/**
 * @fileoverview The oracle for EQL sequences, written from the IR's `sequence` semantics in
 * compiler/ir/nodes.ts, independently of src/runtime/detect and without caps. Events in
 * input order. Per rule: `waiting[i]` maps a join key to the partial sequence waiting for
 * step i (its line numbers and first event time). For each event, the steps from last to
 * first, so one event never fills two steps of one sequence, and then `until`. With
 * maxspan: events without a time are ignored; the watermark is the newest time among
 * events that passed any step; a partial whose first time is older than
 * watermark - maxspan is gone. A missing or null join value is the value null where the
 * step's `nullable` says so; elsewhere the event is not used.
 */
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { referenceEventTime } from "./event-time.js";
import { forEachEvent } from "./event-lines.js";
import { evaluateOn } from "./evaluate-line.js";
import { stepJoinKey } from "./join-key.js";
import type { OracleAlert } from "./threshold.js";

interface Waiting {
  readonly lines: readonly number[];
  readonly start: bigint;
}

interface RuleState {
  watermark: bigint | undefined;
  /** Index i: partials that have done steps 0..i-1 (index 0 unused). */
  readonly waiting: Map<string, Waiting>[];
}

export function referenceSequences(set: IrRuleSet, schema: EventSchema, text: string): OracleAlert[] {
  const alerts: OracleAlert[] = [];
  const states = new Map<string, RuleState>();
  forEachEvent(text, ({ root, raw, line, paths }) => {
    for (const rule of set.rules) {
      const q = rule.query;
      if (q.kind !== "sequence") continue;
      const passed = evaluateOn(rule, schema, root, raw, line);
      if (!passed.some((p) => p)) continue;
      const time = referenceEventTime(paths, schema.timestamp);
      if (q.maxspanMs !== undefined && time.status !== "ok") continue;
      const now = time.status === "ok" ? time.ns : 0n;
      let state = states.get(rule.id);
      if (state === undefined) states.set(rule.id, (state = { watermark: undefined, waiting: q.steps.map(() => new Map()) }));
      if (state.watermark === undefined || now > state.watermark) state.watermark = now;
      const oldest = q.maxspanMs === undefined ? undefined : state.watermark - BigInt(q.maxspanMs) * 1_000_000n;
      const alive = (w: Waiting | undefined): w is Waiting => w !== undefined && (oldest === undefined || w.start >= oldest);
      const n = q.steps.length;
      for (let step = n - 1; step >= 0; step--) {
        const s = q.steps[step];
        if (s === undefined || passed[step] !== true) continue;
        const key = stepJoinKey(s, paths);
        if (key === undefined) continue;
        if (step === 0) {
          state.waiting[1]?.set(key, { lines: [line], start: now });
          continue;
        }
        const here = state.waiting[step];
        const w = here?.get(key);
        here?.delete(key);
        if (!alive(w)) continue;
        const lines = [...w.lines, line];
        if (step === n - 1) alerts.push({ rule: rule.id, lines });
        else state.waiting[step + 1]?.set(key, { lines, start: w.start });
      }
      if (q.until !== undefined && passed[n] === true) {
        const key = stepJoinKey(q.until, paths);
        if (key !== undefined) for (const m of state.waiting) m.delete(key);
      }
    }
  });
  return alerts;
}
