/**
 * @fileoverview The sequence detector (IR `sequence`; EQL sequences), over the keyed
 * window store. Per rule, the store key `<step>|<join key>` holds the one partial
 * sequence waiting for that step: step 0 starts one (replacing any waiting at step 1),
 * step i moves the one waiting at i on to i+1, and the last step completes it into an
 * alert. `until` (after the steps of the same event) drops the join key's partial sequences. An entry's time is its first
 * event's, so with `maxspan` the store's window expires partial sequences that started
 * too long before the rule's newest event. The caller hands over one event's records of
 * a rule at a time, later steps before earlier ones and `until` last (detector.ts stepRank).
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import type { AlertDetection } from "../alert.js";
import { capturedValues, type MatchRecord } from "../records.js";
import { joinKey, UNBOUNDED_WINDOW_NS, type DetectorSkips, type Fired } from "./detector.js";
import type { KeyedWindowStore } from "./window-store.js";

export type SequenceRule = ManifestRule & { readonly detect: { readonly kind: "sequence" } };
export type PartialSequence = readonly MatchRecord[];

export function observeSequence(rule: SequenceRule, ruleKey: string, m: MatchRecord, store: KeyedWindowStore<PartialSequence>, skips: DetectorSkips): Fired | undefined {
  const { steps, maxspanMs } = rule.detect;
  const windowNs = maxspanMs === undefined ? UNBOUNDED_WINDOW_NS : BigInt(maxspanMs) * 1_000_000n;
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
  if (m.step === 0) {
    store.put(ruleKey, windowNs, `1|${key}`, { timeNs, value: [m] });
    return undefined;
  }
  const waiting = store.take(ruleKey, `${m.step}|${key}`);
  if (waiting === undefined) return undefined;
  const events = [...waiting.value, m];
  if (m.step + 1 < steps) {
    store.put(ruleKey, windowNs, `${m.step + 1}|${key}`, { timeNs: waiting.timeNs, value: events });
    return undefined;
  }
  const detection: AlertDetection = { kind: "sequence", key: capturedValues(rule, m, "join"), count: events.length, windowNs: maxspanMs === undefined ? 0n : windowNs };
  return { evidence: events, detection };
}
