/**
 * @fileoverview What the stateful detectors (threshold, sequence, join, correlation) share: what one
 * hands back when it fires, the skips they count, the keys they file records under, the
 * window of a detector with no time bound, and the order in which they take one event's
 * records of a rule.
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import { abi } from "../../../compiler/package/abi.js";
import type { AlertDetection } from "../alert.js";
import type { MatchRecord } from "../records.js";

/** Records a detector could not use, by reason (the run summary's state counters). */
export interface DetectorSkips {
  untimed: number;
  ungrouped: number;
  late: number;
}

export interface Fired {
  readonly evidence: readonly MatchRecord[];
  readonly detection: AlertDetection;
}

/** A window wider than any time difference: nothing in it expires (sequences without maxspan, joins). */
export const UNBOUNDED_WINDOW_NS = 1n << 80n;

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

/**
 * Processing order of one event's records of a rule: a sequence's steps from the last down
 * to step 0 (so one event never fills two steps of one sequence), a join's in step order
 * (one event may fill several slots); a correlation's in step order, temporal_ordered's
 * from the last down (one event never fills two of its steps); `until` last, as Elasticsearch has it: an event that
 * also passes `until` still completes the sequence it ends.
 */
export function stepRank(rule: ManifestRule, step: number): number {
  const d = rule.detect;
  if (d.kind === "correlation") return d.type === "temporal_ordered" ? -step : step;
  if ((d.kind === "sequence" || d.kind === "join") && step === d.steps) return Number.MAX_SAFE_INTEGER;
  return d.kind === "join" ? step : -step;
}
