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
import type { AlertDetection } from "../alert.js";
import { capturedValues, type MatchRecord } from "../records.js";
import type { KeyedWindowStore } from "./window-store.js";

export interface ThresholdSkips {
  untimed: number;
  ungrouped: number;
  late: number;
}

export interface Fired {
  readonly evidence: readonly MatchRecord[];
  readonly detection: AlertDetection;
}

/** The group key of a record: its captures' hashes, which the Wasm computed from canonical values. */
export function captureKey(m: MatchRecord): string {
  return m.captures.map((c) => c.hash.toString(16)).join(":");
}

/**
 * The join key of a sequence or join step's record: a missing or null value is the value
 * "null" where the step's capture is nullable, and otherwise makes the record unusable
 * (undefined).
 */
export function joinKey(rule: ManifestRule, m: MatchRecord): string | undefined {
  const specs = rule.steps.find((s) => s.step === m.step)?.captures ?? [];
  const parts: string[] = [];
  for (const [i, c] of m.captures.entries()) {
    const absent = c.tag === abi.TAG_MISSING || c.tag === abi.TAG_NULL;
    if (absent && specs[i]?.nullable !== true) return undefined;
    parts.push(absent ? "null" : c.hash.toString(16));
  }
  return parts.join(":");
}

export function observeThreshold(
  rule: ManifestRule & { readonly detect: { readonly kind: "threshold" } },
  ruleKey: string,
  m: MatchRecord,
  store: KeyedWindowStore<MatchRecord>,
  skips: ThresholdSkips,
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
