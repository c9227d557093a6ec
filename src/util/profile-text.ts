/**
 * @fileoverview --profile-rules' text on stderr: what was measured, then the costliest
 * rules, one per line. Pure, so the wording is unit-tested.
 */
import type { RuleProfile } from "../runtime/profile/rule-cost.js";
import { formatBytes, formatCount } from "./progress/format.js";

export const PROFILE_LISTED = 20;

export function profileLines(p: RuleProfile): string[] {
  const head =
    `kestrel: rule profile: each rule built alone, its Wasm scan timed over the first ${formatBytes(p.bytes)} (${formatCount(p.events)} events) of the input, ` +
    `best of ${p.repeats}; "own" is that less a rule-less scan (${p.baselineMs.toFixed(2)} ms: JSON parsing and framing), so near 0 is within timing noise; ` +
    "stateful detection and shared tests are not included";
  const of = p.rules.length > PROFILE_LISTED ? ` (costliest ${PROFILE_LISTED} of ${p.rules.length})` : "";
  return [
    head,
    `kestrel: slowest rules${of}:`,
    `  ${"scan ms".padStart(9)}  ${"own ms".padStart(8)}  ${"own µs/1k ev".padStart(12)}  ${"matches".padStart(8)}  rule`,
    ...p.rules
      .slice(0, PROFILE_LISTED)
      .map((r) => `  ${r.scanMs.toFixed(2).padStart(9)}  ${r.ms.toFixed(2).padStart(8)}  ${r.usPer1kEvents.toFixed(1).padStart(12)}  ${String(r.matches).padStart(8)}  ${r.id}`),
  ];
}
