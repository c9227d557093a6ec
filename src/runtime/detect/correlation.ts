/**
 * @fileoverview The correlation detector (IR `correlation`; Sigma correlation rules), over
 * the keyed window store: per rule and group key, the records of the events that passed
 * a step, in arrival order, within the window. After each record is added, the key's
 * live records are measured by the correlation's type (measure.ts) and the condition's
 * bounds decide whether it fires; a fired key starts afresh (except value_percentile,
 * whose window is its baseline). For the aggregating types an event counts once per key
 * however many steps it passes (the detector remembers the keys of the event it is on);
 * records without a time, a group-by value or (for the value types) a usable value are
 * skipped and tallied. The caller hands over one event's records of a rule together,
 * temporal_ordered's later steps first (detector.ts stepRank).
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import { abi } from "../../../compiler/package/abi.js";
import { capturedValues, type Capture, type MatchRecord } from "../records.js";
import type { DetectorSkips, Fired } from "./detector.js";
import { boundsHold, measureCorrelation, usableValue } from "./measure.js";
import type { KeyedWindowStore } from "./window-store.js";

export type CorrelationRule = ManifestRule & { readonly detect: { readonly kind: "correlation" } };

/** The captures of a record with `role`, in order. */
export function capturesWithRole(rule: ManifestRule, m: MatchRecord, role: "group" | "value"): Capture[] {
  const specs = rule.steps.find((s) => s.step === m.step)?.captures ?? [];
  return m.captures.filter((_, i) => specs[i]?.role === role);
}

const absent = (c: Capture): boolean => c.tag === abi.TAG_MISSING || c.tag === abi.TAG_NULL;

export class CorrelationDetector {
  /** Per rule: the event its last record came from and the keys that event was counted under. */
  private readonly current = new Map<string, { readonly event: string; readonly keys: Set<string> }>();

  observe(rule: CorrelationRule, ruleKey: string, m: MatchRecord, store: KeyedWindowStore<MatchRecord>, skips: DetectorSkips): Fired | undefined {
    const { type, windowMs, condition } = rule.detect;
    if (m.timeNs === undefined) {
      skips.untimed++;
      return undefined;
    }
    const group = capturesWithRole(rule, m, "group");
    if (group.some(absent) || !usableValue(type, capturesWithRole(rule, m, "value")[0])) {
      skips.ungrouped++;
      return undefined;
    }
    const key = group.map((c) => c.hash.toString(16)).join(":");
    if (type !== "temporal" && type !== "temporal_ordered" && this.countedBefore(ruleKey, m, key)) return undefined;
    const windowNs = BigInt(windowMs) * 1_000_000n;
    const live = store.add(ruleKey, windowNs, key, { timeNs: m.timeNs, value: m });
    if (live === undefined) {
      skips.late++;
      return undefined;
    }
    const valueOf = (r: MatchRecord): Capture | undefined => capturesWithRole(rule, r, "value")[0];
    const measured = measureCorrelation(type, rule.detect.steps, live.map((e) => e.value), valueOf);
    if (!boundsHold(condition, measured.value)) return undefined;
    if (type !== "value_percentile") store.clear(ruleKey, key);
    const detection = { kind: type, key: capturedValues(rule, m, "group"), count: measured.evidence.length, windowNs, value: measured.value };
    return { evidence: measured.evidence, detection };
  }

  /** Whether the record's event was already counted under `key` (then it is not counted again); remembers it. */
  private countedBefore(ruleKey: string, m: MatchRecord, key: string): boolean {
    const event = `${m.source}\0${m.line}`;
    let cur = this.current.get(ruleKey);
    if (cur?.event !== event) this.current.set(ruleKey, (cur = { event, keys: new Set() }));
    if (cur.keys.has(key)) return true;
    cur.keys.add(key);
    return false;
  }
}
