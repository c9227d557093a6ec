/**
 * @fileoverview The sequence detector (IR `sequence`; EQL sequences), over the keyed
 * window store. Per rule, the store key `<step>|<join key>` holds the one partial
 * sequence waiting for that (positive) step: the first positive step starts one
 * (replacing any waiting at the next), a later one moves the one waiting there on, and
 * the last completes it into a candidate. `until` (after the steps of the same event)
 * drops the join key's partial sequences. An entry's time is its first event's, so with
 * `maxspan` the store's window expires partial sequences that started too long before
 * the rule's newest event. Without missing steps every candidate is an alert; with them,
 * sequence-missing.ts judges it (now, or held until its trailing interval ends). The
 * caller hands over one event's records of a rule at a time, later steps before earlier
 * ones and `until` last (detector.ts stepRank).
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import type { AlertDetection } from "../alert.js";
import { capturedValues, type MatchRecord } from "../records.js";
import { joinKey, UNBOUNDED_WINDOW_NS, type DetectorSkips, type Fired } from "./detector.js";
import { hold, judge, missingLayout, nextPositive, recordMissing } from "./sequence-missing.js";
import type { KeyedWindowStore } from "./window-store.js";

export type SequenceRule = ManifestRule & { readonly detect: { readonly kind: "sequence" } };
export type PartialSequence = readonly MatchRecord[];

/** The rule's window: its maxspan, or unbounded. */
export function sequenceWindowNs(rule: SequenceRule): bigint {
  const { maxspanMs } = rule.detect;
  return maxspanMs === undefined ? UNBOUNDED_WINDOW_NS : BigInt(maxspanMs) * 1_000_000n;
}

/** The rule as a sequence that may hold candidates (it has trailing missing steps), else undefined. */
export function holdingSequence(rule: ManifestRule): SequenceRule | undefined {
  const detect = rule.detect;
  if (detect.kind !== "sequence" || (missingLayout(detect)?.trailing.length ?? 0) === 0) return undefined;
  return { ...rule, detect };
}

/** The alert of a sequence whose positive events are `events`. */
export function sequenceFired(rule: SequenceRule, events: readonly MatchRecord[]): Fired {
  const last = events[events.length - 1];
  const key = last === undefined ? {} : capturedValues(rule, last, "join");
  const windowNs = rule.detect.maxspanMs === undefined ? 0n : sequenceWindowNs(rule);
  const detection: AlertDetection = { kind: "sequence", key, count: events.length, windowNs };
  return { evidence: events, detection };
}

export function observeSequence(rule: SequenceRule, ruleKey: string, m: MatchRecord, store: KeyedWindowStore<PartialSequence>, skips: DetectorSkips): Fired | undefined {
  const { steps, maxspanMs } = rule.detect;
  const windowNs = sequenceWindowNs(rule);
  if (maxspanMs !== undefined && m.timeNs === undefined) {
    skips.untimed++;
    return undefined;
  }
  const timeNs = m.timeNs ?? 0n;
  store.observe(ruleKey, windowNs, timeNs);
  const key = joinKey(rule, m);
  if (key === undefined) {
    skips.ungrouped++;
    return undefined;
  }
  if (m.step === steps) {
    for (let i = 1; i < steps; i++) store.clear(ruleKey, `${i}|${key}`);
    return undefined;
  }
  const layout = missingLayout(rule.detect);
  if (layout !== undefined && !layout.positive.includes(m.step)) {
    recordMissing(rule, ruleKey, layout, m, key, store, windowNs);
    return undefined;
  }
  const next = nextPositive(layout, m.step, steps);
  let events: PartialSequence = [m];
  let started = timeNs;
  if (m.step !== (layout?.positive[0] ?? 0)) {
    const waiting = store.take(ruleKey, `${m.step}|${key}`);
    if (waiting === undefined) return undefined;
    events = [...waiting.value, m];
    started = waiting.timeNs;
  }
  if (next !== undefined) {
    store.put(ruleKey, windowNs, `${next}|${key}`, { timeNs: started, value: events });
    return undefined;
  }
  if (layout === undefined) return sequenceFired(rule, events);
  const verdict = judge(ruleKey, layout, events, key, store, windowNs);
  if (verdict.kind === "hold") hold(ruleKey, events, verdict.deadline, store, windowNs);
  return verdict.kind === "accept" ? sequenceFired(rule, events) : undefined;
}
