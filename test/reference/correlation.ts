/**
 * @fileoverview The oracle for Sigma correlations (IR `correlation`), written from the
 * semantics in compiler/ir/nodes.ts, independently of src/runtime/detect and without
 * caps. Events in input order; per rule a watermark M (the newest time among the
 * events it used) and per group key the held events (line, step, time, value). For each
 * event, the steps it passes (temporal_ordered: from the last down; else in order); per
 * step its group key (a missing or null value, or no parseable time, leaves the step
 * out), its `field` value (unusable: left out) and, for the aggregating types, a key this
 * event was already counted under is left out. An event older than M - window is late;
 * the live events of the key are those not older than M - window. Measure, test every
 * bound, and on an alert the key starts afresh (value_percentile keeps its events).
 */
import type { CorrelationBound, IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { canonicalHash } from "./canonical-value.js";
import { evaluateOn } from "./evaluate-line.js";
import { forEachEvent } from "./event-lines.js";
import { referenceEventTime } from "./event-time.js";
import type { JsonValue } from "./json-value.js";
import type { OracleAlert } from "./threshold.js";

type Correlation = Extract<IrRule["query"], { kind: "correlation" }>;

interface Held {
  readonly line: number;
  readonly step: number;
  readonly ns: bigint;
  readonly hash: bigint;
  readonly num: number | undefined;
}

const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function asNumber(v: JsonValue | undefined): number | undefined {
  const text = v?.t === "num" ? v.raw : v?.t === "str" ? v.v : undefined;
  return text !== undefined && NUMBER_TEXT.test(text) ? Number(text) : undefined;
}

function usable(q: Correlation, v: JsonValue | undefined): boolean {
  if (q.type === "value_sum" || q.type === "value_avg") return asNumber(v) !== undefined;
  if (q.type === "value_count" || q.type === "value_percentile") return v !== undefined && v.t !== "null" && v.t !== "arr" && v.t !== "obj";
  return true;
}

function holds(bounds: readonly CorrelationBound[], x: number): boolean {
  const test = { gt: (b: number) => x > b, gte: (b: number) => x >= b, lt: (b: number) => x < b, lte: (b: number) => x <= b, eq: (b: number) => x === b, neq: (b: number) => x !== b };
  return bounds.every((b) => test[b.op](b.value));
}

/** The measured number and the evidence lines of a key's live events (the newest last). */
function measure(q: Correlation, live: readonly Held[]): { x: number; lines: number[] } {
  const newest = live[live.length - 1];
  const total = live.reduce((s, h) => s + (h.num ?? 0), 0);
  const all = live.map((h) => h.line);
  switch (q.type) {
    case "event_count":
      return { x: live.length, lines: all };
    case "value_count":
      return { x: new Set(live.map((h) => h.hash)).size, lines: all };
    case "value_sum":
      return { x: total, lines: all };
    case "value_avg":
      return { x: total / live.length, lines: all };
    case "value_percentile": {
      const same = live.filter((h) => h.hash === newest?.hash);
      return { x: (same.length * 100) / live.length, lines: same.map((h) => h.line) };
    }
    case "temporal": {
      const last = new Map<number, number>();
      live.forEach((h, i) => last.set(h.step, i));
      const picked = [...last.values()].sort((a, b) => a - b).map((i) => live[i]?.line ?? 0);
      return { x: last.size, lines: picked.filter((l, i) => picked.indexOf(l) === i) };
    }
    case "temporal_ordered": {
      const chain: number[] = [];
      for (const h of live) if (h.step === chain.length && chain.length < q.steps.length) chain.push(h.line);
      return { x: chain.length, lines: chain };
    }
  }
}

export function referenceCorrelations(set: IrRuleSet, schema: EventSchema, text: string): OracleAlert[] {
  const alerts: OracleAlert[] = [];
  const states = new Map<string, { watermark: bigint | undefined; keys: Map<string, Held[]> }>();
  forEachEvent(text, ({ root, raw, line, paths }) => {
    for (const rule of set.rules) {
      const q = rule.query;
      if (q.kind !== "correlation") continue;
      const passed = evaluateOn(rule, schema, root, raw, line);
      const time = referenceEventTime(paths, schema.timestamp);
      if (!passed.includes(true) || time.status !== "ok") continue;
      let state = states.get(rule.id);
      if (state === undefined) states.set(rule.id, (state = { watermark: undefined, keys: new Map() }));
      const order = passed.map((p, i) => (p ? i : -1)).filter((i) => i >= 0);
      if (q.type === "temporal_ordered") order.reverse();
      const counted = new Set<string>();
      for (const step of order) {
        const by = (q.steps[step]?.by ?? []).map((f) => paths.get(f.path));
        const value = q.field === undefined ? undefined : paths.get(q.field.path);
        if (by.some((v) => v === undefined || v.t === "null") || !usable(q, value)) continue;
        const key = by.map((v) => canonicalHash(v, false).toString(16)).join(":");
        if (q.type !== "temporal" && q.type !== "temporal_ordered") {
          if (counted.has(key)) continue;
          counted.add(key);
        }
        if (state.watermark === undefined || time.ns > state.watermark) state.watermark = time.ns;
        const horizon = state.watermark - BigInt(q.windowMs) * 1_000_000n;
        if (time.ns < horizon) continue;
        const live = [...(state.keys.get(key) ?? []).filter((h) => h.ns >= horizon), { line, step, ns: time.ns, hash: canonicalHash(value, false), num: asNumber(value) }];
        const m = measure(q, live);
        const fired = holds(q.condition, m.x);
        if (fired) alerts.push({ rule: rule.id, lines: m.lines });
        if (fired && q.type !== "value_percentile") state.keys.delete(key);
        else state.keys.set(key, live);
      }
    }
  });
  return alerts;
}
