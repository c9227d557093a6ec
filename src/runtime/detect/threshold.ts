/**
 * @fileoverview The threshold detector (IR `threshold`; Elastic threshold rules, Sigma's
 * event_count correlation): per rule and group-by key, count the events that passed the
 * rule's predicate; when `count` of them are live in the window, raise one alert whose
 * evidence is those events, and start counting that key afresh. Window semantics are the
 * store's (event time, per-rule watermark). Events without a time, or missing a group-by
 * value, are not counted; each is tallied in the detector's skip counters.
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import { abi } from "../../../compiler/package/abi.js";
import { capturedValues, type MatchRecord } from "../records.js";
import { captureKey, type DetectorSkips, type Fired } from "./detector.js";
import type { KeyedWindowStore } from "./window-store.js";

export function observeThreshold(
  rule: ManifestRule & { readonly detect: { readonly kind: "threshold" } },
  ruleKey: string,
  m: MatchRecord,
  store: KeyedWindowStore<MatchRecord>,
  skips: DetectorSkips,
): Fired | undefined {
  if (m.timeNs === undefined) {
    skips.untimed++;
    return undefined;
  }
  if (m.captures.some((c) => c.tag === abi.TAG_MISSING || c.tag === abi.TAG_NULL)) {
    skips.ungrouped++;
    return undefined;
  }
  const windowNs = BigInt(rule.detect.windowMs) * 1_000_000n;
  const key = captureKey(m);
  const live = store.add(ruleKey, windowNs, key, { timeNs: m.timeNs, value: m });
  if (live === undefined) {
    skips.late++;
    return undefined;
  }
  if (live.length < rule.detect.count) return undefined;
  store.clear(ruleKey, key);
  return { evidence: live.map((e) => e.value), detection: { kind: "threshold", key: capturedValues(rule, m, "group"), count: live.length, windowNs } };
}
