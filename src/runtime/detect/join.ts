/**
 * @fileoverview The join detector (IR `join`; the reference EQL engine's joins), over the
 * keyed window store. Per rule, the store key `j|<join key>` holds one slot per step; the
 * first event passing a step fills its slot, in any order, and when every slot is filled
 * the slots in step order are an alert's evidence and the key starts afresh. `until`
 * empties the key's slots. Joins have no time bound: only the store's caps limit them.
 * The caller hands over one event's records of a rule in step order, `until` last
 * (stepRank), so one event may fill several slots.
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import { capturedValues, type MatchRecord } from "../records.js";
import { joinKey, UNBOUNDED_WINDOW_NS, type DetectorSkips, type Fired } from "./detector.js";
import type { KeyedWindowStore } from "./window-store.js";

export type JoinRule = ManifestRule & { readonly detect: { readonly kind: "join" } };
export type JoinSlots = readonly (MatchRecord | undefined)[];

export function observeJoin(rule: JoinRule, ruleKey: string, m: MatchRecord, store: KeyedWindowStore<JoinSlots>, skips: DetectorSkips): Fired | undefined {
  const { steps } = rule.detect;
  const values = joinKey(rule, m);
  if (values === undefined) {
    skips.ungrouped++;
    return undefined;
  }
  const key = `j|${values}`;
  if (m.step === steps) {
    store.clear(ruleKey, key);
    return undefined;
  }
  const held = store.take(ruleKey, key)?.value ?? Array.from({ length: steps }, () => undefined);
  const slots = held[m.step] === undefined ? held.map((s, i) => (i === m.step ? m : s)) : held;
  const filled = slots.filter((s): s is MatchRecord => s !== undefined);
  if (filled.length < steps) {
    store.put(ruleKey, UNBOUNDED_WINDOW_NS, key, { timeNs: 0n, value: slots });
    return undefined;
  }
  return { evidence: filled, detection: { kind: "join", key: capturedValues(rule, m, "join"), count: filled.length, windowNs: 0n } };
}
