/**
 * @fileoverview The oracle for EQL sequences, written from the IR's `sequence` semantics in
 * compiler/ir/nodes.ts, independently of src/runtime/detect and without caps. Events in
 * input order. Per rule: `waiting[i]` maps a join key to the partial sequence waiting for
 * positive step i (its line numbers, times and first event time). For each event, the
 * positive steps from last to first, so one event never fills two steps of one sequence,
 * and then `until`. With maxspan: events without a time are ignored; the watermark is the
 * newest time among events that passed any step; a partial whose first time is older than
 * watermark - maxspan is gone. A missing or null join value is the value null where the
 * step's `nullable` says so; elsewhere the event is not used. A rule with missing steps
 * hands its candidates and its events to sequence-missing.ts, which judges them over the
 * whole input.
 */
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { referenceEventTime } from "./event-time.js";
import { forEachEvent } from "./event-lines.js";
import { evaluateOn } from "./evaluate-line.js";
import { stepJoinKey } from "./join-key.js";
import { judgeMissing, type Candidate, type RuleEvent } from "./sequence-missing.js";
import type { OracleAlert } from "./threshold.js";

interface Waiting {
  readonly lines: readonly number[];
  readonly times: readonly bigint[];
  readonly start: bigint;
}

interface RuleState {
  watermark: bigint | undefined;
  /** Index i: partials waiting for step i (an index of a positive step after the first). */
  readonly waiting: Map<string, Waiting>[];
  /** Rules with missing steps: their completed candidates and every event that passed a step. */
  readonly candidates: Candidate[];
  readonly events: RuleEvent[];
}

/** An alert and where it is delivered: input line, rule, then before (0) or after (1) that event's steps. */
interface Placed extends OracleAlert {
  readonly at: readonly [line: number, rule: number, phase: number];
}

export function referenceSequences(set: IrRuleSet, schema: EventSchema, text: string): OracleAlert[] {
  const alerts: Placed[] = [];
  const states = new Map<string, RuleState>();
  forEachEvent(text, ({ root, raw, line, paths }) => {
    for (const [index, rule] of set.rules.entries()) {
      const q = rule.query;
      if (q.kind !== "sequence") continue;
      const passed = evaluateOn(rule, schema, root, raw, line);
      if (!passed.some((p) => p)) continue;
      const time = referenceEventTime(paths, schema.timestamp);
      if (q.maxspanMs !== undefined && time.status !== "ok") continue;
      const now = time.status === "ok" ? time.ns : 0n;
      let state = states.get(rule.id);
      if (state === undefined) states.set(rule.id, (state = { watermark: undefined, waiting: q.steps.map(() => new Map()), candidates: [], events: [] }));
      if (state.watermark === undefined || now > state.watermark) state.watermark = now;
      const hasMissing = q.steps.some((s) => s.missing === true);
      if (hasMissing) state.events.push({ line, time: now, newest: state.watermark, keys: q.steps.map((s, i) => (passed[i] === true ? stepJoinKey(s, paths) : undefined)) });
      const oldest = q.maxspanMs === undefined ? undefined : state.watermark - BigInt(q.maxspanMs) * 1_000_000n;
      const alive = (w: Waiting | undefined): w is Waiting => w !== undefined && (oldest === undefined || w.start >= oldest);
      const positive = q.steps.flatMap((s, i) => (s.missing === true ? [] : [i]));
      for (let k = positive.length - 1; k >= 0; k--) {
        const step = positive[k] ?? 0;
        const s = q.steps[step];
        if (s === undefined || passed[step] !== true) continue;
        const key = stepJoinKey(s, paths);
        if (key === undefined) continue;
        let w: Waiting = { lines: [line], times: [now], start: now };
        if (k > 0) {
          const here = state.waiting[step];
          const before = here?.get(key);
          here?.delete(key);
          if (!alive(before)) continue;
          w = { lines: [...before.lines, line], times: [...before.times, now], start: before.start };
        }
        const next = positive[k + 1];
        if (next !== undefined) state.waiting[next]?.set(key, w);
        else if (hasMissing) state.candidates.push({ lines: w.lines, times: w.times, key, at: state.events.length - 1 });
        else alerts.push({ rule: rule.id, lines: w.lines, at: [line, index, 1] });
      }
      const n = q.steps.length;
      if (q.until !== undefined && passed[n] === true) {
        const key = stepJoinKey(q.until, paths);
        if (key !== undefined) for (const m of state.waiting) m.delete(key);
      }
    }
  });
  for (const [index, rule] of set.rules.entries()) {
    const state = states.get(rule.id);
    if (rule.query.kind !== "sequence" || state === undefined || state.candidates.length === 0) continue;
    alerts.push(...judgeMissing(rule.query, state.candidates, state.events).map((d) => ({ rule: rule.id, lines: d.lines, at: [d.line, index, d.phase] as const })));
  }
  // The runtime takes an event's records rule by rule; sort is stable, so ties keep completion order.
  const order = (a: Placed, b: Placed): number => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2];
  return alerts.sort(order).map(({ rule, lines }) => ({ rule, lines }));
}
