/**
 * @fileoverview The oracle for stateful threshold rules, written from the semantics in
 * compiler/ir/nodes.ts and src/runtime/detect/window-store.ts, independently of them and
 * without caps: events in input order; per rule a watermark M (the newest time among the
 * events that passed its predicate); an event older than M - window is late and ignored;
 * per group key the live events are those not older than M - window; when `count` are
 * live, one alert with them as evidence, and the key starts afresh. Events without a time
 * or with a missing or null group-by value are ignored.
 */
import type { IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { forEachEvent } from "./event-lines.js";
import { canonicalHash } from "./canonical-value.js";
import { referenceEventTime } from "./event-time.js";
import { evaluateOn } from "./evaluate-line.js";

export interface OracleAlert {
  readonly rule: string;
  /** 1-based line numbers of the evidence, in input order. */
  readonly lines: readonly number[];
}

interface Held {
  readonly line: number;
  readonly ns: bigint;
}

export function referenceThreshold(set: IrRuleSet, schema: EventSchema, text: string): OracleAlert[] {
  const alerts: OracleAlert[] = [];
  const state = new Map<IrRule, { watermark: bigint | undefined; keys: Map<string, Held[]> }>();
  forEachEvent(text, ({ root, raw, line, paths }) => {
    for (const rule of set.rules) {
      const q = rule.query;
      if (q.kind !== "threshold" || evaluateOn(rule, schema, root, raw, line)[0] !== true) continue;
      const time = referenceEventTime(paths, schema.timestamp);
      if (time.status !== "ok") continue;
      const values = q.groupBy.map((f) => paths.get(f.path));
      if (values.some((v) => v === undefined || v.t === "null")) continue;
      const key = values.map((v) => canonicalHash(v, false).toString(16)).join(":");
      let s = state.get(rule);
      if (s === undefined) state.set(rule, (s = { watermark: undefined, keys: new Map() }));
      if (s.watermark === undefined || time.ns > s.watermark) s.watermark = time.ns;
      const horizon = s.watermark - BigInt(q.windowMs) * 1_000_000n;
      if (time.ns < horizon) continue;
      const live = (s.keys.get(key) ?? []).filter((h) => h.ns >= horizon);
      live.push({ line, ns: time.ns });
      if (live.length >= q.count) {
        alerts.push({ rule: rule.id, lines: live.map((h) => h.line) });
        s.keys.delete(key);
      } else {
        s.keys.set(key, live);
      }
    }
  });
  return alerts;
}
